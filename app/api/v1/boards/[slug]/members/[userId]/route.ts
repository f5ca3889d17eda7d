import { api, requireUuid } from "@/server/http/handler";
import { removeMember } from "@/server/services/remove-member";
import { requireActor } from "@/server/services/access";

/** `me`: leave the board. A user id: a steward removes that member. Never the last steward. */
export const DELETE = api<{ slug: string; userId: string }>(async ({ ctx, actor, params }) => {
  const me = requireActor(actor);
  const userId = params.userId === "me" ? me.userId : requireUuid(params.userId, "member");
  await removeMember(ctx, me, params.slug, userId);
  return new Response(null, { status: 204 });
});
