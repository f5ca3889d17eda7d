// One process per PGlite data directory: a second opener fails with an error naming the lock instead of
// silently losing rows, opens once the first has closed, and takes over the lock a crashed (SIGKILLed)
// process left behind, finding every row that process had acknowledged.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../server/db/database";
import { loadConfig } from "../../server/config";
import { sleep, waitUntil } from "../support/socket";

const ROOT = path.resolve(import.meta.dirname, "../..");

async function openFails(dataDir: string): Promise<Error> {
  const result = await openDatabase({ dataDir }).then(
    async (db) => {
      await db.close();
      return null;
    },
    (err: Error) => err,
  );
  if (!result) throw new Error(`a second openDatabase(${dataDir}) succeeded while the directory was in use`);
  return result;
}

interface Writer {
  child: ChildProcess;
  acked: string[];
  opened(): boolean;
  stderr(): string;
  exited: Promise<void>;
}

/** Starts pglite-writer.script.ts on `dir` and collects the ids it acknowledges, line by complete line. */
function spawnWriter(dir: string, mode: "yielding" | "tight"): Writer {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/jobs/pglite-writer.script.ts", dir, mode], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const acked: string[] = [];
  let opened = false;
  let stderr = "";
  let partial = "";
  child.stdout!.on("data", (b: Buffer) => {
    const lines = (partial + b.toString()).split("\n");
    partial = lines.pop()!; // an unfinished line is not an acknowledgement yet
    for (const line of lines) {
      if (line === "open") opened = true;
      else if (line.startsWith("ack ")) acked.push(...line.slice(4).split(" "));
    }
  });
  child.stderr!.on("data", (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { child, acked, opened: () => opened, stderr: () => stderr, exited };
}

async function writerRunning(w: Writer, rows: number) {
  await waitUntil(() => w.opened() || w.child.exitCode !== null, 60_000, () => "the writer to open the database");
  expect(w.child.exitCode, w.stderr()).toBeNull();
  await waitUntil(() => w.acked.length >= rows, 30_000, () => `${rows} acknowledged rows, have ${w.acked.length}`);
}

describe("PGlite data directory lock", () => {
  let root: string;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "sb-lock-"));
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    await rm(root, { recursive: true, force: true });
  });

  it("refuses a second open of a directory in use, naming the lock, and opens once the first has closed", async () => {
    const dir = path.join(root, "in-process");
    const first = await openDatabase({ dataDir: dir });
    try {
      await first.prisma.resourceSpec.create({ data: { name: "kept", unit: "each" } });
      const err = await openFails(dir);
      expect(err.message).toContain(`${dir}.lock`);
      expect(err.message).toMatch(/in use by another process|already open in this process/);
      // The refused opener did not disturb the holder.
      await first.prisma.resourceSpec.create({ data: { name: "kept too", unit: "each" } });
      expect(await first.prisma.resourceSpec.count()).toBe(2);
    } finally {
      await first.close();
    }
    expect(existsSync(`${dir}.lock`)).toBe(false);
    const second = await openDatabase({ dataDir: dir });
    try {
      const names = (await second.prisma.resourceSpec.findMany({ select: { name: true } })).map((r) => r.name).sort();
      expect(names).toEqual(["kept", "kept too"]);
    } finally {
      await second.close();
    }
  }, 90_000);

  it("keeps every acknowledged row of a writer that is SIGKILLed, and takes over its stale lock", async () => {
    const dir = path.join(root, "crashed");
    const w = spawnWriter(dir, "yielding");
    children.push(w.child);
    const { child, acked } = w;
    await writerRunning(w, 50);

    // Another process (this one) cannot open the directory while the writer holds it.
    const err = await openFails(dir);
    expect(err.message).toContain(`${dir}.lock`);
    expect(child.exitCode, `the writer died while we waited: ${w.stderr()}`).toBeNull();

    child.kill("SIGKILL");
    await w.exited;
    const total = acked.length;
    expect(total).toBeGreaterThan(50);
    expect(existsSync(`${dir}.lock`)).toBe(true); // left behind by the crash

    const started = Date.now();
    let db: Database | undefined;
    try {
      db = await openDatabase({ dataDir: dir });
      const tookMs = Date.now() - started;
      expect(tookMs).toBeLessThan(30_000);
      const found = new Set((await db.prisma.resourceSpec.findMany({ select: { id: true } })).map((r) => r.id));
      const missing = acked.filter((id) => !found.has(id));
      expect(missing, `${missing.length} of ${total} acknowledged rows lost`).toEqual([]);
      // A transaction in flight at the kill left both of its rows or neither.
      const names = new Set((await db.prisma.resourceSpec.findMany({ select: { name: true } })).map((r) => r.name));
      const halves = [...names].filter((n) => /[ab]$/.test(n) && !names.has(n.replace(/[ab]$/, (s) => (s === "a" ? "b" : "a"))));
      expect(halves).toEqual([]);
      // And the reopened database takes writes.
      await db.prisma.resourceSpec.create({ data: { name: "after the crash", unit: "each" } });
    } finally {
      await db?.close();
    }
  }, 120_000);

  it("a writer busy for longer than the stale window (15 s) without yielding still keeps its lock", async () => {
    // The lock is kept fresh by a 5 s timer in the holder's event loop; a holder whose loop is starved by
    // back-to-back database work must not look "crashed" to a second process.
    const dir = path.join(root, "busy");
    const w = spawnWriter(dir, "tight");
    children.push(w.child);
    await writerRunning(w, 50);
    const err = await openFails(dir);
    expect(err.message).toContain(`${dir}.lock`);
    w.child.kill("SIGKILL");
    await w.exited;
  }, 120_000);

  it("DATA_DIR=memory:// (what the test harness uses) keeps PGlite in memory: nothing on disk, no lock", async () => {
    const cwd = process.cwd();
    const dir = await mkdtemp(path.join(root, "cwd-"));
    let config: ReturnType<typeof loadConfig>;
    process.chdir(dir);
    try {
      config = loadConfig({ NODE_ENV: "test", DATA_DIR: "memory://" });
    } finally {
      process.chdir(cwd);
    }
    const first = await openDatabase({ dataDir: config.dataDir, migrationsDir: path.join(ROOT, "prisma/migrations") });
    try {
      await first.prisma.resourceSpec.create({ data: { name: "only in memory", unit: "each" } });
      // config.dataDir is resolved against the working directory: it must not turn into a real directory there.
      expect(readdirSync(dir), `config.dataDir = ${config.dataDir}`).toEqual([]);
    } finally {
      await first.close();
    }
    await sleep(0);
    const second = await openDatabase({ dataDir: config.dataDir, migrationsDir: path.join(ROOT, "prisma/migrations") });
    try {
      expect(await second.prisma.resourceSpec.count()).toBe(0); // a fresh in-memory database every time
    } finally {
      await second.close();
    }
  }, 60_000);
});
