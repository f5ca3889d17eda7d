// Opens the one database of the process: PGlite in-process (default, persisted in DATA_DIR and guarded by
// a lock file so a second process cannot open it and silently lose rows) or a PostgreSQL server when
// DATABASE_URL is set. Pending migrations are applied before anything else touches the database.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { lockDataDir } from "./data-dir-lock";
import { PrismaClient } from "./generated/client";
import { applyMigrations, pgRunner, pgliteRunner } from "./apply-migrations";
import { log } from "../log";

export type Prisma = PrismaClient;

export interface Database {
  kind: "pglite" | "postgres";
  prisma: PrismaClient;
  /**
   * Calls `onNotify(payload)` for every NOTIFY on `channel` from any process. After a lost connection
   * is re-established, `onResubscribed` runs: notifications sent meanwhile are gone, so catch up.
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onResubscribed?: () => void,
  ): Promise<() => Promise<void>>;
  /** Runs `fn` while holding a database-wide lock, so start-up work runs once across instances. */
  exclusively<T>(fn: () => Promise<T>): Promise<T>;
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

/**
 * PGlite's Postgres runs inside one WebAssembly memory that never shrinks. Its default shared_buffers
 * (128 MB, all touched at start) was a third of the idle server; a board's working set is a few MB and
 * the operating system caches the data files anyway. Measured in ADR 016.
 */
export const PGLITE_SHARED_BUFFERS = "16MB";

function pgliteOptions() {
  return { startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`] };
}

/**
 * Creates a new data directory in a child process. initdb runs in a second WebAssembly instance whose
 * memory (about 400 MB with its file-system image) a process never gives back; in a child it is gone
 * when the child exits. It works in a side folder and renames it into place when done, so a start killed
 * half-way leaves no half-made directory that the next start would take for a database.
 */
async function initDataDirInChild(dataDir: string) {
  const temp = `${dataDir}.initdb`;
  await rm(temp, { recursive: true, force: true });
  const pgliteEntry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const script = `const { PGlite } = require(${JSON.stringify(pgliteEntry)});
    (async () => { const pg = new PGlite(process.argv[1]); await pg.waitReady; await pg.close(); })()
      .catch((err) => { console.error(err); process.exit(1); });`;
  await promisify(execFile)(process.execPath, ["-e", script, temp], { timeout: 300_000 });
  await rename(temp, dataDir);
}
// Transactions wait for a connection under load (30+ racing claimers on a pool of 10) rather than fail.
const transactionOptions = { maxWait: 20_000, timeout: 30_000 };
const MIGRATION_LOCK_KEY = 7_312_001;
const STARTUP_LOCK_KEY = 7_312_002;

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts) : openPglite(opts);
}

async function openPglite(opts: OpenOptions): Promise<Database> {
  const inMemory = opts.dataDir.startsWith("memory://");
  let release: (() => void) | undefined;
  if (!inMemory) {
    await mkdir(path.dirname(opts.dataDir), { recursive: true });
    release = lockDataDir(opts.dataDir);
  }
  let pglite: PGlite;
  try {
    if (!inMemory && !existsSync(path.join(opts.dataDir, "PG_VERSION"))) await initDataDirInChild(opts.dataDir);
    pglite = new PGlite(inMemory ? undefined : opts.dataDir, pgliteOptions());
  } catch (err) {
    release?.();
    throw err;
  }
  try {
    await pglite.waitReady;
    const dir = opts.migrationsDir ?? defaultMigrationsDir;
    const { applied } = await applyMigrations(pgliteRunner(pglite), dir, (m) => log.info(m));
    if (applied.length) log.info({ applied }, "migrations applied");
  } catch (err) {
    await pglite.close().catch(() => {});
    release?.();
    throw err;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite), transactionOptions });
  return {
    kind: "pglite",
    prisma,
    async listen(channel, onNotify) {
      // Only this process can write to an embedded database, so in-process notifications are complete.
      const unsub = await pglite.listen(channel, onNotify);
      return async () => unsub();
    },
    // One process owns the embedded database: nothing else can run start-up work concurrently.
    exclusively: (fn) => fn(),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      release?.();
    },
  };
}

async function openPostgres(url: string, opts: OpenOptions): Promise<Database> {
  await migratePostgres(url, opts.migrationsDir ?? defaultMigrationsDir);
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
  // Idle pooled connections can be cut by the server (restart, failover): log it, the pool replaces them.
  pool.on("error", (err) => log.warn({ error: err.message }, "idle database connection lost"));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions });
  const stops: Array<() => Promise<void>> = [];
  return {
    kind: "postgres",
    prisma,
    async listen(channel, onNotify, onResubscribed) {
      const l = new Listener(url, channel, onNotify, onResubscribed);
      await l.start();
      stops.push(() => l.stop());
      return () => l.stop();
    },
    async exclusively(fn) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query("SELECT pg_advisory_lock($1)", [STARTUP_LOCK_KEY]);
        return await fn();
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [STARTUP_LOCK_KEY]).catch(() => {});
        await client.end().catch(() => {});
      }
    },
    async close() {
      await Promise.all(stops.map((stop) => stop()));
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}

/**
 * LISTEN on a dedicated connection (LISTEN is per session, so not from the pool). If the connection
 * drops, it reconnects with backoff and tells the caller to catch up on what it missed.
 */
class Listener {
  private client: pg.Client | null = null;
  private stopped = false;
  private retryMs = 250;

  constructor(
    private url: string,
    private channel: string,
    private onNotify: (payload: string) => void,
    private onResubscribed?: () => void,
  ) {}

  async start() {
    const client = new pg.Client({ connectionString: this.url });
    client.on("notification", (n) => n.channel === this.channel && this.onNotify(n.payload ?? ""));
    client.on("error", (err) => {
      log.warn({ error: err.message }, "listen connection lost; reconnecting");
      this.reconnectSoon();
    });
    client.on("end", () => this.reconnectSoon());
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.channel)}`);
    } catch (err) {
      client.removeAllListeners();
      client.on("error", () => {});
      await client.end().catch(() => {});
      throw err;
    }
    this.client = client;
    this.retryMs = 250;
  }

  private reconnecting = false;
  private reconnectSoon() {
    if (this.stopped || this.reconnecting) return;
    this.reconnecting = true;
    const old = this.client;
    this.client = null;
    old?.removeAllListeners("end");
    void old?.end().catch(() => {});
    setTimeout(async () => {
      this.reconnecting = false;
      if (this.stopped) return;
      try {
        await this.start();
        log.info("listen connection re-established");
        this.onResubscribed?.();
      } catch (err) {
        log.warn({ error: (err as Error).message }, "listen reconnect failed");
        this.retryMs = Math.min(this.retryMs * 2, 10_000);
        this.reconnectSoon();
      }
    }, this.retryMs).unref();
  }

  async stop() {
    this.stopped = true;
    const c = this.client;
    this.client = null;
    c?.removeAllListeners("end");
    await c?.end().catch(() => {});
  }
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
