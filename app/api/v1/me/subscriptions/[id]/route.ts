import { api, requireUuid } from "@/server/http/handler";
import { requireActor } from "@/server/services/access";
import { deleteSubscription } from "@/server/services/subscriptions";

export const DELETE = api<{ id: string }>(async ({ ctx, actor, params }) => {
  await deleteSubscription(ctx, requireActor(actor), requireUuid(params.id, "subscription"));
  return new Response(null, { status: 204 });
});
