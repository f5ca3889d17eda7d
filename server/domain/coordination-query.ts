// The coordinator's view is filtered the same way in the URL of the page and in the query string of its
// API rows, so a shared link and an API call mean the same thing:
//   ?boards=commons,berlin-ppe   slugs (none: every board the viewer belongs to)
//   &resource=<resource spec id> one resource (none: all)
//   &region=<region key>         one region (server/domain/regions.ts; none: all)
import { z } from "zod";
import { uuidSchema } from "./schemas";

/** More boards than anyone coordinates at once; bounds the work one request can ask for. */
export const MAX_COORDINATION_BOARDS = 20;

const SLUG = /^[a-z0-9-]{1,60}$/;

export const coordinationQuerySchema = z.object({
  boards: z
    .string()
    .max(MAX_COORDINATION_BOARDS * 61)
    .optional()
    .transform((text) => [...new Set((text ?? "").split(",").map((s) => s.trim()).filter(Boolean))])
    .pipe(
      z
        .array(z.string().regex(SLUG, { error: "Board slugs are lower-case letters, digits and dashes" }))
        .max(MAX_COORDINATION_BOARDS, { error: `At most ${MAX_COORDINATION_BOARDS} boards at once` }),
    ),
  resource: uuidSchema.optional(),
  region: z.string().trim().min(1).max(200).transform((s) => s.toLowerCase().replace(/\s+/g, " ")).optional(),
});

export type CoordinationQuery = z.infer<typeof coordinationQuerySchema>;

/** A board covered by an answer of the view, with where its event log stood when the figures were read. */
export interface CoordinationBoardDto {
  slug: string;
  name: string;
  visibility: "public" | "members";
  lastSeq: number;
}
