import { api, json, requireUuid } from "@/server/http/handler";
import { reinforceSignal } from "@/server/services/change-signal";

export const POST = api<{ id: string }>(async ({ ctx, actor, params }) =>
  json(await reinforceSignal(ctx, actor, requireUuid(params.id, "signal"))),
);
