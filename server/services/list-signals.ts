// The board's list. Intensity depends on the clock, so ordering by heat (or distance) happens here, not in
// SQL: a light first pass scores every matching signal, then only the page's signals are loaded in full.
// The cursor is an offset into that ordering; heat drifts slowly, so a page boundary may shift by a card.
import { computeIntensity } from "../domain/intensity";
import { haversineKm, type LatLng } from "../domain/geo";
import { DomainError } from "../domain/errors";
import { deadlineOf } from "../domain/signal-rules";
import type { SignalPage } from "../domain/dto";
import type { ListSignalsQuery } from "../domain/schemas";
import type { Prisma } from "../db/generated/client";
import type { Actor, ServiceContext } from "./context";
import { loadReadableBoard } from "./access";
import { loadSignalDtos } from "./signal-view";
import { likeLiteral } from "../db/like";

const DEFAULT_STATUSES = ["open", "claimed"] as const;

function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const m = /^o(\d{1,7})$/.exec(cursor);
  if (!m) throw new DomainError("VALIDATION_FAILED", "Invalid cursor", { cursor: ["use the nextCursor of a previous page"] });
  return Number(m[1]);
}

export async function listSignals(
  ctx: ServiceContext,
  actor: Actor | null,
  slug: string,
  query: ListSignalsQuery,
): Promise<SignalPage> {
  const { board } = await loadReadableBoard(ctx.prisma, slug, actor);
  const offset = decodeCursor(query.cursor);
  const near: LatLng | null = query.near ?? null;
  const q = query.q ? likeLiteral(query.q) : undefined;
  const where: Prisma.SignalWhereInput = {
    boardId: board.id,
    status: { in: query.status ?? [...DEFAULT_STATUSES] },
    ...(query.kind && { kind: { in: query.kind } }),
    ...(query.resourceSpecId && { resourceSpecId: query.resourceSpecId }),
    ...(q && {
      OR: [
        { title: { contains: q, mode: "insensitive" } },
        { note: { contains: q, mode: "insensitive" } },
        { resourceSpec: { name: { contains: q, mode: "insensitive" } } },
      ],
    }),
  };
  const rows = await ctx.prisma.signal.findMany({
    where,
    select: {
      id: true,
      kind: true,
      status: true,
      quantity: true,
      claimedQuantity: true,
      dueAt: true,
      availableUntil: true,
      reinforcementCount: true,
      refreshedAt: true,
      createdAt: true,
      lat: true,
      lng: true,
    },
  });
  const now = ctx.now();
  let scored = rows.map((r) => {
    const live = r.status === "open" || r.status === "claimed";
    const heat = live
      ? computeIntensity(
          {
            kind: r.kind,
            quantity: Number(r.quantity),
            claimedQuantity: Number(r.claimedQuantity),
            dueAt: r.dueAt,
            availableUntil: r.availableUntil,
            reinforcementCount: r.reinforcementCount,
            refreshedAt: r.refreshedAt,
          },
          now,
          ctx.intensity,
        ).intensity
      : 0;
    const distanceKm = near && r.lat !== null && r.lng !== null ? haversineKm(near, { lat: r.lat, lng: r.lng }) : null;
    const due = deadlineOf(r)?.getTime() ?? null;
    return { id: r.id, heat, distanceKm, due, created: r.createdAt.getTime() };
  });
  if (near && query.radiusKm !== undefined) {
    const radius = query.radiusKm;
    scored = scored.filter((s) => s.distanceKm !== null && s.distanceKm <= radius);
  }
  const last = Number.POSITIVE_INFINITY;
  const sort = query.sort ?? "intensity";
  scored.sort((a, b) => {
    const byNew = b.created - a.created || a.id.localeCompare(b.id);
    if (sort === "new") return byNew;
    if (sort === "due") return (a.due ?? last) - (b.due ?? last) || b.heat - a.heat || byNew;
    if (sort === "distance") return (a.distanceKm ?? last) - (b.distanceKm ?? last) || b.heat - a.heat || byNew;
    return b.heat - a.heat || byNew;
  });
  const page = scored.slice(offset, offset + query.limit);
  const items = await loadSignalDtos(ctx.prisma, page.map((p) => p.id), ctx, actor?.userId);
  const distances = new Map(page.map((p) => [p.id, p.distanceKm]));
  for (const item of items) {
    const d = distances.get(item.id);
    if (d !== null && d !== undefined) item.distanceKm = Math.round(d * 10) / 10;
  }
  const nextOffset = offset + page.length;
  return { items, nextCursor: nextOffset < scored.length ? `o${nextOffset}` : null };
}
