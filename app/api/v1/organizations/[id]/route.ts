import { api, json, requireUuid } from "@/server/http/handler";
import { getOrganization } from "@/server/services/organizations";

export const GET = api<{ id: string }>(async ({ ctx, params }) =>
  json(await getOrganization(ctx, requireUuid(params.id, "organization"))),
);
