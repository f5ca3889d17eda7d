import { api, json, requireUuid } from "@/server/http/handler";
import { getSignalHistory } from "@/server/services/read-signal";

export const GET = api<{ id: string }>(async ({ ctx, actor, params }) =>
  json({ events: await getSignalHistory(ctx, actor, requireUuid(params.id, "signal")) }),
);
