import { api, json } from "@/server/http/handler";
import { seriesQuerySchema } from "@/server/domain/coordination-series";
import { coordinationSeries } from "@/server/services/coordination-series";

export const GET = api(async ({ ctx, actor, query }) => json(await coordinationSeries(ctx, actor, query(seriesQuerySchema))));
