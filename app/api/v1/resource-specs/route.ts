import { z } from "zod";
import { api, json } from "@/server/http/handler";
import { resourceSpecSchema, searchText } from "@/server/domain/schemas";
import { createResourceSpec, listResourceSpecs } from "@/server/services/resource-specs";
import { requireActor } from "@/server/services/access";

const searchSchema = z.object({ q: searchText.optional() });

export const GET = api(async ({ ctx, query }) => json({ items: await listResourceSpecs(ctx, query(searchSchema).q) }));

export const POST = api(async ({ ctx, actor, body }) => {
  const a = requireActor(actor);
  return json(await createResourceSpec(ctx, a, await body(resourceSpecSchema)), 201);
});
