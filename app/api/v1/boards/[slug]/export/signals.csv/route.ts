import { api } from "@/server/http/handler";
import { exportSignalsQuerySchema } from "@/server/domain/csv-export";
import { exportSignalsCsv } from "@/server/services/export-signals";
import { csvResponse } from "@/server/services/export-csv-stream";

export const GET = api<{ slug: string }>(async ({ ctx, actor, params, query }) => {
  const { board, stream } = await exportSignalsCsv(ctx, actor, params.slug, query(exportSignalsQuerySchema));
  return csvResponse(stream, `${board.slug}-signals.csv`);
});
