// "A rejected request wrote nothing", checked on the database itself: a fingerprint of every table (row
// count and a hash of every row) taken before and after. Tables found at run time, so a new table is
// covered without editing this file.
import type { PrismaClient } from "../../server/db/generated/client";

/**
 * What a rejected request may write by design, left out of the fingerprint:
 * - sign_in_limits: counting rejected sign-ins (401, 429) is the rate limiter's whole job;
 * - api_tokens.lastUsedAt: stamped when a token authenticates, before the request is judged;
 * - notifier_cursors: the background notifier moves them on its own time, after earlier (accepted) writes.
 */
const IGNORED_TABLES = new Set(["sign_in_limits", "_prisma_migrations", "notifier_cursors"]);
const IGNORED_COLUMNS: Record<string, string[]> = { api_tokens: ["lastUsedAt"] };

export type Fingerprint = Record<string, { rows: number; hash: string }>;

const tableCache = new WeakMap<object, string[]>();

async function tables(prisma: PrismaClient): Promise<string[]> {
  const cached = tableCache.get(prisma);
  if (cached) return cached;
  const rows = await prisma.$queryRawUnsafe<Array<{ name: string }>>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const names = rows.map((r) => r.name).filter((n) => !IGNORED_TABLES.has(n));
  if (names.length < 5) throw new Error(`expected the app's tables, found ${names.join(", ")}`);
  tableCache.set(prisma, names);
  return names;
}

/** Row count and an md5 over every row (as JSON, minus the ignored columns) of every table, in one query. */
export async function fingerprint(prisma: PrismaClient): Promise<Fingerprint> {
  const names = await tables(prisma);
  const parts = names.map((name) => {
    const minus = (IGNORED_COLUMNS[name] ?? []).map((c) => ` - '${c}'`).join("");
    return `SELECT '${name}' AS name, count(*)::int AS rows,
      md5(coalesce(string_agg((to_jsonb(t)${minus})::text, '|' ORDER BY (to_jsonb(t)${minus})::text), '')) AS hash
      FROM "${name}" t`;
  });
  const rows = await prisma.$queryRawUnsafe<Array<{ name: string; rows: number; hash: string }>>(parts.join(" UNION ALL "));
  return Object.fromEntries(rows.map((r) => [r.name, { rows: Number(r.rows), hash: r.hash }]));
}

/** The tables whose fingerprint differs, for a readable assertion message. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n]?.rows !== after[n]?.rows || before[n]?.hash !== after[n]?.hash).sort();
}
