import { api, json } from "@/server/http/handler";
import { createOrganizationSchema } from "@/server/domain/schemas";
import { createOrganization } from "@/server/services/organizations";
import { listOrganizationsQuerySchema } from "@/server/domain/organization-schemas";
import { listOrganizations } from "@/server/services/list-organizations";
import { requireActor } from "@/server/services/access";

export const POST = api(async ({ ctx, actor, body }) => {
  const a = requireActor(actor);
  return json(await createOrganization(ctx, a, await body(createOrganizationSchema)), 201);
});

/** The directory: name, kind, place and verifications, never members (ADR 030). */
export const GET = api(async ({ ctx, actor, query }) => json(await listOrganizations(ctx, actor, query(listOrganizationsQuerySchema))));
