import { api, json, requireUuid } from "@/server/http/handler";
import { closePlanningSession } from "@/server/services/close-planning-session";

/** A steward closes the session without adopting it: nothing on the board changes (ADR 036). */
export const POST = api<{ id: string }>(async ({ ctx, actor, params }) =>
  json(await closePlanningSession(ctx, actor, requireUuid(params.id, "planning session"))),
);
