import type { ServiceContext } from "./context";

export const COMMONS_SLUG = "commons";

/** The public commons board exists on every installation, demo data or not. */
export async function ensureCommonsBoard(ctx: ServiceContext) {
  // INSERT … ON CONFLICT DO NOTHING: safe when several instances start at once.
  await ctx.prisma.board.createMany({
    skipDuplicates: true,
    data: {
      slug: COMMONS_SLUG,
      name: "Commons board",
      licence: "CC-BY-SA-4.0",
      visibility: "public",
      covenant:
        "Signals here are public. Claim only what you intend to make or move, report progress honestly, " +
        "and release what you cannot finish so others can pick it up.",
    },
  });
}
