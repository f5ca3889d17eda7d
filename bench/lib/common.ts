// Shared helpers for the benchmarks: clocks, statistics, child processes (workers), temporary
// directories and a cleanup registry that runs on normal exit, on failure and on signals.
// The real server is in app-server.ts, machine and process measurements in machine.ts.
import { fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

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
  p95: number;
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
    p95: percentile(a, 95),
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
    `${label.padEnd(34)} n=${String(s.n).padEnd(6)} min=${fmt(s.min)} p50=${fmt(s.p50)} p90=${fmt(s.p90)} p95=${fmt(s.p95)} ` +
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

export function killHard(c: ChildProcess) {
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
