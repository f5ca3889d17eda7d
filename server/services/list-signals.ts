// The board's list: filtered, ordered and paged in the database (signal-page-sql.ts), then only the page's
// signals are loaded in full. Paging stays consistent while the board changes: every page of one listing
// is ordered as the board stood at the first page, scored at the first page's time (ADR 015).
import type { SignalPage } from "../domain/dto";
import type { ListSignalsQuery } from "../domain/schemas";
import type { Actor, ServiceContext } from "./context";
import { loadReadableBoard } from "./access";
import { loadSignalDtos } from "./signal-view";
import { decodeCursor, encodeCursor } from "./list-cursor";
import { pageSql, rowKey, type RawPageRow } from "./signal-page-sql";

export async function listSignals(
  ctx: ServiceContext,
  actor: Actor | null,
  slug: string,
  query: ListSignalsQuery,
): Promise<SignalPage> {
  const { board } = await loadReadableBoard(ctx.prisma, slug, actor);
  const now = ctx.now();
  const cursor = decodeCursor(query, board.lastSeq, now);
  const scoredAt = cursor ? new Date(cursor.t) : now;
  const rows = await ctx.prisma.$queryRaw<RawPageRow[]>(
    pageSql({
      boardId: board.id,
      now: scoredAt,
      watermark: cursor?.w ?? null,
      query,
      after: cursor?.k ?? null,
      intensity: ctx.intensity,
    }),
  );
  const page = rows.slice(0, query.limit);
  // Cards show each signal as it is now (one clock reading per request); only the order is the first page's.
  const view = { now: () => now, intensity: ctx.intensity };
  const items = await loadSignalDtos(ctx.prisma, page.map((r) => r.id), view, actor?.userId);
  const distances = new Map(page.map((r) => [r.id, r.dist]));
  for (const item of items) {
    const d = distances.get(item.id);
    if (d !== null && d !== undefined) item.distanceKm = Math.round(d * 10) / 10;
  }
  const last = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor(query, { t: scoredAt.getTime(), w: Number(last.w), k: rowKey(query.sort, last) })
      : null;
  return { items, nextCursor };
}
