import { api, json, requireUuid } from "@/server/http/handler";
import { rejectIntakeSchema } from "@/server/domain/intake";
import { rejectIntake } from "@/server/services/reject-intake";

/** A steward turns a request down, with a reason. */
export const POST = api<{ slug: string; id: string }>(async ({ ctx, actor, params, body }) =>
  json(await rejectIntake(ctx, actor, params.slug, requireUuid(params.id, "intake request"), await body(rejectIntakeSchema))),
);
