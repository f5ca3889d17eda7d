import { api, json } from "@/server/http/handler";
import { coordinationQuerySchema } from "@/server/domain/coordination-query";
import { coordinationMap } from "@/server/services/coordination-map";

export const GET = api(async ({ ctx, actor, query }) => json(await coordinationMap(ctx, actor, query(coordinationQuerySchema))));
