import { api, requireUuid } from "@/server/http/handler";
import { revokeToken } from "@/server/services/manage-tokens";
import { requireActor } from "@/server/services/access";

export const DELETE = api<{ id: string }>(async ({ ctx, actor, params }) => {
  await revokeToken(ctx, requireActor(actor), requireUuid(params.id, "token"));
  return new Response(null, { status: 204 });
});
