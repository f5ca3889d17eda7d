import { api, json, requireUuid } from "@/server/http/handler";
import { createClaimSchema } from "@/server/domain/schemas";
import { claimSignal } from "@/server/services/claim-signal";

/** Answers the new claim, with the signal as it stands after it under `signal`. */
export const POST = api<{ id: string }>(async ({ ctx, actor, params, body }) => {
  const id = requireUuid(params.id, "signal");
  const { claim, signal } = await claimSignal(ctx, actor, id, await body(createClaimSchema));
  return json({ ...claim, signal }, 201);
});
