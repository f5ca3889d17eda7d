import { api, json, requireUuid } from "@/server/http/handler";
import { readPlan } from "@/server/services/read-plan";

/** An adopted Plan with its commitments (the claims it made). */
export const GET = api<{ id: string }>(async ({ ctx, actor, params }) => json(await readPlan(ctx, actor, requireUuid(params.id, "plan"))));
