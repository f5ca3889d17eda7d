// The real app as its own process, started the way `npm start` starts it (`node scripts/start.mjs` in a
// checkout), for tests that kill it, restart it or start several at once. Its output is kept for the
// test's messages and assertions.
import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "./free-port";
import path from "node:path";
import { waitUntil } from "./socket";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export interface AppProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Resolves once GET /api/v1/boards answers 200; fails if the process exits first. */
  ready(timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (a clean stop) or SIGKILL (a crash); resolves when the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startAppProcess(opts: { cwd?: string; env: Record<string, string>; port?: number }): Promise<AppProcess> {
  const port = opts.port ?? (await freePort());
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: opts.cwd ?? ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      SWEEP_INTERVAL_MS: "0",
      LOG_LEVEL: "warn",
      DATABASE_URL: "",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr!.on("data", (b: Buffer) => (out += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    child,
    url,
    output: () => out,
    exited,
    async ready(timeoutMs = 120_000) {
      let up = false;
      const poll = async () => {
        while (!up && !gone()) {
          try {
            const r = await fetch(`${url}/api/v1/boards`, { signal: AbortSignal.timeout(5_000) });
            await r.arrayBuffer();
            up = r.status === 200;
          } catch {
            /* not listening yet */
          }
          if (!up) await new Promise((r) => setTimeout(r, 100));
        }
      };
      void poll();
      await waitUntil(() => up || gone(), timeoutMs, () => `the app on ${url} to serve; its output:\n${out.slice(-3000)}`);
      if (!up) throw new Error(`the app exited before serving (${child.exitCode ?? child.signalCode}):\n${out.slice(-3000)}`);
    },
    async stop(signal = "SIGTERM") {
      if (gone()) return;
      child.kill(signal);
      await exited;
    },
  };
}
