import { api, json } from "@/server/http/handler";
import { getMe } from "@/server/services/get-me";
import { requireActor } from "@/server/services/access";

export const GET = api(async ({ ctx, actor }) => json(await getMe(ctx, requireActor(actor))));
