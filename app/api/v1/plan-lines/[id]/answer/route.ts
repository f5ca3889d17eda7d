import { api, json, requireUuid } from "@/server/http/handler";
import { answerPlanLineSchema } from "@/server/domain/planning-session";
import { answerPlanLine } from "@/server/services/answer-plan-line";

/** The source's people answer a line: accept, change (quantity, week) or decline with a reason. */
export const POST = api<{ id: string }>(async ({ ctx, actor, params, body }) =>
  json(await answerPlanLine(ctx, actor, requireUuid(params.id, "plan line"), await body(answerPlanLineSchema))),
);
