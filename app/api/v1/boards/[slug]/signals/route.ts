import { api, json } from "@/server/http/handler";
import { createSignalSchema, listSignalsQuerySchema } from "@/server/domain/schemas";
import { listSignals } from "@/server/services/list-signals";
import { createSignal } from "@/server/services/create-signal";

export const GET = api<{ slug: string }>(async ({ ctx, actor, params, query }) =>
  json(await listSignals(ctx, actor, params.slug, query(listSignalsQuerySchema))),
);

export const POST = api<{ slug: string }>(async ({ ctx, actor, params, body }) =>
  json(await createSignal(ctx, actor, params.slug, await body(createSignalSchema)), 201),
);
