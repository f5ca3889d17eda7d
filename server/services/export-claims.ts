// GET /boards/:slug/export/claims.csv: every claim on a readable board's signals, in every state.
import { CLAIM_EXPORT_COLUMNS, claimCsvCells } from "../domain/csv-export";
import type { Actor, ServiceContext } from "./context";
import { loadReadableBoard } from "./access";
import { afterKeyset, csvStream, KEYSET_ORDER } from "./export-csv-stream";

export async function exportClaimsCsv(ctx: ServiceContext, actor: Actor | null, slug: string) {
  const { board } = await loadReadableBoard(ctx.prisma, slug, actor);
  const stream = csvStream(
    CLAIM_EXPORT_COLUMNS,
    async (after, take) => {
      const rows = await ctx.prisma.claim.findMany({
        where: { signal: { boardId: board.id }, ...afterKeyset(after) },
        orderBy: KEYSET_ORDER,
        take,
        select: {
          id: true, quantity: true, status: true, promisedAt: true, note: true, createdAt: true, updatedAt: true,
          signal: { select: { id: true, externalId: true, kind: true, resourceSpec: { select: { name: true, unit: true } } } },
          claimer: { select: { name: true } },
          onBehalfOf: { select: { name: true } },
        },
      });
      return rows.map((r) => ({ ...r, quantity: Number(r.quantity) }));
    },
    claimCsvCells,
  );
  return { board, stream };
}
