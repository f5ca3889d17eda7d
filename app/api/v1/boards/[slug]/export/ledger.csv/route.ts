import { api } from "@/server/http/handler";
import { exportLedgerCsv } from "@/server/services/export-ledger";
import { csvResponse } from "@/server/services/export-csv-stream";

export const GET = api<{ slug: string }>(async ({ ctx, actor, params }) => {
  const { board, stream } = await exportLedgerCsv(ctx, actor, params.slug);
  return csvResponse(stream, `${board.slug}-ledger.csv`);
});
