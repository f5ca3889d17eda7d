import { api, json } from "@/server/http/handler";
import { INTAKE_BODY_MAX_BYTES, listIntakeQuerySchema, submitIntakeSchema } from "@/server/domain/intake";
import { listIntake } from "@/server/services/list-intake";
import { submitIntake } from "@/server/services/submit-intake";

/** The stewards' queue (contact details included): stewards only. */
export const GET = api<{ slug: string }>(async ({ ctx, actor, params, query }) =>
  json(await listIntake(ctx, actor, params.slug, query(listIntakeQuerySchema))),
);

/** A request from a facility without an account: 202, it waits for a steward (ADR 032). */
export const POST = api<{ slug: string }>(
  async ({ ctx, actor, params, body, ip }) => json(await submitIntake(ctx, actor, params.slug, await body(submitIntakeSchema), ip), 202),
  { jsonMaxBytes: INTAKE_BODY_MAX_BYTES },
);
