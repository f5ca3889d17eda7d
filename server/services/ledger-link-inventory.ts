// PUT /signals/:id/inventory: the owner of a stock signal links it to an organization's inventory on the
// board (or unlinks it). Linked, its quantity follows the ledger at once and at every later event (ADR 022).
import { DomainError } from "../domain/errors";
import type { SignalDto } from "../domain/dto";
import type { LinkInventoryInput } from "../domain/ledger-schemas";
import { assert, canActOnBehalfOf, canEditSignal } from "../domain/permissions";
import { compareQty } from "../domain/quantity";
import { deriveSignalStatus } from "../domain/signal-rules";
import type { Actor, ServiceContext } from "./context";
import { loadSignalAccess, requireActor } from "./access";
import { writeWithEvents } from "./event-log";
import { lockLedgerHead } from "./ledger-append";
import { linkedQuantity, onHandTotals } from "./ledger-linked-signals";
import { lockSignal } from "./lock-signal";
import { loadSignalDto } from "./signal-view";

export async function linkSignalInventory(
  ctx: ServiceContext,
  actorOrNull: Actor | null,
  signalId: string,
  input: LinkInventoryInput,
): Promise<SignalDto> {
  const actor = requireActor(actorOrNull);
  const { signal, viewer } = await loadSignalAccess(ctx.prisma, signalId, actor);
  assert(canEditSignal(viewer, signal), "FORBIDDEN", "Only the signal's owner can link it to an inventory");
  if (signal.kind !== "stock")
    throw new DomainError("VALIDATION_FAILED", "Only a stock signal can follow an inventory", {
      inventoryOf: ["only a stock signal can follow an inventory"],
    });
  const orgId = input.inventoryOf;
  if (orgId !== null && !canActOnBehalfOf(viewer, orgId))
    throw new DomainError("FORBIDDEN", "You can link only the inventory of an organization you belong to", {
      inventoryOf: ["not one of your organizations"],
    });
  const { board } = signal;
  return writeWithEvents(ctx, board.id, async (tx, emit) => {
    // The ledger's lock order: its head before any signal, so a racing append cannot miss this link.
    await lockLedgerHead(tx, board.id);
    const s = await lockSignal(tx, signalId);
    if (s.status === "withdrawn") throw new DomainError("SIGNAL_NOT_OPEN", "This signal was withdrawn");
    let quantity = s.quantity;
    if (orgId !== null) {
      const spec = await tx.signal.findUniqueOrThrow({ where: { id: signalId }, select: { resourceSpecId: true } });
      const totals = await onHandTotals(tx, board.id, [{ agentId: orgId, resourceSpecId: spec.resourceSpecId }]);
      quantity = linkedQuantity(totals.get(`${orgId}/${spec.resourceSpecId}`) ?? 0, s);
    }
    await tx.signal.update({
      where: { id: signalId },
      data: {
        inventoryOfId: orgId,
        ...(compareQty(quantity, s.quantity) !== 0 ? { quantity, status: deriveSignalStatus({ ...s, quantity }) } : {}),
      },
    });
    const dto = (await loadSignalDto(tx, signalId, ctx))!;
    await emit({ boardSlug: board.slug, type: "signal.updated", actor, signalId, data: { signal: dto } });
    return dto;
  });
}
