import { z } from "zod";
import { api, json, requireUuid } from "@/server/http/handler";
import { uuidSchema } from "@/server/domain/schemas";
import { requireActor } from "@/server/services/access";
import { declareSubstitute, listSubstitutes } from "@/server/services/resource-substitutes";

const declareSchema = z.object({ substituteId: uuidSchema }).strict();

export const GET = api<{ id: string }>(async ({ ctx, params }) =>
  json({ items: await listSubstitutes(ctx, requireUuid(params.id, "resource specification")) }),
);

export const POST = api<{ id: string }>(async ({ ctx, actor, params, body }) => {
  const a = requireActor(actor);
  const specId = requireUuid(params.id, "resource specification");
  const { substituteId } = await body(declareSchema);
  return json(await declareSubstitute(ctx, a, specId, substituteId), 201);
});
