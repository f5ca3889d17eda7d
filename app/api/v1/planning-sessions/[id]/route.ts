import { api, json, requireUuid } from "@/server/http/handler";
import { readPlanningSession } from "@/server/services/read-planning-session";

/** The session with its coverage (per need: demand, accepted, suggested, uncovered) and who has answered. */
export const GET = api<{ id: string }>(async ({ ctx, actor, params }) =>
  json(await readPlanningSession(ctx, actor, requireUuid(params.id, "planning session"))),
);
