import { api, json } from "@/server/http/handler";
import { coordinationQuerySchema } from "@/server/domain/coordination-query";
import { coordinationGaps } from "@/server/services/coordination-gaps";

export const GET = api(async ({ ctx, actor, query }) => json(await coordinationGaps(ctx, actor, query(coordinationQuerySchema))));
