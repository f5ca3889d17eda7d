import { api, requireUuid } from "@/server/http/handler";
import { requireActor } from "@/server/services/access";
import { removeSubstitute } from "@/server/services/resource-substitutes";

export const DELETE = api<{ id: string; substituteId: string }>(async ({ ctx, actor, params }) => {
  const a = requireActor(actor);
  await removeSubstitute(ctx, a, requireUuid(params.id, "resource specification"), requireUuid(params.substituteId, "substitute"));
  return new Response(null, { status: 204 });
});
