// GET /boards/:slug/ledger/events: the ledger in order, a page at a time, readable by whoever reads the board.
import type { Prisma } from "../db/generated/client";
import type { EconomicEventDto, EconomicEventPage, ListEconomicEventsQuery } from "../domain/ledger-schemas";
import type { Actor, ServiceContext } from "./context";
import { loadReadableBoard } from "./access";
import { ledgerSpecSelect, orgRefSelect } from "./ledger-record";

const eventSelect = {
  id: true,
  seq: true,
  action: true,
  quantity: true,
  unit: true,
  locationName: true,
  lat: true,
  lng: true,
  toLocationName: true,
  toLat: true,
  toLng: true,
  occurredAt: true,
  recordedAt: true,
  recordedById: true,
  note: true,
  claimId: true,
  correctsId: true,
  hash: true,
  previousHash: true,
  resourceSpec: { select: ledgerSpecSelect },
  provider: { select: orgRefSelect },
  receiver: { select: orgRefSelect },
} satisfies Prisma.EconomicEventSelect;

type EventRow = Prisma.EconomicEventGetPayload<{ select: typeof eventSelect }>;

const place = (name: string | null, lat: number | null, lng: number | null) =>
  lat !== null && lng !== null ? { name, lat, lng } : null;

export function economicEventToDto(r: EventRow, boardSlug: string, recorders: Map<string, string>): EconomicEventDto {
  return {
    id: r.id,
    board: boardSlug,
    seq: r.seq,
    action: r.action,
    resourceSpec: r.resourceSpec,
    quantity: Number(r.quantity),
    unit: r.unit,
    provider: r.provider,
    receiver: r.receiver,
    location: place(r.locationName, r.lat, r.lng),
    toLocation: place(r.toLocationName, r.toLat, r.toLng),
    occurredAt: r.occurredAt.toISOString(),
    recordedAt: r.recordedAt.toISOString(),
    recordedBy: r.recordedById ? { id: r.recordedById, name: recorders.get(r.recordedById) ?? "" } : null,
    note: r.note,
    claimId: r.claimId,
    corrects: r.correctsId,
    hash: r.hash,
    previousHash: r.previousHash,
  };
}

export async function listEconomicEvents(
  ctx: ServiceContext,
  actor: Actor | null,
  slug: string,
  q: ListEconomicEventsQuery,
): Promise<EconomicEventPage> {
  const { board } = await loadReadableBoard(ctx.prisma, slug, actor);
  const rows = await ctx.prisma.economicEvent.findMany({
    where: {
      boardId: board.id,
      seq: { gt: q.after },
      ...(q.agent ? { OR: [{ providerId: q.agent }, { receiverId: q.agent }] } : {}),
      ...(q.resourceSpecId ? { resourceSpecId: q.resourceSpecId } : {}),
      ...(q.claimId ? { claimId: q.claimId } : {}),
    },
    orderBy: { seq: "asc" },
    // One more than asked tells whether another page follows.
    take: q.limit + 1,
    select: eventSelect,
  });
  const page = rows.slice(0, q.limit);
  const recorderIds = [...new Set(page.flatMap((r) => (r.recordedById ? [r.recordedById] : [])))];
  const users = recorderIds.length
    ? await ctx.prisma.user.findMany({ where: { id: { in: recorderIds } }, select: { id: true, name: true } })
    : [];
  const recorders = new Map(users.map((u) => [u.id, u.name]));
  return {
    items: page.map((r) => economicEventToDto(r, board.slug, recorders)),
    nextAfter: rows.length > q.limit ? page.at(-1)!.seq : null,
  };
}
