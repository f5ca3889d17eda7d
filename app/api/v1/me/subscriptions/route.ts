import { api, json } from "@/server/http/handler";
import { subscriptionInputSchema } from "@/server/domain/subscriptions";
import { requireActor } from "@/server/services/access";
import { createSubscription, listSubscriptions } from "@/server/services/subscriptions";

export const GET = api(async ({ ctx, actor }) => json({ items: await listSubscriptions(ctx, requireActor(actor)) }));

export const POST = api(async ({ ctx, actor, body }) => {
  const a = requireActor(actor);
  return json(await createSubscription(ctx, a, await body(subscriptionInputSchema)), 201);
});
