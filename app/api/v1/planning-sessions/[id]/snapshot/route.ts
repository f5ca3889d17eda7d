import { api, json, requireUuid } from "@/server/http/handler";
import { readPlanningSnapshot } from "@/server/services/read-planning-session";

/** The numbers the session plans from, as taken when it opened. */
export const GET = api<{ id: string }>(async ({ ctx, actor, params }) =>
  json(await readPlanningSnapshot(ctx, actor, requireUuid(params.id, "planning session"))),
);
