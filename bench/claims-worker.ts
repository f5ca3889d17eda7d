// A client worker of `bench:claims`: runs one claim loop per API token, each claiming 1-3 units of a random
// signal through POST /api/v1/signals/:id/claims (keep-alive fetch), until the worker's share of the total
// is used up or the time cap passes. Counts 201s and 409 OVER_CLAIMs per signal. Driven over IPC.
// Each loop is one machine client with its own keep-alive connection, opened before the race: a shared
// fetch pool opened its connections during the race instead, one per busy server turn, and the late
// loops' first claims waited up to 2 s for a connection, which is not claim latency.
import http from "node:http";
import { now } from "./lib/common";

interface RunCmd {
  type: "run";
  url: string;
  tokens: string[];
  signalIds: string[];
  quota: number;
  goAt: number;
  timeCapMs: number;
  requestTimeoutMs: number;
}

const HARD_CAP_MS = 10 * 60_000;
setTimeout(() => {
  console.error(`claims-worker ${process.pid}: hard time cap reached, exiting`);
  process.exit(2);
}, HARD_CAP_MS).unref();
process.on("disconnect", () => process.exit(0));

async function run(cmd: RunCmd) {
  const okBySignal: Record<string, { count: number; quantity: number }> = {};
  for (const id of cmd.signalIds) okBySignal[id] = { count: 0, quantity: 0 };
  const overBySignal: Record<string, number> = Object.fromEntries(cmd.signalIds.map((id) => [id, 0]));
  const other: Record<string, number> = {};
  const okLat: number[] = [];
  const overLat: number[] = [];
  let issued = 0;
  const agents = cmd.tokens.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  await Promise.all(agents.map((agent) => send(agent, "GET", `${cmd.url}/api/v1/boards`, {}, undefined, cmd.requestTimeoutMs)));
  const wait = cmd.goAt - now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const startedAt = now();
  const deadline = startedAt + cmd.timeCapMs;
  let timedOut = false;

  await Promise.all(
    cmd.tokens.map(async (token, loop) => {
      const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
      while (issued < cmd.quota) {
        if (now() >= deadline) {
          timedOut = true;
          return;
        }
        issued++;
        const id = cmd.signalIds[Math.floor(Math.random() * cmd.signalIds.length)]!;
        const quantity = 1 + Math.floor(Math.random() * 3);
        const t = now();
        try {
          const res = await send(agents[loop]!, "POST", `${cmd.url}/api/v1/signals/${id}/claims`, headers, JSON.stringify({ quantity }), cmd.requestTimeoutMs);
          const body = res.body as { error?: { code?: string } } | null;
          const d = now() - t;
          if (res.status === 201) {
            okBySignal[id]!.count++;
            okBySignal[id]!.quantity += quantity;
            okLat.push(d);
          } else if (res.status === 409 && body?.error?.code === "OVER_CLAIM") {
            overBySignal[id]!++;
            overLat.push(d);
          } else {
            const k = `${res.status} ${body?.error?.code ?? ""}`.trim();
            other[k] = (other[k] ?? 0) + 1;
          }
        } catch (err) {
          const k = (err as Error).message === "timeout" ? "timeout" : `error ${(err as Error).message}`;
          other[k] = (other[k] ?? 0) + 1;
        }
      }
    }),
  );
  for (const a of agents) a.destroy();
  process.send?.({
    type: "result",
    startedAt,
    endedAt: now(),
    timedOut,
    okBySignal,
    overBySignal,
    other,
    okLat,
    overLat,
  });
}

/** One request on the loop's own connection; answers the status and the parsed JSON body (or null). */
function send(agent: http.Agent, method: string, url: string, headers: Record<string, string>, body: string | undefined, timeoutMs: number) {
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: body ? { ...headers, "content-length": String(Buffer.byteLength(body)) } : headers, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        } catch {
          /* not JSON: counted by status */
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(body);
  });
}

process.on("message", (m: unknown) => {
  const cmd = m as RunCmd | { type: "exit" };
  if (cmd.type === "run") run(cmd).catch((err) => process.send?.({ type: "error", error: String(err?.stack ?? err) }));
  else if (cmd.type === "exit") process.exit(0);
});
process.send?.({ type: "started" });
