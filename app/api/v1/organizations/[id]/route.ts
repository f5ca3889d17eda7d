import { api, json, requireUuid } from "@/server/http/handler";
import { getOrganization } from "@/server/services/organizations";

export const GET = api<{ id: string }>(async ({ ctx, actor, params }) =>
  json(await getOrganization(ctx, actor, requireUuid(params.id, "organization"))),
);
