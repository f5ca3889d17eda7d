import { api, json } from "@/server/http/handler";
import { coordinationQuerySchema } from "@/server/domain/coordination-query";
import { coordinationAtRisk } from "@/server/services/coordination-at-risk";

export const GET = api(async ({ ctx, actor, query }) => json(await coordinationAtRisk(ctx, actor, query(coordinationQuerySchema))));
