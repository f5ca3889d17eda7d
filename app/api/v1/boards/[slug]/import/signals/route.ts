import { api, json } from "@/server/http/handler";
import { importQuerySchema, MAX_IMPORT_BYTES } from "@/server/domain/csv-import";
import { importSignals } from "@/server/services/import-signals";

export const POST = api<{ slug: string }>(
  async ({ ctx, actor, params, query, text }) => {
    const opts = query(importQuerySchema);
    const result = await importSignals(ctx, actor, params.slug, text, opts);
    return json(result, result.created > 0 && !result.dryRun ? 201 : 200);
  },
  { textBody: { mediaType: "text/csv", maxBytes: MAX_IMPORT_BYTES } },
);
