import { api, json, requireUuid } from "@/server/http/handler";
import { adoptPlan } from "@/server/services/adopt-plan";

/** A steward adopts the plan: accepted lines become claims of a Plan (ADR 037); 409 PLAN_STALE if the board moved on. */
export const POST = api<{ id: string }>(async ({ ctx, actor, params }) =>
  json(await adoptPlan(ctx, actor, requireUuid(params.id, "planning session")), 201),
);
