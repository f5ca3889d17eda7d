// The real app for the benchmarks: a private built snapshot of the working tree (or the tree itself),
// started as a child process on a fresh PGlite data directory, with an optional PGlite trace.
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, readFileSync, rmSync, openSync, closeSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, exited, fmt, freePort, killHard, now, onCleanup, sleep, stopChild, tempDir, track } from "./common";

/**
 * The application the benchmarks run. Default (BENCH_APP=snapshot): a private copy of the working tree's
 * app sources (app, components, server, prisma, public, scripts and the config files; no tests) in
 * bench/.app-<pid>/, built there with `npm run build` (scripts/build.mjs), so that other people building
 * or editing the shared tree at the same time cannot break or skew a run, and the run cannot break their
 * build. The copy resolves packages from the project's node_modules and is removed at the end.
 * BENCH_APP=tree uses the working tree itself and its existing production build (`npm run build` first).
 */
export async function prepareApp(): Promise<string> {
  if (process.env.BENCH_APP === "tree") {
    const { staleReason } = (await import(pathToFileURL(path.join(ROOT, "scripts", "build-state.mjs")).href)) as {
      staleReason(root: string): string | null;
    };
    const stale = staleReason(ROOT);
    if (stale) throw new Error(`BENCH_APP=tree needs a current production build (${stale}): run \`npm run build\` first`);
    console.log(`app: the working tree with its existing build (.next/BUILD_ID ${readFileSync(path.join(ROOT, ".next", "BUILD_ID"), "utf8").trim()})`);
    return ROOT;
  }
  const dir = path.join(ROOT, "bench", `.app-${process.pid}`);
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const started = now();
  const entries = ["app", "components", "server", "prisma", "public", "scripts", "next.config.mjs", "postcss.config.mjs", "package.json", "package-lock.json", "tsconfig.json", "next-env.d.ts"];
  for (const e of entries) {
    const src = path.join(ROOT, e);
    if (!existsSync(src)) continue;
    cpSync(src, path.join(dir, e), {
      recursive: true,
      filter: (f) => !/\.test\.tsx?$/.test(f) && !f.startsWith(path.join(ROOT, "prisma", "tools")),
    });
  }
  const logFile = path.join(dir, "build.log");
  const fd = openSync(logFile, "a");
  const child = track(
    spawn(process.execPath, [path.join(dir, "scripts", "build.mjs")], {
      cwd: dir,
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", fd, fd],
    }),
  );
  closeSync(fd);
  const timer = setTimeout(() => killHard(child), 300_000);
  const code = await new Promise<number | null>((r) => child.once("exit", (c) => r(c)));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`the build of the app snapshot failed (exit ${code}):\n${tail(logFile, 40)}`);
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
 * Spawns the real server as `npm start` does (`node scripts/start.mjs`: the built server in that same
 * process, so the child's pid is the server itself, for /proc RSS readings), with a fresh temporary
 * DATA_DIR (or a given one). BENCH_SERVER_CPU_PROF=<dir> adds --cpu-prof (written when the server exits
 * on SIGTERM). `env` adds to or overrides the server's environment.
 */
export async function startAppServer(opts: {
  appDir: string;
  seedDemo: boolean;
  name: string;
  readyTimeoutMs?: number;
  env?: Record<string, string>;
  /** An existing (seeded) data folder, e.g. for a restart; default: a fresh one. */
  dataDir?: string;
  /** More options for the server's node, e.g. `--import` of a probe. */
  nodeArgs?: string[];
}): Promise<AppServer> {
  const tmp = tempDir(`stigmergy-bench-${opts.name}`);
  const dataDir = opts.dataDir ?? path.join(tmp, "data");
  const logFile = path.join(tmp, "server.log");
  const port = await freePort();
  const execArgv: string[] = [...(opts.nodeArgs ?? [])];
  const profDir = process.env.BENCH_SERVER_CPU_PROF;
  if (profDir) execArgv.push("--cpu-prof", `--cpu-prof-dir=${path.resolve(profDir)}`);
  const trace = process.env.BENCH_PGLITE_TRACE === "1";
  const traceFile = path.join(tmp, "pglite-trace.jsonl");
  // The trace hook is TypeScript: only then does the server process load tsx.
  if (trace) execArgv.push("--import", "tsx", "--import", pathToFileURL(path.join(ROOT, "bench", "lib", "pglite-trace.ts")).href);
  const fd = openSync(logFile, "a");
  const started = now();
  const child = track(
    spawn(process.execPath, [...execArgv, "scripts/start.mjs"], {
      cwd: opts.appDir,
      env: {
        // As `npm start` sets it (ADR 016): two malloc arenas keep native memory freed at start-up from staying resident.
        MALLOC_ARENA_MAX: "2",
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: String(port),
        HOST: "127.0.0.1",
        DATA_DIR: dataDir,
        DATABASE_URL: "",
        SEED_DEMO: opts.seedDemo ? "true" : "false",
        SWEEP_INTERVAL_MS: "0",
        // The benchmark's clients all sign up from the loopback.
        SIGNUPS_PER_ADDRESS_PER_HOUR: "1000000",
        LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? "warn",
        BENCH_PGLITE_TRACE_FILE: traceFile,
        ...opts.env,
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
