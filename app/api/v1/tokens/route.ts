import { api, json } from "@/server/http/handler";
import { createTokenSchema } from "@/server/domain/schemas";
import { createToken, listTokens } from "@/server/services/manage-tokens";
import { requireActor } from "@/server/services/access";

export const POST = api(async ({ ctx, body, ip }) => json(await createToken(ctx, await body(createTokenSchema), ip), 201));

export const GET = api(async ({ ctx, actor }) => json({ items: await listTokens(ctx, requireActor(actor)) }));
