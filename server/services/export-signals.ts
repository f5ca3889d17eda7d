// GET /boards/:slug/export/signals.csv: every signal of a readable board (or those of some statuses).
import type { SignalStatus } from "../domain/signal-rules";
import { SIGNAL_EXPORT_COLUMNS, signalCsvCells } from "../domain/csv-export";
import type { Actor, ServiceContext } from "./context";
import { loadReadableBoard } from "./access";
import { afterKeyset, csvStream, KEYSET_ORDER } from "./export-csv-stream";

export async function exportSignalsCsv(ctx: ServiceContext, actor: Actor | null, slug: string, opts: { status?: SignalStatus[] }) {
  // Checked before the stream starts, so an outsider gets a plain 404 and no headers of a download.
  const { board } = await loadReadableBoard(ctx.prisma, slug, actor);
  const stream = csvStream(
    SIGNAL_EXPORT_COLUMNS,
    async (after, take) => {
      const rows = await ctx.prisma.signal.findMany({
        where: { boardId: board.id, ...(opts.status ? { status: { in: opts.status } } : {}), ...afterKeyset(after) },
        orderBy: KEYSET_ORDER,
        take,
        select: {
          id: true, kind: true, quantity: true, claimedQuantity: true, deliveredQuantity: true, title: true, note: true,
          locationName: true, lat: true, lng: true, dueAt: true, availableFrom: true, availableUntil: true, rateQuantity: true, externalId: true,
          status: true, createdAt: true, updatedAt: true,
          resourceSpec: { select: { name: true, unit: true } },
          onBehalfOf: { select: { name: true } },
          owner: { select: { name: true } },
        },
      });
      return rows.map((r) => ({
        ...r,
        quantity: Number(r.quantity),
        claimedQuantity: Number(r.claimedQuantity),
        deliveredQuantity: Number(r.deliveredQuantity),
        rateQuantity: r.rateQuantity === null ? null : Number(r.rateQuantity),
      }));
    },
    signalCsvCells,
  );
  return { board, stream };
}
