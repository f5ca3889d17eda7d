import { api, json, requireUuid } from "@/server/http/handler";
import { runPlanner } from "@/server/services/run-planner";

/** A steward runs the planner: accepted lines are kept, declined pairs avoided, suggestions replaced. */
export const POST = api<{ id: string }>(async ({ ctx, actor, params }) =>
  json(await runPlanner(ctx, actor, requireUuid(params.id, "planning session")), 201),
);
