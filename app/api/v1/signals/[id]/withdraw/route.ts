import { api, json, requireUuid } from "@/server/http/handler";
import { withdrawSignal } from "@/server/services/change-signal";

export const POST = api<{ id: string }>(async ({ ctx, actor, params }) =>
  json(await withdrawSignal(ctx, actor, requireUuid(params.id, "signal"))),
);
