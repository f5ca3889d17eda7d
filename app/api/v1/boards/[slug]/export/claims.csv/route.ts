import { api } from "@/server/http/handler";
import { exportClaimsCsv } from "@/server/services/export-claims";
import { csvResponse } from "@/server/services/export-csv-stream";

export const GET = api<{ slug: string }>(async ({ ctx, actor, params }) => {
  const { board, stream } = await exportClaimsCsv(ctx, actor, params.slug);
  return csvResponse(stream, `${board.slug}-claims.csv`);
});
