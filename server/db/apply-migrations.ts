/**
 * Applies pending Prisma migrations at start-up without Prisma's schema engine.
 *
 * Why not `prisma migrate deploy`: it needs a native engine binary that cannot be downloaded on every
 * machine, and deploying only ever runs the already-written migration.sql files in order. We do the same
 * and keep Prisma's bookkeeping table byte-compatible (same columns, checksum = sha256 hex of the file),
 * so a later `prisma migrate deploy` / `migrate status` on a machine with the engine accepts the result.
 *
 * Difference from Prisma: each migration runs inside a transaction together with its bookkeeping row, so a
 * failing migration leaves neither partial tables nor a "failed" row behind. The flip side: statements that
 * PostgreSQL refuses inside a transaction block (CREATE INDEX CONCURRENTLY, …) cannot be used in migrations.
 *
 * Concurrency between processes is the caller's job (it holds an advisory lock); sequential calls are
 * idempotent because applied migrations are read from the table each time.
 */
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { ClientBase } from "pg";

export interface SqlRunner {
  /** run a multi-statement SQL script (no parameters) */
  exec(sql: string): Promise<void>;
  /** run one parameterised query and return rows */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** run fn inside one transaction on one connection */
  transaction<T>(fn: (tx: Omit<SqlRunner, "transaction">) => Promise<T>): Promise<T>;
}

// Exactly the table the Prisma schema engine creates (postgres connector), so both tools can share it.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"            VARCHAR(64) NOT NULL,
    "finished_at"         TIMESTAMPTZ,
    "migration_name"      VARCHAR(255) NOT NULL,
    "logs"                TEXT,
    "rolled_back_at"      TIMESTAMPTZ,
    "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

interface LocalMigration {
  name: string;
  sql: string;
  checksum: string;
}

/** Prisma's checksum: sha256 over the raw bytes of migration.sql, lower-case hex. */
export function migrationChecksum(contents: Buffer | string): string {
  return createHash("sha256").update(contents).digest("hex");
}

/** Migration folders in name order (Prisma's folder names start with a UTC timestamp). */
async function readLocalMigrations(migrationsDir: string): Promise<LocalMigration[]> {
  let entries;
  try {
    entries = await readdir(migrationsDir, { withFileTypes: true });
  } catch (e) {
    // Starting against an empty schema would only fail later and less clearly.
    throw new Error(`migrations directory ${migrationsDir} cannot be read`, { cause: e });
  }
  // Same order as Prisma's CLI uses when it hands the list to the engine.
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
  return Promise.all(
    names.map(async (name) => {
      // Read bytes, not text, so the checksum matches Prisma's even for unusual encodings.
      const bytes = await readFile(path.join(migrationsDir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: migrationChecksum(bytes) };
    }),
  );
}

export async function applyMigrations(
  runner: SqlRunner,
  migrationsDir: string,
  log: (msg: string) => void = () => {},
): Promise<{ applied: string[] }> {
  const local = await readLocalMigrations(migrationsDir);
  await runner.exec(CREATE_MIGRATIONS_TABLE);

  // Rolled-back rows are history only (Prisma ignores them too).
  const rows = await runner.query<MigrationRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"
     WHERE rolled_back_at IS NULL`,
  );
  const finished = new Map<string, string>();
  const failed: string[] = [];
  for (const r of rows) {
    if (r.finished_at != null) finished.set(r.migration_name, r.checksum);
    else failed.push(r.migration_name);
  }
  // A started-but-unfinished row can only come from another tool (our runs are transactional). Prisma
  // refuses to continue in that state (P3009) because the database may be half-migrated; so do we.
  if (failed.length) {
    throw new Error(
      `migration(s) ${failed.join(", ")} failed earlier and are recorded as unfinished in _prisma_migrations; ` +
        `fix the database, then mark them with \`prisma migrate resolve --rolled-back|--applied <name>\``,
    );
  }

  const localNames = new Set(local.map((m) => m.name));
  for (const name of finished.keys()) {
    if (!localNames.has(name)) log(`warning: migration ${name} is applied to the database but missing from ${migrationsDir}`);
  }

  const applied: string[] = [];
  for (const m of local) {
    const recorded = finished.get(m.name);
    if (recorded !== undefined) {
      // An edited migration is not re-run: the database already has its earlier version.
      if (recorded !== m.checksum) {
        log(`warning: migration ${m.name} was modified after it was applied (checksum differs); not re-applying`);
      }
      continue;
    }
    log(`applying migration ${m.name}`);
    const started = Date.now();
    await runner.transaction(async (tx) => {
      await tx.exec(m.sql);
      // Recorded in the same transaction: the row exists if and only if the schema change does.
      await tx.query(
        `INSERT INTO "_prisma_migrations"
           (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), now(), 1)`,
        [randomUUID(), m.checksum, m.name],
      );
    });
    log(`applied migration ${m.name} in ${Date.now() - started} ms`);
    applied.push(m.name);
  }
  return { applied };
}

/** Runner over an in-process PGlite; its transaction() already serialises and rolls back on throw. */
export function pgliteRunner(db: PGlite): SqlRunner {
  return {
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          exec: async (sql) => {
            await tx.exec(sql);
          },
          query: async <T>(sql: string, params?: unknown[]) => (await tx.query<T>(sql, params)).rows,
        }),
      ),
  };
}

/** Runner over one pg connection (a Client, or a PoolClient held for the whole run). */
export function pgRunner(client: ClientBase): SqlRunner {
  const exec = async (sql: string) => {
    // Without parameters pg uses the simple query protocol, which accepts several statements.
    await client.query(sql);
  };
  const query = async <T>(sql: string, params?: unknown[]) =>
    (await client.query(sql, params as unknown[] | undefined)).rows as T[];
  return {
    exec,
    query,
    async transaction(fn) {
      await client.query("BEGIN");
      try {
        const result = await fn({ exec, query });
        await client.query("COMMIT");
        return result;
      } catch (e) {
        // Keep the original error; a failed ROLLBACK (e.g. connection gone) must not mask it.
        await client.query("ROLLBACK").catch(() => {});
        throw e;
      }
    },
  };
}
