import { api, json } from "@/server/http/handler";
import { intakeSettingsSchema } from "@/server/domain/intake";
import { getIntakeSettings, setIntakeEnabled } from "@/server/services/intake-form";

export const GET = api<{ slug: string }>(async ({ ctx, actor, params }) => json(await getIntakeSettings(ctx, actor, params.slug)));

/** A steward opens or closes the public form (`enabled: null`: the default of the board's visibility). */
export const PUT = api<{ slug: string }>(async ({ ctx, actor, params, body }) =>
  json(await setIntakeEnabled(ctx, actor, params.slug, (await body(intakeSettingsSchema)).enabled)),
);
