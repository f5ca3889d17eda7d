// Opens the one database of the process: PGlite in-process (default, persisted in DATA_DIR and guarded by
// a lock file so a second process cannot open it and silently lose rows) or a PostgreSQL server when
// DATABASE_URL is set. Pending migrations are applied before anything else touches the database.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import lockfile from "proper-lockfile";
import { PrismaClient } from "./generated/client";
import { applyMigrations, pgRunner, pgliteRunner } from "./apply-migrations";
import { log } from "../log";

export type Prisma = PrismaClient;

export interface Database {
  kind: "pglite" | "postgres";
  prisma: PrismaClient;
  /** Calls `onNotify(payload)` for every NOTIFY on `channel` from any process (PostgreSQL only). */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir: string;
  migrationsDir?: string;
  /** A PGlite data directory of "memory://" keeps everything in memory (tests). */
  poolSize?: number;
}

const defaultMigrationsDir = path.resolve(process.cwd(), "prisma/migrations");
// Transactions wait for a connection under load (30+ racing claimers on a pool of 10) rather than fail.
const transactionOptions = { maxWait: 20_000, timeout: 30_000 };
const MIGRATION_LOCK_KEY = 7_312_001;

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts) : openPglite(opts);
}

async function openPglite(opts: OpenOptions): Promise<Database> {
  const inMemory = opts.dataDir.startsWith("memory://");
  let release: (() => Promise<void>) | undefined;
  if (!inMemory) {
    await mkdir(opts.dataDir, { recursive: true });
    release = await lockDataDir(opts.dataDir);
  }
  const pglite = new PGlite(inMemory ? undefined : opts.dataDir);
  await pglite.waitReady;
  const { applied } = await applyMigrations(pgliteRunner(pglite), opts.migrationsDir ?? defaultMigrationsDir, (m) =>
    log.info(m),
  );
  if (applied.length) log.info({ applied }, "migrations applied");
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite), transactionOptions });
  return {
    kind: "pglite",
    prisma,
    async listen(channel, onNotify) {
      // Only this process can write to an embedded database, so in-process notifications are complete.
      const unsub = await pglite.listen(channel, onNotify);
      return async () => unsub();
    },
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      await release?.();
    },
  };
}

async function lockDataDir(dataDir: string) {
  try {
    // The lock is refreshed every 5 s; one older than 15 s was left by a crashed process and is taken over.
    return await lockfile.lock(dataDir, {
      lockfilePath: `${dataDir}.lock`,
      stale: 15_000,
      update: 5_000,
      retries: { retries: 20, minTimeout: 250, maxTimeout: 1_000 },
      onCompromised: (err) => log.error({ err }, "data directory lock compromised"),
    });
  } catch (err) {
    throw new Error(
      `The data directory ${dataDir} is in use by another process (lock ${dataDir}.lock). ` +
        `PGlite allows one process per directory: stop the other one, or use DATABASE_URL for several instances.`,
      { cause: err },
    );
  }
}

async function openPostgres(url: string, opts: OpenOptions): Promise<Database> {
  await migratePostgres(url, opts.migrationsDir ?? defaultMigrationsDir);
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions });
  const listeners: pg.Client[] = [];
  return {
    kind: "postgres",
    prisma,
    async listen(channel, onNotify) {
      // A dedicated connection: LISTEN is per session, so it cannot come from the pool.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      client.on("notification", (n) => n.channel === channel && onNotify(n.payload ?? ""));
      client.on("error", (err) => log.error({ err }, "listen connection failed"));
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      listeners.push(client);
      return async () => {
        await client.end().catch(() => {});
      };
    },
    async close() {
      await Promise.all(listeners.map((c) => c.end().catch(() => {})));
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}

/** Several instances may start at once: an advisory lock lets exactly one apply each migration. */
async function migratePostgres(url: string, migrationsDir: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    const { applied } = await applyMigrations(pgRunner(client), migrationsDir, (m) => log.info(m));
    if (applied.length) log.info({ applied }, "migrations applied");
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
