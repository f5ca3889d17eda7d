// Keeps the query planner's statistics current on the embedded database. PGlite runs PostgreSQL as a
// single-user backend: there is no autovacuum daemon, so no table is ever analyzed unless we do it. The
// planner then guesses: it took a board of 10,000 signals for one of 50, sorted the whole board to find
// the 50 newest, and read the event log once per signal to page a changed list (ADR 014). PostgreSQL
// servers analyze themselves; this runs only on PGlite.
//
// Like autovacuum, it acts on a table when it has grown by a tenth since it was last analyzed (or never
// was), so a steady board costs a size look-up per sweep and a growing one a VACUUM ANALYZE now and then.
// VACUUM matters as much: every claim rewrites its signal's row, and without it the dead versions pile
// up in the table and its indexes (a 10,000-signal board's status index held 12,265 entries).
import type { ServiceContext } from "./context";

/** The tables the board's list and stream plan against, and what to run on each. */
const TABLES: Record<string, string> = {
  signals: "VACUUM (ANALYZE) signals",
  claims: "VACUUM (ANALYZE) claims",
  // Append-only, so nothing to vacuum; and its JSON is never filtered on, so no statistics for it.
  board_events: `ANALYZE board_events ("boardId", seq, "signalId", type)`,
  board_members: "VACUUM (ANALYZE) board_members",
};

const GROWTH = 0.1;

/** Analyzes the tables that grew since their last analysis; returns their names. */
export async function refreshPlannerStatistics(ctx: Pick<ServiceContext, "prisma">): Promise<string[]> {
  const sizes = await ctx.prisma.$queryRaw<Array<{ name: string; analyzed: number; pages: number }>>`
    SELECT c.relname AS name, c.relpages::int AS analyzed,
           (pg_relation_size(c.oid) / current_setting('block_size')::int)::int AS pages
      FROM pg_class c
     WHERE c.relname = ANY(${Object.keys(TABLES)}::text[]) AND c.relkind = 'r'`;
  const stale = sizes.filter((t) => t.pages > 0 && (t.analyzed <= 0 || t.pages > t.analyzed * (1 + GROWTH)));
  // One table at a time: each ANALYZE is short, and the embedded database serves requests in between.
  for (const t of stale) await ctx.prisma.$executeRawUnsafe(TABLES[t.name]!);
  return stale.map((t) => t.name);
}
