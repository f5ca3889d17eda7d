import { api, json, requireUuid } from "@/server/http/handler";
import { listLinesQuerySchema } from "@/server/domain/planning-session";
import { listPlanLines } from "@/server/services/list-plan-lines";

/** A page of the session's current lines (`?limit`, `?after` = the last page's nextCursor); `?mine=1`: only those the viewer may answer. */
export const GET = api<{ id: string }>(async ({ ctx, actor, params, query }) =>
  json(await listPlanLines(ctx, actor, requireUuid(params.id, "planning session"), query(listLinesQuerySchema))),
);
