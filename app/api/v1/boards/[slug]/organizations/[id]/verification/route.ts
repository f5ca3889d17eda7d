import { api, json, requireUuid } from "@/server/http/handler";
import { verifyOrganizationSchema } from "@/server/domain/organization-schemas";
import { requireActor } from "@/server/services/access";
import { verifyOrganization, withdrawVerification } from "@/server/services/verify-organization";

/** A steward of the board verifies the organization for it (ADR 030). */
export const PUT = api<{ slug: string; id: string }>(async ({ ctx, actor, params, body }) =>
  json(await verifyOrganization(ctx, requireActor(actor), params.slug, requireUuid(params.id, "organization"), await body(verifyOrganizationSchema))),
);

/** A steward of the board withdraws its verification. */
export const DELETE = api<{ slug: string; id: string }>(async ({ ctx, actor, params, body }) =>
  json(await withdrawVerification(ctx, requireActor(actor), params.slug, requireUuid(params.id, "organization"), await body(verifyOrganizationSchema))),
);
