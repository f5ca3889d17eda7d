// GET /boards/:slug/export/ledger.csv: a readable board's whole ledger in its order (ADR 024), with the
// hashes, so anyone can check the chain offline as well as read what moved where.
import { LEDGER_EXPORT_COLUMNS, ledgerCsvCells } from "../domain/csv-export";
import type { Actor, ServiceContext } from "./context";
import { loadReadableBoard } from "./access";
import { csvStream } from "./export-csv-stream";

export async function exportLedgerCsv(ctx: ServiceContext, actor: Actor | null, slug: string) {
  const { board } = await loadReadableBoard(ctx.prisma, slug, actor);
  const stream = csvStream(
    LEDGER_EXPORT_COLUMNS,
    async (after: number | null, take) => {
      const rows = await ctx.prisma.economicEvent.findMany({
        // The sequence never changes and only grows: paging by it writes every event once.
        where: { boardId: board.id, ...(after === null ? {} : { seq: { gt: after } }) },
        orderBy: { seq: "asc" },
        take,
        select: {
          id: true, seq: true, occurredAt: true, recordedAt: true, action: true, unit: true, quantity: true,
          locationName: true, lat: true, lng: true, toLocationName: true, toLat: true, toLng: true,
          claimId: true, correctsId: true, note: true, hash: true, previousHash: true,
          resourceSpec: { select: { name: true } },
          provider: { select: { id: true, name: true } },
          receiver: { select: { id: true, name: true } },
        },
      });
      return rows.map((r) => ({ ...r, quantity: Number(r.quantity) }));
    },
    ledgerCsvCells,
    (row) => row.seq,
  );
  return { board, stream };
}
