// Shared helpers for the benchmarks: clocks, statistics, child processes (the real server, workers),
// temporary directories and a cleanup registry that runs on normal exit, on failure and on signals.
import { spawn, fork, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, openSync, closeSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** Wall-clock milliseconds comparable between processes on this machine. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

/** CLOCK_MONOTONIC in µs: the clock of V8 CPU profiles (for cpuprofile-summary.ts WINDOW_US). */
export function monoUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function envInt(name: string, dflt: number, min = 0): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return dflt;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number >= ${min}, got "${raw}"`);
  return Math.floor(n);
}

// ---- statistics ------------------------------------------------------------------------------------

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarize(values: ArrayLike<number>): Summary {
  const a = Float64Array.from(values as ArrayLike<number>).sort();
  let sum = 0;
  for (const v of a) sum += v;
  return {
    n: a.length,
    min: a.length ? a[0]! : NaN,
    p50: percentile(a, 50),
    p90: percentile(a, 90),
    p99: percentile(a, 99),
    max: a.length ? a[a.length - 1]! : NaN,
    mean: a.length ? sum / a.length : NaN,
  };
}

export function fmt(n: number, digits = 2): string {
  return Number.isFinite(n) ? n.toFixed(digits) : "NaN";
}

export function fmtSummary(label: string, s: Summary, unit = "ms"): string {
  return (
    `${label.padEnd(34)} n=${String(s.n).padEnd(6)} min=${fmt(s.min)} p50=${fmt(s.p50)} p90=${fmt(s.p90)} ` +
    `p99=${fmt(s.p99)} max=${fmt(s.max)} mean=${fmt(s.mean)} ${unit}`
  );
}

// ---- cleanup ---------------------------------------------------------------------------------------

type CleanupFn = () => void | Promise<void>;
const cleanups: CleanupFn[] = [];
const children = new Set<ChildProcess>();
let cleaning: Promise<void> | null = null;

export function onCleanup(fn: CleanupFn) {
  cleanups.push(fn);
}

/** Runs every registered cleanup once (children are killed by their own pid, temp dirs removed). */
export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (err) {
        console.error("cleanup step failed:", err);
      }
    }
    for (const c of children) killHard(c);
  })();
  return cleaning;
}

function killHard(c: ChildProcess) {
  if (c.exitCode === null && c.signalCode === null && c.pid) {
    try {
      process.kill(c.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
}

let handlersInstalled = false;
/** Makes failures and Ctrl-C still clean up; `main` must resolve to the exit code. */
export function runMain(main: () => Promise<number>) {
  if (!handlersInstalled) {
    handlersInstalled = true;
    for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
      process.on(sig, () => {
        console.error(`\n${sig}: cleaning up`);
        void cleanup().finally(() => process.exit(130));
      });
    }
    // Last resort: a synchronous exit still kills children.
    process.on("exit", () => {
      for (const c of children) killHard(c);
    });
  }
  main()
    .then(
      async (code) => {
        await cleanup();
        process.exit(code);
      },
      async (err) => {
        console.error("benchmark failed:", err);
        await cleanup();
        process.exit(1);
      },
    );
}

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  onCleanup(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}.lock`, { recursive: true, force: true });
  });
  return dir;
}

// ---- child processes -------------------------------------------------------------------------------

export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

export function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM, then SIGKILL after `graceMs`. Resolves when the child is gone. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (exited(child) || !child.pid) return;
  const gone = new Promise<void>((r) => child.once("exit", () => r()));
  process.kill(child.pid, "SIGTERM");
  const t = setTimeout(() => killHard(child), graceMs);
  await gone;
  clearTimeout(t);
}

/** Forks a TypeScript worker (run by tsx in the child) with an IPC channel. */
export function forkTs(file: string, args: string[] = [], env: Record<string, string> = {}): ChildProcess {
  const child = fork(path.resolve(ROOT, file), args, {
    cwd: ROOT,
    execArgv: ["--import", "tsx"],
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return track(child);
}

/** Waits for the first IPC message matching `type`, failing on exit or after `timeoutMs`. */
export function nextMessage<T extends { type: string }>(child: ChildProcess, type: string, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onMsg = (m: unknown) => {
      const msg = m as { type?: string; error?: string };
      if (msg?.type === "error") {
        done();
        reject(new Error(`worker ${child.pid}: ${msg.error}`));
      } else if (msg?.type === type) {
        done();
        resolve(m as T);
      }
    };
    const onExit = (code: number | null, sig: string | null) => {
      done();
      reject(new Error(`worker ${child.pid} exited (${code ?? sig}) while waiting for "${type}"`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`worker ${child.pid}: no "${type}" within ${timeoutMs} ms`));
    }, timeoutMs);
    function done() {
      clearTimeout(timer);
      child.off("message", onMsg);
      child.off("exit", onExit);
    }
    child.on("message", onMsg);
    child.once("exit", onExit);
  });
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const a = srv.address();
      const port = typeof a === "object" && a ? a.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Resident set size of a process in MB, from /proc (null when it is gone). */
export function rssMb(pid: number): number | null {
  try {
    const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+)\s+kB/m);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat (100 ticks/s). */
export function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime (fields 14, 15)
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `everyMs` and keeps the maximum until stopped. */
export function rssSampler(pid: number, everyMs = 50) {
  let max = 0;
  let samples = 0;
  const tick = () => {
    const v = rssMb(pid);
    if (v !== null) {
      samples++;
      if (v > max) max = v;
    }
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return { maxMb: max, samples };
    },
  };
}

/**
 * The application the benchmarks run. Default (BENCH_APP=snapshot): a private copy of the working tree's
 * app sources (app, components, server, prisma, public and the config files; no tests) in
 * bench/.app-<pid>/, built there with `next build`, so that other people building or editing the shared
 * tree at the same time cannot break or skew a run, and the run cannot break their `.next`. The copy
 * resolves packages from the project's node_modules and is removed at the end.
 * BENCH_APP=tree uses the working tree itself and its existing production build (`npx next build` first).
 */
export async function prepareApp(): Promise<string> {
  if (process.env.BENCH_APP === "tree") {
    if (!existsSync(path.join(ROOT, ".next", "BUILD_ID")))
      throw new Error("BENCH_APP=tree needs a production build: run `npx next build` first");
    console.log(`app: the working tree with its existing build (.next/BUILD_ID ${readFileSync(path.join(ROOT, ".next", "BUILD_ID"), "utf8").trim()})`);
    return ROOT;
  }
  const dir = path.join(ROOT, "bench", `.app-${process.pid}`);
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const started = now();
  const entries = ["app", "components", "server", "prisma", "public", "next.config.mjs", "postcss.config.mjs", "package.json", "tsconfig.json", "next-env.d.ts"];
  for (const e of entries) {
    const src = path.join(ROOT, e);
    if (!existsSync(src)) continue;
    cpSync(src, path.join(dir, e), {
      recursive: true,
      filter: (f) => !/\.test\.tsx?$/.test(f) && !f.startsWith(path.join(ROOT, "prisma", "tools")),
    });
  }
  const logFile = path.join(dir, "next-build.log");
  const fd = openSync(logFile, "a");
  const child = track(
    spawn(process.execPath, [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "build"], {
      cwd: dir,
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", fd, fd],
    }),
  );
  closeSync(fd);
  const timer = setTimeout(() => killHard(child), 300_000);
  const code = await new Promise<number | null>((r) => child.once("exit", (c) => r(c)));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`next build of the app snapshot failed (exit ${code}):\n${tail(logFile, 40)}`);
  console.log(`app: snapshot of the working tree built in ${fmt((now() - started) / 1000, 1)} s (${path.relative(ROOT, dir)}; BENCH_APP=tree uses the tree's own build)`);
  return dir;
}

export interface AppServer {
  child: ChildProcess;
  pid: number;
  url: string;
  port: number;
  dataDir: string;
  logFile: string;
  startupMs: number;
  /** With BENCH_PGLITE_TRACE=1: the server's PGlite counters since the previous call (see pglite-trace.ts). */
  traceSnapshot(): Promise<PgliteTrace | null>;
  stop(): Promise<void>;
}

export interface PgliteTrace {
  wallMs: number;
  protocolMs: number;
  syncMs: number;
  syncs: number;
  transactions: { count: number; totalMs: number; maxMs: number };
  statements: Array<{ sql: string; count: number; ms: number }>;
}

/**
 * Spawns the real server (`server/main.ts`, production mode) as a child with a fresh temporary DATA_DIR,
 * run by `node --import tsx` so that the child's pid is the server itself (for /proc RSS readings).
 * BENCH_SERVER_CPU_PROF=<dir> adds --cpu-prof (written when the server exits on SIGTERM).
 */
export async function startAppServer(opts: { appDir: string; seedDemo: boolean; name: string; readyTimeoutMs?: number }): Promise<AppServer> {
  const tmp = tempDir(`stigmergy-bench-${opts.name}`);
  const dataDir = path.join(tmp, "data");
  const logFile = path.join(tmp, "server.log");
  const port = await freePort();
  const execArgv = ["--import", "tsx"];
  const profDir = process.env.BENCH_SERVER_CPU_PROF;
  if (profDir) execArgv.push("--cpu-prof", `--cpu-prof-dir=${path.resolve(profDir)}`);
  const trace = process.env.BENCH_PGLITE_TRACE === "1";
  const traceFile = path.join(tmp, "pglite-trace.jsonl");
  if (trace) execArgv.push("--import", pathToFileURL(path.join(ROOT, "bench", "lib", "pglite-trace.ts")).href);
  const fd = openSync(logFile, "a");
  const started = now();
  const child = track(
    spawn(process.execPath, [...execArgv, "server/main.ts"], {
      cwd: opts.appDir,
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: String(port),
        HOST: "127.0.0.1",
        DATA_DIR: dataDir,
        DATABASE_URL: "",
        SEED_DEMO: opts.seedDemo ? "true" : "false",
        SWEEP_INTERVAL_MS: "0",
        LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? "warn",
        BENCH_PGLITE_TRACE_FILE: traceFile,
      },
      stdio: ["ignore", fd, fd],
    }),
  );
  closeSync(fd);
  const url = `http://127.0.0.1:${port}`;
  const deadline = started + (opts.readyTimeoutMs ?? 180_000);
  const server: AppServer = {
    child,
    pid: child.pid!,
    url,
    port,
    dataDir,
    logFile,
    startupMs: 0,
    async traceSnapshot() {
      if (!trace || exited(child)) return null;
      const before = existsSync(traceFile) ? readFileSync(traceFile, "utf8").split("\n").filter(Boolean).length : 0;
      process.kill(child.pid!, "SIGUSR2");
      for (let k = 0; k < 50; k++) {
        await sleep(50);
        const lines = existsSync(traceFile) ? readFileSync(traceFile, "utf8").split("\n").filter(Boolean) : [];
        if (lines.length > before) return JSON.parse(lines[lines.length - 1]!) as PgliteTrace;
      }
      return null;
    },
    stop: () => stopChild(child, 15_000),
  };
  onCleanup(() => stopChild(child, 5_000));
  for (;;) {
    if (exited(child)) throw new Error(`server exited during start-up (${child.exitCode ?? child.signalCode}):\n${tail(logFile)}`);
    if (now() > deadline) throw new Error(`server not ready within ${opts.readyTimeoutMs ?? 180_000} ms:\n${tail(logFile)}`);
    try {
      const res = await fetch(`${url}/api/v1/boards`, { signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  server.startupMs = now() - started;
  return server;
}

export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

/** Prints a PGlite trace (BENCH_PGLITE_TRACE=1) per unit of work (e.g. per claim). */
export function printTrace(tr: PgliteTrace | null, units: number, unit: string, top = 18) {
  if (!tr) return;
  const stmts = tr.statements.reduce((s, x) => s + x.count, 0);
  console.log(
    `PGlite trace over ${fmt(tr.wallMs, 0)} ms: ${stmts} statements (${fmt(stmts / units, 1)} per ${unit}); ` +
      `time inside PGlite ${fmt(tr.protocolMs, 0)} ms (${fmt(tr.protocolMs / units, 2)} ms per ${unit}, ` +
      `${fmt((100 * tr.protocolMs) / tr.wallMs, 0)}% of wall); fs syncs ${tr.syncs} taking ${fmt(tr.syncMs, 0)} ms; ` +
      `transactions ${tr.transactions.count}, open ${fmt(tr.transactions.totalMs, 0)} ms in total ` +
      `(${fmt(tr.transactions.totalMs / Math.max(1, tr.transactions.count), 2)} ms mean, max ${fmt(tr.transactions.maxMs, 1)}; ` +
      `${fmt((100 * tr.transactions.totalMs) / tr.wallMs, 0)}% of wall)`,
  );
  for (const s of tr.statements.slice(0, top))
    console.log(`  ${String(s.count).padStart(6)} x ${fmt(s.ms / Math.max(1, s.count), 3)} ms = ${fmt(s.ms, 0).padStart(6)} ms  ${s.sql}`);
}

function machineJiffies(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = line.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = (line[3] ?? 0) + (line[4] ?? 0);
  return { busy: total - idle, total };
}

/**
 * How busy the machine was during a phase, and how much of that was this benchmark's own processes: on a
 * small shared machine, other work running at the same time skews every figure, so each run says so.
 */
export function loadWatch(pids: () => number[]) {
  const m0 = machineJiffies();
  const ours0 = new Map(pids().map((p) => [p, cpuMs(p) ?? 0]));
  const t0 = now();
  return {
    stop() {
      const m1 = machineJiffies();
      let oursMs = 0;
      for (const p of new Set([...ours0.keys(), ...pids()])) oursMs += (cpuMs(p) ?? 0) - (ours0.get(p) ?? 0);
      const wallMs = now() - t0;
      const cores = os.cpus().length;
      const capacityMs = wallMs * cores;
      const busyMs = (m1.busy - m0.busy) * 10;
      const othersMs = Math.max(0, busyMs - oursMs);
      return {
        text:
          `machine load: ${cores} cores ${fmt((100 * busyMs) / capacityMs, 0)}% busy over ${fmt(wallMs / 1000, 1)} s; ` +
          `this benchmark's processes ${fmt((100 * oursMs) / capacityMs, 0)}%, other processes ${fmt((100 * othersMs) / capacityMs, 0)}% ` +
          `(load average now ${os.loadavg().map((l) => l.toFixed(2)).join(" ")})`,
        othersPct: (100 * othersMs) / capacityMs,
      };
    },
  };
}

/**
 * Waits (at most BENCH_QUIET_WAIT_S seconds, default 90) until other processes use less than
 * BENCH_QUIET_PCT percent (default 20) of the machine over a 2 s window, then goes on either way.
 */
export async function waitForQuiet(): Promise<void> {
  const maxS = envInt("BENCH_QUIET_WAIT_S", 90);
  const pct = envInt("BENCH_QUIET_PCT", 20);
  const deadline = now() + maxS * 1000;
  let busy = 0;
  for (;;) {
    const a = machineJiffies();
    await sleep(2_000);
    const b = machineJiffies();
    busy = (100 * (b.busy - a.busy)) / Math.max(1, b.total - a.total);
    if (busy < pct) {
      console.log(`machine quiet enough to start: ${fmt(busy, 0)}% busy (threshold ${pct}%)`);
      return;
    }
    if (now() >= deadline) {
      console.log(`WARNING: machine still ${fmt(busy, 0)}% busy after waiting ${maxS} s for other work to finish: figures will be skewed`);
      return;
    }
  }
}
