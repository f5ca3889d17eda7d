import { api, json, requireUuid } from "@/server/http/handler";
import { patchSignalSchema } from "@/server/domain/schemas";
import { getSignal } from "@/server/services/read-signal";
import { updateSignal } from "@/server/services/change-signal";

export const GET = api<{ id: string }>(async ({ ctx, actor, params }) =>
  json(await getSignal(ctx, actor, requireUuid(params.id, "signal"))),
);

export const PATCH = api<{ id: string }>(async ({ ctx, actor, params, body }) => {
  const id = requireUuid(params.id, "signal");
  return json(await updateSignal(ctx, actor, id, await body(patchSignalSchema)));
});
