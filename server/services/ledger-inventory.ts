// GET /boards/:slug/inventory: stock per organization, resource and place, read from the projection the
// ledger keeps in the same transaction as every event (ADR 021).
import type { InventoryItemDto, InventoryQuery } from "../domain/ledger-schemas";
import type { Actor, ServiceContext } from "./context";
import { loadReadableBoard } from "./access";
import { ledgerSpecSelect, orgRefSelect } from "./ledger-record";

export async function listInventory(
  ctx: ServiceContext,
  actor: Actor | null,
  slug: string,
  q: InventoryQuery,
): Promise<{ items: InventoryItemDto[] }> {
  const { board } = await loadReadableBoard(ctx.prisma, slug, actor);
  const rows = await ctx.prisma.economicResource.findMany({
    where: {
      boardId: board.id,
      ...(q.agent ? { agentId: q.agent } : {}),
      ...(q.resourceSpecId ? { resourceSpecId: q.resourceSpecId } : {}),
      // A stock that went back to nothing on both counts is no longer anyone's inventory.
      OR: [{ onHand: { not: 0 } }, { accounting: { not: 0 } }],
    },
    orderBy: [{ agentId: "asc" }, { resourceSpecId: "asc" }, { locationKey: "asc" }],
    select: {
      locationName: true,
      lat: true,
      lng: true,
      onHand: true,
      accounting: true,
      agent: { select: orgRefSelect },
      resourceSpec: { select: ledgerSpecSelect },
    },
  });
  return {
    items: rows.map((r) => ({
      agent: r.agent,
      resourceSpec: r.resourceSpec,
      location: r.lat !== null && r.lng !== null ? { name: r.locationName, lat: r.lat, lng: r.lng } : null,
      onHand: Number(r.onHand),
      accounting: Number(r.accounting),
    })),
  };
}
