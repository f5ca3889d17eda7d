// App instances as separate processes (`server/main.ts`, as `npm start` runs it after the build): for
// tests that need several instances on one PostgreSQL, or that read what the server prints at start.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { sleep } from "./socket";
import { HARNESS_LIMITS } from "./server";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface Instance {
  name: string;
  url: string;
  child: ChildProcess;
  /** The last 200 chunks of stdout and stderr, in arrival order. */
  output: string[];
  exited: boolean;
}

/**
 * Starts `server/main.ts` in production mode on `port`. `env` adds to (or, with undefined, removes from)
 * the defaults: loopback, no demo, no sweep, warnings only, the harness's raised per-address limits.
 */
export function spawnInstance(name: string, port: number, env: Record<string, string | undefined>): Instance {
  const merged: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    NODE_ENV: "production",
    SEED_DEMO: "false",
    SWEEP_INTERVAL_MS: "0",
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
    ...HARNESS_LIMITS,
    ...env,
  };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: ROOT,
    env: merged as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const inst: Instance = { name, url: `http://127.0.0.1:${port}`, child, output: [], exited: false };
  const keep = (b: Buffer) => {
    inst.output.push(b.toString());
    if (inst.output.length > 200) inst.output.shift();
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  child.once("exit", (code, signal) => {
    inst.exited = true;
    inst.output.push(`[exited code=${code} signal=${signal}]`);
  });
  return inst;
}

/** Resolves once the instance answers GET /api/v1/boards with 200; throws with its output otherwise. */
export async function waitReady(inst: Instance, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (inst.exited) throw new Error(`instance ${inst.name} exited during start-up:\n${inst.output.join("")}`);
    try {
      const r = await fetch(`${inst.url}/api/v1/boards`);
      if (r.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`instance ${inst.name} not ready:\n${inst.output.join("")}`);
    await sleep(200);
  }
}

/** SIGTERM (the clean shutdown), then SIGKILL if it has not exited within 10 s. */
export async function stopInstance(inst: Instance) {
  if (inst.exited) return;
  const gone = new Promise<void>((resolve) => inst.child.once("exit", () => resolve()));
  inst.child.kill("SIGTERM");
  const timer = setTimeout(() => inst.child.kill("SIGKILL"), 10_000);
  await gone;
  clearTimeout(timer);
}

