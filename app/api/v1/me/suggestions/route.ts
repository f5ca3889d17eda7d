import { z } from "zod";
import { api, json } from "@/server/http/handler";
import { MAX_RADIUS_KM } from "@/server/domain/subscriptions";
import { requireActor } from "@/server/services/access";
import { listSuggestions } from "@/server/services/list-suggestions";

const querySchema = z.object({ radiusKm: z.coerce.number().positive().max(MAX_RADIUS_KM).optional() });

export const GET = api(async ({ ctx, actor, query }) => {
  const a = requireActor(actor);
  return json(await listSuggestions(ctx, a, query(querySchema).radiusKm));
});
