import { api, json, requireUuid } from "@/server/http/handler";
import { refreshSignal } from "@/server/services/change-signal";

export const POST = api<{ id: string }>(async ({ ctx, actor, params }) =>
  json(await refreshSignal(ctx, actor, requireUuid(params.id, "signal"))),
);
