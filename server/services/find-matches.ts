// GET /signals/:id/matches: the open capacity and stock on the request's board that could fill it, ranked
// and explained by the pure rule in server/domain/matching.ts (ADR 034).
import type { SignalDto } from "../domain/dto";
import { DomainError } from "../domain/errors";
import { rankMatches, type MatchSource, type RankedMatch, type TrackRecord } from "../domain/matching";
import type { Actor, ServiceContext } from "./context";
import { loadSignalAccess } from "./access";
import { acceptedSpecsFor } from "./resource-substitutes";
import { loadSignalDtos } from "./signal-view";

type Db = ServiceContext["prisma"];

/** More open offers than this of one resource on one board are ranked from the most recently refreshed. */
const MAX_SOURCES = 300;

export type MatchDto = Omit<RankedMatch, "sourceId"> & { signal: SignalDto };

const ENDED = ["delivered", "released", "lapsed"] as const;

/** Whose record an offer carries: the organization it speaks for, else its owner. */
export function agentKeyOf(s: Pick<SignalDto, "onBehalfOf" | "owner">): string {
  return s.onBehalfOf ? `org:${s.onBehalfOf.id}` : `user:${s.owner.id}`;
}

/**
 * Each agent's ended claims and how many of them were delivered: an organization's claims made on its
 * behalf, a person's claims made by them. Live claims are not yet a record either way.
 */
export async function loadTrackRecords(db: Db, keys: Iterable<string>): Promise<Map<string, TrackRecord>> {
  const orgIds: string[] = [];
  const userIds: string[] = [];
  for (const k of new Set(keys)) (k.startsWith("org:") ? orgIds : userIds).push(k.slice(k.indexOf(":") + 1));
  const records = new Map<string, TrackRecord>();
  const add = (key: string, status: string, n: number) => {
    const r = records.get(key) ?? { delivered: 0, ended: 0 };
    r.ended += n;
    if (status === "delivered") r.delivered += n;
    records.set(key, r);
  };
  if (orgIds.length) {
    const rows = await db.claim.groupBy({
      by: ["onBehalfOfId", "status"],
      where: { onBehalfOfId: { in: orgIds }, status: { in: [...ENDED] } },
      _count: { _all: true },
    });
    for (const r of rows) add(`org:${r.onBehalfOfId}`, r.status, r._count._all);
  }
  if (userIds.length) {
    const rows = await db.claim.groupBy({
      by: ["claimerId", "status"],
      where: { claimerId: { in: userIds }, status: { in: [...ENDED] } },
      _count: { _all: true },
    });
    for (const r of rows) add(`user:${r.claimerId}`, r.status, r._count._all);
  }
  return records;
}

export function toMatchSource(s: SignalDto): MatchSource {
  return {
    id: s.id,
    kind: s.kind as "capacity" | "stock",
    resourceSpecId: s.resourceSpec.id,
    resourceName: s.resourceSpec.name,
    unit: s.unit,
    remaining: s.remainingQuantity,
    rate: s.rate?.quantity ?? null,
    calendar: s.calendar?.map((w) => ({ week: w.week, free: w.free })) ?? null,
    availableFrom: s.availableFrom ? new Date(s.availableFrom) : null,
    availableUntil: s.availableUntil ? new Date(s.availableUntil) : null,
    location: s.location ? { lat: s.location.lat, lng: s.location.lng } : null,
    agentKey: agentKeyOf(s),
  };
}

export async function findMatches(ctx: ServiceContext, actor: Actor | null, id: string): Promise<{ items: MatchDto[] }> {
  const { signal } = await loadSignalAccess(ctx.prisma, id, actor);
  if (signal.kind !== "need" && signal.kind !== "order") {
    throw new DomainError("NOT_A_REQUEST", "Matches are listed for needs and orders; this signal is an offer");
  }
  const [request] = await loadSignalDtos(ctx.prisma, [id], ctx);
  if (!request || request.status !== "open" || request.remainingQuantity <= 0) return { items: [] };
  const accepted = (await acceptedSpecsFor(ctx.prisma, [request.resourceSpec.id])).get(request.resourceSpec.id)!;
  const rows = await ctx.prisma.signal.findMany({
    where: { boardId: signal.board.id, status: "open", kind: { in: ["capacity", "stock"] }, resourceSpecId: { in: accepted } },
    orderBy: [{ refreshedAt: "desc" }, { id: "asc" }],
    take: MAX_SOURCES,
    select: { id: true },
  });
  const sources = await loadSignalDtos(ctx.prisma, rows.map((r) => r.id), ctx, actor?.userId ?? null);
  const names = new Map(sources.map((s) => [s.resourceSpec.id, s.resourceSpec.name]));
  const records = await loadTrackRecords(ctx.prisma, sources.map(agentKeyOf));
  const ranked = rankMatches({
    request: {
      resourceSpecId: request.resourceSpec.id,
      remaining: request.remainingQuantity,
      dueAt: request.dueAt ? new Date(request.dueAt) : null,
      location: request.location,
    },
    sources: sources.map(toMatchSource),
    accepted: new Map(accepted.map((a) => [a, names.get(a) ?? ""])),
    records,
    now: ctx.now(),
  });
  const byId = new Map(sources.map((s) => [s.id, s]));
  return { items: ranked.map(({ sourceId, ...m }) => ({ signal: byId.get(sourceId)!, ...m })) };
}
