import { api, json } from "@/server/http/handler";
import { createOrganizationSchema } from "@/server/domain/schemas";
import { createOrganization } from "@/server/services/organizations";
import { requireActor } from "@/server/services/access";

export const POST = api(async ({ ctx, actor, body }) => {
  const a = requireActor(actor);
  return json(await createOrganization(ctx, a, await body(createOrganizationSchema)), 201);
});
