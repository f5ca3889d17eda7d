import { api, json } from "@/server/http/handler";
import { createAccountSchema } from "@/server/domain/schemas";
import { createAccount } from "@/server/services/create-account";

export const POST = api(async ({ ctx, body, ip }) => json(await createAccount(ctx, await body(createAccountSchema), ip), 201));
