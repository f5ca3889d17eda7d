import { api, json, requireUuid } from "@/server/http/handler";
import { transitionClaimSchema } from "@/server/domain/schemas";
import { transitionClaim } from "@/server/services/transition-claim";

export const POST = api<{ id: string }>(async ({ ctx, actor, params, body }) => {
  const id = requireUuid(params.id, "claim");
  const { claim, signal } = await transitionClaim(ctx, actor, id, await body(transitionClaimSchema));
  return json({ ...claim, signal });
});
