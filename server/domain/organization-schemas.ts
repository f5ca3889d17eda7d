// Query and body shapes of the organization directory, verification and lineage rows (ADRs 030, 031).
import { z } from "zod";
import { LIMITS, optionalText, organizationKindSchema, searchText } from "./schemas";
import { coordinationQuerySchema } from "./coordination-query";

const emptyAsAbsent = (v: unknown) => (v === "" ? undefined : v);
const SLUG = /^[a-z0-9-]{1,60}$/;

/** GET /organizations: name search, kind, one board's active organizations; paged by name. */
export const listOrganizationsQuerySchema = z.object({
  q: z.preprocess(emptyAsAbsent, searchText.optional()),
  kind: z.preprocess(emptyAsAbsent, organizationKindSchema.optional()),
  board: z.preprocess(emptyAsAbsent, z.string().regex(SLUG, { error: "Board slugs are lower-case letters, digits and dashes" }).optional()),
  limit: z.preprocess(
    emptyAsAbsent,
    z
      .string()
      .regex(/^\d{1,4}$/, { error: "Must be a whole number" })
      .transform(Number)
      .pipe(z.number().int().min(1, { error: "Must be between 1 and 100" }).max(100, { error: "Must be between 1 and 100" }))
      .default(30),
  ),
  cursor: z.preprocess(emptyAsAbsent, z.string().max(500, { error: "Must be at most 500 characters" }).optional()),
});
export type ListOrganizationsQuery = z.infer<typeof listOrganizationsQuerySchema>;

/** PUT /boards/:slug/organizations/:id/verification: why the stewards vouch for it (optional). */
export const verifyOrganizationSchema = z.object({ note: optionalText(LIMITS.note) });
export type VerifyOrganizationInput = z.infer<typeof verifyOrganizationSchema>;

/** GET /organizations/:id/lineage?boards=: the same board list as the coordinator's view (none: every readable board). */
export const lineageQuerySchema = z.object({ boards: coordinationQuerySchema.shape.boards });
export type LineageQuery = z.infer<typeof lineageQuerySchema>;
