import { api, json } from "@/server/http/handler";
import { openPlanningSessionSchema } from "@/server/domain/planning-session";
import { listPlanningSessions } from "@/server/services/list-planning-sessions";
import { openPlanningSession } from "@/server/services/open-planning-session";

/** The board's planning sessions, newest first. */
export const GET = api<{ slug: string }>(async ({ ctx, actor, params }) => json(await listPlanningSessions(ctx, actor, params.slug)));

/** A steward opens a session: the snapshot of needs and supply in scope is taken and kept (ADR 036). */
export const POST = api<{ slug: string }>(async ({ ctx, actor, params, body }) =>
  json(await openPlanningSession(ctx, actor, params.slug, await body(openPlanningSessionSchema)), 201),
);
