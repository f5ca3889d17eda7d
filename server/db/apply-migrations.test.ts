import { createHash } from "node:crypto";
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { applyMigrations, pgRunner, pgliteRunner } from "./apply-migrations";

// Most file systems happen to list these folders alphabetically, which would hide a missing sort; this
// switch makes readdir (as seen by the module under test) return entries in reverse.
const fsControl = vi.hoisted(() => ({ reverseReaddir: false }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  const readdir = async (...args: unknown[]) => {
    const entries = await (real.readdir as (...a: unknown[]) => Promise<unknown[]>)(...args);
    return fsControl.reverseReaddir ? [...entries].reverse() : entries;
  };
  return { ...real, default: { ...real, readdir }, readdir };
});

const REAL_MIGRATIONS = path.resolve(import.meta.dirname, "../../prisma/migrations");

async function tables(db: PGlite): Promise<string[]> {
  const { rows } = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

interface Row {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  started_at: Date;
  logs: string | null;
  applied_steps_count: number;
}
async function migrationRows(db: PGlite): Promise<Row[]> {
  return (await db.query<Row>(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`)).rows;
}

/** Writes a scratch migrations folder: { "0001_name": "sql" }. */
async function writeMigrations(dir: string, files: Record<string, string>) {
  for (const [name, sql] of Object.entries(files)) {
    await mkdir(path.join(dir, name), { recursive: true });
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  }
}

let db: PGlite;
let tmp: string;
beforeEach(async () => {
  db = new PGlite();
  await db.waitReady;
  tmp = await mkdtemp(path.join(os.tmpdir(), "apply-migrations-"));
});
afterEach(async () => {
  fsControl.reverseReaddir = false;
  await db.close();
  await rm(tmp, { recursive: true, force: true });
});

describe("applyMigrations with the real prisma/migrations", () => {
  it("creates the schema and records one Prisma-compatible row per migration", async () => {
    const dirs = (await readdir(REAL_MIGRATIONS, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(dirs.length).toBeGreaterThan(0);

    const { applied } = await applyMigrations(pgliteRunner(db), REAL_MIGRATIONS);
    expect(applied).toEqual(dirs);

    // Core tables the app cannot run without, plus every table any migration file creates.
    const created = new Set<string>(["users", "boards", "signals", "claims", "board_events", "_prisma_migrations"]);
    for (const d of dirs) {
      const sql = await readFile(path.join(REAL_MIGRATIONS, d, "migration.sql"), "utf8");
      for (const m of sql.matchAll(/CREATE TABLE "([^"]+)"/g)) created.add(m[1]);
    }
    const present = await tables(db);
    for (const t of created) expect(present).toContain(t);

    const rows = await migrationRows(db);
    expect(rows.map((r) => r.migration_name)).toEqual(dirs);
    for (const r of rows) {
      const file = await readFile(path.join(REAL_MIGRATIONS, r.migration_name, "migration.sql"));
      expect(r.checksum).toBe(createHash("sha256").update(file).digest("hex"));
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(r.finished_at).toBeInstanceOf(Date);
      expect(r.rolled_back_at).toBeNull();
      expect(r.logs).toBeNull();
      expect(r.applied_steps_count).toBe(1);
    }
  });

  it("creates _prisma_migrations with exactly Prisma's columns", async () => {
    await applyMigrations(pgliteRunner(db), REAL_MIGRATIONS);
    const { rows } = await db.query<{ column_name: string; data_type: string; is_nullable: string }>(
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns
       WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(rows).toEqual([
      { column_name: "id", data_type: "character varying", is_nullable: "NO" },
      { column_name: "checksum", data_type: "character varying", is_nullable: "NO" },
      { column_name: "finished_at", data_type: "timestamp with time zone", is_nullable: "YES" },
      { column_name: "migration_name", data_type: "character varying", is_nullable: "NO" },
      { column_name: "logs", data_type: "text", is_nullable: "YES" },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", is_nullable: "YES" },
      { column_name: "started_at", data_type: "timestamp with time zone", is_nullable: "NO" },
      { column_name: "applied_steps_count", data_type: "integer", is_nullable: "NO" },
    ]);
  });

  it("applies nothing the second time", async () => {
    await applyMigrations(pgliteRunner(db), REAL_MIGRATIONS);
    const before = await migrationRows(db);
    const second = await applyMigrations(pgliteRunner(db), REAL_MIGRATIONS);
    expect(second.applied).toEqual([]);
    expect(await migrationRows(db)).toEqual(before);
  });
});

describe("applyMigrations with scratch folders", () => {
  it("a failing migration leaves no row and no partial tables; earlier ones stay applied", async () => {
    await writeMigrations(tmp, {
      "0001_ok": `CREATE TABLE "first" (id int);`,
      // The first statement succeeds on its own; only a transaction keeps it from persisting.
      "0002_bad": `CREATE TABLE "second" (id int);\nINSERT INTO "no_such_table" VALUES (1);`,
      "0003_after": `CREATE TABLE "third" (id int);`,
    });
    await expect(applyMigrations(pgliteRunner(db), tmp)).rejects.toThrow(/no_such_table/);

    const present = await tables(db);
    expect(present).toContain("first");
    expect(present).not.toContain("second");
    expect(present).not.toContain("third"); // stops at the first failure
    expect((await migrationRows(db)).map((r) => r.migration_name)).toEqual(["0001_ok"]);

    // Once fixed, the next start applies exactly the remaining ones.
    await writeMigrations(tmp, { "0002_bad": `CREATE TABLE "second" (id int);` });
    const { applied } = await applyMigrations(pgliteRunner(db), tmp);
    expect(applied).toEqual(["0002_bad", "0003_after"]);
    expect(await tables(db)).toEqual(expect.arrayContaining(["first", "second", "third"]));
  });

  it("applies folders in name order whatever order the directory lists them in", async () => {
    await writeMigrations(tmp, {
      "20260101000000_a": `CREATE TABLE "t" (a int);`,
      "20260102000000_b": `ALTER TABLE "t" ADD COLUMN b int;`, // fails unless _a ran first
    });
    fsControl.reverseReaddir = true;
    const { applied } = await applyMigrations(pgliteRunner(db), tmp);
    expect(applied).toEqual(["20260101000000_a", "20260102000000_b"]);
  });

  it("commits the schema change and its row together (a failing bookkeeping insert undoes the change)", async () => {
    // The script itself succeeds but installs a trigger that rejects the _prisma_migrations insert. Only
    // a transaction around script + insert keeps "second" (and the trigger) from persisting without a row.
    // (A failing statement inside one script is no test of this: PostgreSQL runs a multi-statement
    // simple query as one implicit transaction anyway.)
    await writeMigrations(tmp, {
      "0001_ok": `CREATE TABLE "first" (id int);`,
      "0002_sneaky": `CREATE TABLE "second" (id int);
CREATE FUNCTION reject_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'bookkeeping refused'; END $$;
CREATE TRIGGER reject BEFORE INSERT ON "_prisma_migrations" FOR EACH ROW EXECUTE FUNCTION reject_row();`,
    });
    await expect(applyMigrations(pgliteRunner(db), tmp)).rejects.toThrow(/bookkeeping refused/);
    expect(await tables(db)).toContain("first");
    expect(await tables(db)).not.toContain("second");
    expect((await migrationRows(db)).map((r) => r.migration_name)).toEqual(["0001_ok"]);
  });

  it("warns about an edited migration but neither fails nor re-runs it", async () => {
    await writeMigrations(tmp, { "0001_a": `CREATE TABLE "a" (id int);` });
    await applyMigrations(pgliteRunner(db), tmp);
    await writeMigrations(tmp, { "0001_a": `CREATE TABLE "a" (id int, extra int);` });
    const messages: string[] = [];
    const { applied } = await applyMigrations(pgliteRunner(db), tmp, (m) => messages.push(m));
    expect(applied).toEqual([]);
    expect(messages.some((m) => /warning/.test(m) && m.includes("0001_a"))).toBe(true);
    expect((await migrationRows(db)).length).toBe(1);
  });

  it("refuses to continue over a migration another tool recorded as failed", async () => {
    await writeMigrations(tmp, { "0001_a": `CREATE TABLE "a" (id int);` });
    await applyMigrations(pgliteRunner(db), tmp); // creates the table
    await db.query(`UPDATE "_prisma_migrations" SET finished_at = NULL`);
    await expect(applyMigrations(pgliteRunner(db), tmp)).rejects.toThrow(/0001_a/);
    // A rolled-back row is history only: the migration counts as pending again.
    await db.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now()`);
    await db.exec(`DROP TABLE "a"`);
    expect((await applyMigrations(pgliteRunner(db), tmp)).applied).toEqual(["0001_a"]);
  });

  it("fails clearly when the migrations directory is missing", async () => {
    await expect(applyMigrations(pgliteRunner(db), path.join(tmp, "nope"))).rejects.toThrow(/nope/);
  });
});

describe("pgRunner", () => {
  // A stand-in for pg's ClientBase that forwards to PGlite and records what was sent, so BEGIN/COMMIT/
  // ROLLBACK handling is checked against a real database without needing a PostgreSQL server.
  function fakePgClient(sent: string[]) {
    return {
      async query(sql: string, params?: unknown[]) {
        sent.push(sql.trim().split(/\s+/)[0].toUpperCase());
        if (params) return { rows: (await db.query(sql, params)).rows };
        const results = await db.exec(sql);
        return { rows: results.at(-1)?.rows ?? [] };
      },
    } as unknown as import("pg").ClientBase;
  }

  it("commits a good migration and rolls back a bad one on the same connection", async () => {
    await writeMigrations(tmp, {
      "0001_ok": `CREATE TABLE "first" (id int);`,
      "0002_bad": `CREATE TABLE "second" (id int); SELECT 1/0;`,
    });
    const sent: string[] = [];
    await expect(applyMigrations(pgRunner(fakePgClient(sent)), tmp)).rejects.toThrow(/division by zero/);
    expect(sent.filter((s) => ["BEGIN", "COMMIT", "ROLLBACK"].includes(s))).toEqual([
      "BEGIN",
      "COMMIT",
      "BEGIN",
      "ROLLBACK",
    ]);
    expect(await tables(db)).toContain("first");
    expect(await tables(db)).not.toContain("second");
    expect((await migrationRows(db)).map((r) => r.migration_name)).toEqual(["0001_ok"]);
  });
});
