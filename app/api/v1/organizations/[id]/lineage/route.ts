import { api, json, requireUuid } from "@/server/http/handler";
import { lineageQuerySchema } from "@/server/domain/organization-schemas";
import { organizationLineage } from "@/server/services/organization-lineage";

/** Where the organization's contribution went, from the ledgers of the boards the viewer can read (ADR 031). */
export const GET = api<{ id: string }>(async ({ ctx, actor, params, query }) =>
  json(await organizationLineage(ctx, actor, requireUuid(params.id, "organization"), query(lineageQuerySchema))),
);
