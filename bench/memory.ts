// bench:memory — the server's resident memory (RSS) when idle with the demo on the embedded database,
// against a bare Socket.IO server's idle RSS measured in the same run.
//
// The real server runs as `npm start` runs it (bench/lib/app-server.ts), on a fresh DATA_DIR with the demo
// seeded. A visitor then opens the board, a signal and the API, as a person would; the server is left idle
// for IDLE_S seconds and its RSS is sampled for SAMPLE_S more (the median is reported). The server is then
// stopped and started again on the same folder (what every later start is), and measured the same way.
// bench/lib/memory-probe.mjs, loaded into the server, splits the RSS into the V8 heap, WebAssembly memories
// (PGlite's Postgres, Prisma's query compiler) and the rest. Baseline: plain node with http + Socket.IO.
//
// Env: IDLE_S (10), SAMPLE_S (5). Shared: BENCH_APP (snapshot | tree), BENCH_QUIET_WAIT_S / BENCH_QUIET_PCT.
// Final line: bench:memory rss_idle_mb=X rss_restart_mb=X baseline_rss_mb=X ratio=X
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { prepareApp, startAppServer, type AppServer } from "./lib/app-server";
import { ROOT, envInt, fmt, runMain, sleep, stopChild, tempDir, track } from "./lib/common";
import { rssMb, waitForQuiet } from "./lib/machine";

const IDLE_S = envInt("IDLE_S", 10, 0);
const SAMPLE_S = envInt("SAMPLE_S", 5, 1);
const MB = 1024 * 1024;

/** Median RSS over SAMPLE_S seconds, sampled every 250 ms. */
async function idleRss(pid: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < SAMPLE_S * 4; i++) {
    samples.push(rssMb(pid) ?? NaN);
    await sleep(250);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

/** What a visitor does: the board page, a signal's page and the API behind them. */
async function visit(url: string) {
  const get = async (p: string) => {
    const r = await fetch(url + p);
    const body = await r.text();
    if (r.status !== 200) throw new Error(`GET ${p}: ${r.status}`);
    return body;
  };
  await get("/");
  await get("/boards/commons");
  const list = JSON.parse(await get("/api/v1/boards/commons/signals")) as { items: Array<{ id: string }> };
  await get(`/signals/${list.items[0]!.id}`);
  await get(`/api/v1/signals/${list.items[0]!.id}`);
}

function breakdown(file: string): string {
  if (!existsSync(file)) return "(no probe reading)";
  const lines = readFileSync(file, "utf8").trim().split("\n");
  const m = JSON.parse(lines.at(-1)!) as { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number; wasm: number[] };
  const wasm = m.wasm.filter((b) => b > MB).map((b) => `${fmt(b / MB, 0)}`).join(" + ") || "none";
  return (
    `V8 heap ${fmt(m.heapUsed / MB, 0)} used of ${fmt(m.heapTotal / MB, 0)} MB; external ${fmt(m.external / MB, 0)} MB ` +
    `(WebAssembly memories reserved: ${wasm} MB, touched pages only are resident); array buffers ${fmt(m.arrayBuffers / MB, 0)} MB`
  );
}

async function measureApp(appDir: string, name: string, dataDir?: string): Promise<{ server: AppServer; rss: number; text: string }> {
  const probeFile = path.join(tempDir(`stigmergy-bench-memory-${name}`), "memory.jsonl");
  const server = await startAppServer({
    appDir,
    seedDemo: true,
    name: `memory-${name}`,
    dataDir,
    nodeArgs: ["--import", pathToFileURL(path.join(ROOT, "bench", "lib", "memory-probe.mjs")).href],
    env: { BENCH_MEMORY_FILE: probeFile },
  });
  await visit(server.url);
  await sleep(IDLE_S * 1000);
  const rss = await idleRss(server.pid);
  return { server, rss, text: `started in ${fmt(server.startupMs / 1000, 1)} s; idle RSS ${fmt(rss, 1)} MB — ${breakdown(probeFile)}` };
}

/** Plain node with an HTTP server and Socket.IO, idle: the floor any Socket.IO app stands on. */
async function bareRss(): Promise<number> {
  const code = `
    const http = require("node:http");
    const { Server } = require("socket.io");
    const server = http.createServer((req, res) => { res.writeHead(404); res.end(); });
    new Server(server, { path: "/socket.io", serveClient: false });
    server.listen(0, "127.0.0.1", () => console.log("listening"));
    process.on("SIGTERM", () => process.exit(0));`;
  const child = track(spawn(process.execPath, ["-e", code], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] }));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once("data", () => resolve());
    child.once("exit", (c) => reject(new Error(`bare server exited (${c})`)));
  });
  await sleep(IDLE_S * 1000);
  const rss = await idleRss(child.pid!);
  await stopChild(child, 5_000);
  return rss;
}

runMain(async () => {
  await waitForQuiet();
  const appDir = await prepareApp();

  const first = await measureApp(appDir, "first");
  console.log(`first start (new data folder, demo seeded): ${first.text}`);
  await first.server.stop();
  const restart = await measureApp(appDir, "restart", first.server.dataDir);
  console.log(`restart on the same folder: ${restart.text}`);
  await restart.server.stop();

  const baseline = await bareRss();
  console.log(`bare Socket.IO server: idle RSS ${fmt(baseline, 1)} MB`);
  const ratio = Math.max(first.rss, restart.rss) / baseline;
  console.log(
    `bench:memory rss_idle_mb=${fmt(first.rss, 1)} rss_restart_mb=${fmt(restart.rss, 1)} baseline_rss_mb=${fmt(baseline, 1)} ratio=${fmt(ratio)}`,
  );
  return 0;
});
