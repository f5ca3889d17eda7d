import { api, json } from "@/server/http/handler";
import { listMyClaims } from "@/server/services/list-my-claims";
import { requireActor } from "@/server/services/access";

export const GET = api(async ({ ctx, actor }) => json({ items: await listMyClaims(ctx, requireActor(actor)) }));
