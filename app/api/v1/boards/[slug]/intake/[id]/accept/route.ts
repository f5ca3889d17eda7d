import { api, json, requireUuid } from "@/server/http/handler";
import { acceptIntakeSchema } from "@/server/domain/intake";
import { acceptIntake } from "@/server/services/accept-intake";

/** A steward accepts a request: 201 with the request and the need signal it became. */
export const POST = api<{ slug: string; id: string }>(async ({ ctx, actor, params, body }) =>
  json(await acceptIntake(ctx, actor, params.slug, requireUuid(params.id, "intake request"), await body(acceptIntakeSchema)), 201),
);
