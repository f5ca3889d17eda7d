// bench:realtime — fan-out latency of board events to many Socket.IO clients, against a bare Socket.IO
// baseline measured in the same run.
//
// Phase 1 (app): the real server (child process, fresh DATA_DIR, seeded demo) and CLIENTS Socket.IO
// clients spread over WORKERS worker processes, all joined to the `commons` board. This process is the
// writer: WRITES signal creations through POST /api/v1/boards/commons/signals (Bearer token of the demo
// steward), one every SPACING_MS (open loop), recording when each request was sent and when its 201
// arrived. Every client records when each `board:event` arrived; the 201's signal id names the event.
// Phase 2 (baseline): a bare Socket.IO server (bench/bare-broadcast-server.ts) with the same transport
// settings; the same workers connect the same number of clients; it broadcasts a real event captured in
// phase 1 WRITES times at the same spacing, recording each emit time.
//
// What a user feels is the whole write path: from the moment the writer sends its request to the moment
// the event arrives at a client. The closing line's p50/p99 are that, compared with the bare broadcast's
// emit -> arrival. Joins are timed too, against the same clients joining the bare server.
//
// Env: CLIENTS (1000), WORKERS (4), WRITES (100), SPACING_MS (50), WARMUP (3), TRANSPORTS ("websocket"),
// CONNECT_CONCURRENCY (per worker, 25). Shared (bench/lib/app-server.ts, machine.ts): BENCH_APP (snapshot | tree),
// BENCH_QUIET_WAIT_S / BENCH_QUIET_PCT (wait for other work to finish), BENCH_SERVER_CPU_PROF=<dir> (CPU
// profile of the app server, summarise with bench/cpuprofile-summary.ts), BENCH_PGLITE_TRACE=1 (statement
// counts and times inside the server's PGlite).
// Final line: bench:realtime clients=N p50_ms=X p99_ms=X baseline_p99_ms=X ratio_p99=X rss_idle_mb=X rss_load_mb=X
import type { ChildProcess } from "node:child_process";
import { DEMO_PASSWORD, demoBoards, demoUsers } from "../prisma/seed-data";
import { prepareApp, printTrace, startAppServer } from "./lib/app-server";
import { envInt, fmt, fmtSummary, forkTs, monoUs, nextMessage, now, runMain, sleep, stopChild, summarize } from "./lib/common";
import { cpuMs, loadWatch, rssMb, rssSampler, waitForQuiet } from "./lib/machine";

const CLIENTS = envInt("CLIENTS", 1000, 1);
const WORKERS = Math.min(envInt("WORKERS", 4, 1), CLIENTS);
const WRITES = envInt("WRITES", 100, 1);
const SPACING_MS = envInt("SPACING_MS", 50, 1);
const WARMUP = envInt("WARMUP", 3, 0);
const CONNECT_CONCURRENCY = envInt("CONNECT_CONCURRENCY", 25, 1);
const TRANSPORTS = (process.env.TRANSPORTS ?? "websocket").split(",").map((s) => s.trim()).filter(Boolean);
const SLUG = "commons";
const JOIN_TIMEOUT_MS = 60_000;
const DELIVERY_WAIT_MS = 20_000;
const WRITE_TIMEOUT_MS = 30_000;

interface Ready {
  type: "ready";
  joined: number;
  failed: number;
  errors: string[];
  ms: number;
  minJoinedSeq: number | null;
  maxJoinedSeq: number | null;
}
interface CollectedClient {
  id: number;
  joinedSeq: number | null;
  seqs: number[];
  times: number[];
  disconnects: number;
  connected: boolean;
}
interface Collected {
  type: "collected";
  clients: CollectedClient[];
  signalBySeq: Array<[number, string | null]>;
  sample: Record<string, unknown> | null;
}
interface Write {
  i: number;
  sent: number;
  ack: number;
  status: number;
  signalId: string | null;
  error?: string;
}

function split(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

async function connectAll(workers: ChildProcess[], url: string): Promise<{ joined: number; failed: number; ms: number; joinedSeq: number | null }> {
  const started = now();
  const counts = split(CLIENTS, workers.length);
  let firstId = 0;
  const readies = await Promise.all(
    workers.map((w, i) => {
      const p = nextMessage<Ready>(w, "ready", JOIN_TIMEOUT_MS + 120_000);
      w.send({
        type: "connect",
        url,
        slug: SLUG,
        count: counts[i],
        firstId,
        concurrency: CONNECT_CONCURRENCY,
        transports: TRANSPORTS,
        joinTimeoutMs: JOIN_TIMEOUT_MS,
      });
      firstId += counts[i]!;
      return p;
    }),
  );
  const joined = readies.reduce((s, r) => s + r.joined, 0);
  const failed = readies.reduce((s, r) => s + r.failed, 0);
  for (const r of readies) if (r.errors.length) console.log(`  join errors (first ${r.errors.length}): ${r.errors.join("; ")}`);
  const seqs = readies.flatMap((r) => (r.minJoinedSeq === null ? [] : [r.minJoinedSeq, r.maxJoinedSeq!]));
  return { joined, failed, ms: now() - started, joinedSeq: seqs.length ? Math.min(...seqs) : null };
}

/** Polls the workers until `expected` events arrived in all, or the deadline passes. */
async function waitDelivery(workers: ChildProcess[], expected: number, deadlineMs: number): Promise<number> {
  const deadline = now() + deadlineMs;
  let got = 0;
  while (now() < deadline) {
    const answers = await Promise.all(
      workers.map((w) => {
        const p = nextMessage<{ type: "progress"; received: number }>(w, "progress", 10_000);
        w.send({ type: "progress" });
        return p;
      }),
    );
    got = answers.reduce((s, a) => s + a.received, 0);
    if (got >= expected) break;
    await sleep(100);
  }
  // Anything beyond the expected count (duplicates) would still be arriving now: give it a moment.
  await sleep(300);
  return got;
}

async function collect(workers: ChildProcess[]): Promise<Collected[]> {
  return Promise.all(
    workers.map((w) => {
      const p = nextMessage<Collected>(w, "collected", 60_000);
      w.send({ type: "collect" });
      return p;
    }),
  );
}

async function disconnectAll(workers: ChildProcess[]) {
  await Promise.all(
    workers.map((w) => {
      const p = nextMessage(w, "disconnected", 30_000);
      w.send({ type: "disconnect" });
      return p;
    }),
  );
}

/** Exactly-once, in-order check of every client against the expected seq list. */
function checkDelivery(clients: CollectedClient[], expected: number[]) {
  const want = new Set(expected);
  let missing = 0;
  let dupes = 0;
  let outOfOrder = 0;
  let unexpected = 0;
  let disconnects = 0;
  for (const c of clients) {
    disconnects += c.disconnects;
    const seen = new Set<number>();
    let prev = -Infinity;
    for (const s of c.seqs) {
      if (seen.has(s)) dupes++;
      else if (!want.has(s)) unexpected++;
      seen.add(s);
      if (s <= prev) outOfOrder++;
      prev = s;
    }
    for (const s of expected) if (!seen.has(s)) missing++;
  }
  return { missing, dupes, outOfOrder, unexpected, disconnects };
}

function firstArrivals(c: CollectedClient): Map<number, number> {
  const m = new Map<number, number>();
  for (let k = 0; k < c.seqs.length; k++) if (!m.has(c.seqs[k]!)) m.set(c.seqs[k]!, c.times[k]!);
  return m;
}

async function main(): Promise<number> {
  console.log(
    `bench:realtime — clients=${CLIENTS} workers=${WORKERS} writes=${WRITES} spacing=${SPACING_MS}ms warmup=${WARMUP} ` +
      `transports=${TRANSPORTS.join("+")} board=${SLUG}`,
  );
  const appDir = await prepareApp();
  await waitForQuiet();

  // ---- phase 1: the app -------------------------------------------------------------------------
  const server = await startAppServer({ appDir, seedDemo: true, name: "realtime" });
  console.log(`app server pid ${server.pid} ready in ${fmt(server.startupMs, 0)} ms (fresh DATA_DIR, SEED_DEMO=true, SWEEP_INTERVAL_MS=0)`);
  // Idle: the median of 10 readings over 1 s, 3 s after the server answered (before any client).
  await sleep(3_000);
  const idleSamples: number[] = [];
  for (let k = 0; k < 10; k++) {
    idleSamples.push(rssMb(server.pid) ?? NaN);
    await sleep(100);
  }
  const rssIdle = idleSamples.sort((a, b) => a - b)[5]!;

  // The writer: the commons board's steward, by API token.
  const stewardKey = demoBoards.find((b) => b.slug === SLUG)!.stewardKey;
  const email = demoUsers.find((u) => u.key === stewardKey)!.email;
  const tokRes = await fetch(`${server.url}/api/v1/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: DEMO_PASSWORD, label: "bench:realtime" }),
  });
  if (tokRes.status !== 201) throw new Error(`token: ${tokRes.status} ${await tokRes.text()}`);
  const token = ((await tokRes.json()) as { token: string }).token;
  const specs = (await (await fetch(`${server.url}/api/v1/resource-specs`)).json()) as { items: Array<{ id: string }> };
  const resourceSpecId = specs.items[0]!.id;
  const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };

  const workers = Array.from({ length: WORKERS }, () => forkTs("bench/realtime-worker.ts"));
  await Promise.all(workers.map((w) => nextMessage(w, "started", 60_000)));

  const conn = await connectAll(workers, server.url);
  console.log(`connect+join: ${conn.joined}/${CLIENTS} clients joined in ${fmt(conn.ms, 0)} ms (failed ${conn.failed}); board lastSeq at join ${conn.joinedSeq}`);
  if (conn.joined === 0) throw new Error("no client could join");
  const rssJoined = rssMb(server.pid) ?? NaN;

  async function write(i: number): Promise<Write> {
    const body = JSON.stringify({ kind: "need", resourceSpecId, quantity: 10 + (Math.abs(i) % 90), title: `bench write ${i}` });
    const sent = now();
    try {
      const res = await fetch(`${server.url}/api/v1/boards/${SLUG}/signals`, {
        method: "POST",
        headers,
        body,
        signal: AbortSignal.timeout(WRITE_TIMEOUT_MS),
      });
      const ack = now();
      const json = (await res.json()) as { id?: string };
      return { i, sent, ack, status: res.status, signalId: json.id ?? null };
    } catch (err) {
      return { i, sent, ack: now(), status: 0, signalId: null, error: String(err) };
    }
  }

  // Warm-up writes (route code loading, JIT): delivered and checked, not timed.
  for (let i = 0; i < WARMUP; i++) {
    const w = await write(-1 - i);
    if (w.status !== 201) throw new Error(`warm-up write failed: ${w.status} ${w.error ?? ""}`);
  }
  await sleep(500);

  await server.traceSnapshot(); // resets the PGlite trace (BENCH_PGLITE_TRACE=1) to the write phase alone
  const cpuBefore = cpuMs(server.pid) ?? NaN;
  const monoFrom = monoUs();
  const sampler = rssSampler(server.pid, 25);
  const watch = loadWatch(() => [process.pid, server.pid, ...workers.map((w) => w.pid!)]);
  const t0 = now() + 20;
  const pending: Promise<Write>[] = [];
  for (let i = 0; i < WRITES; i++) {
    const wait = t0 + i * SPACING_MS - now();
    if (wait > 0) await sleep(wait);
    pending.push(write(i));
  }
  const writes = await Promise.all(pending);
  const writePhaseMs = now() - t0;
  const expectedTotal = conn.joined * (WARMUP + WRITES);
  const got = await waitDelivery(workers, expectedTotal, DELIVERY_WAIT_MS);
  const load = sampler.stop();
  const busy = watch.stop();
  const cpuAfter = cpuMs(server.pid) ?? NaN;
  const monoTo = monoUs();
  const trace = await server.traceSnapshot();

  // The authoritative list of what the board committed after the clients joined.
  const evRes = await fetch(`${server.url}/api/v1/boards/${SLUG}/events?after=${conn.joinedSeq}&limit=1000`);
  const { events } = (await evRes.json()) as { events: Array<{ seq: number; type: string; data: { signal?: { id: string } } }> };
  const seqBySignal = new Map(events.filter((e) => e.type === "signal.created").map((e) => [e.data.signal!.id, e.seq]));
  const collected = await collect(workers);
  const clients = collected.flatMap((c) => c.clients).filter((c) => c.joinedSeq !== null);
  const sample = collected.find((c) => c.sample)?.sample ?? null;

  const appDelivery = checkDelivery(clients, events.map((e) => e.seq));
  const ok = writes.filter((w) => w.status === 201);
  const ackLat: number[] = [];
  const ackLatClamped: number[] = [];
  const sentLat: number[] = [];
  const arrivals = clients.map(firstArrivals);
  let negative = 0;
  const slowest: Array<{ i: number; at: number; ack: number; last: number }> = [];
  for (const w of ok) {
    const seq = w.signalId ? seqBySignal.get(w.signalId) : undefined;
    if (seq === undefined) continue;
    let last = 0;
    for (const a of arrivals) {
      const t = a.get(seq);
      if (t === undefined) continue;
      last = Math.max(last, t - w.sent);
      const d = t - w.ack;
      if (d < 0) negative++;
      ackLat.push(d);
      ackLatClamped.push(Math.max(0, d));
      sentLat.push(t - w.sent);
    }
    slowest.push({ i: w.i, at: w.sent - t0, ack: w.ack - w.sent, last });
  }
  slowest.sort((a, b) => b.last - a.last);
  const reqSummary = summarize(ok.map((w) => w.ack - w.sent));
  const ackS = summarize(ackLat);
  const ackC = summarize(ackLatClamped);
  const sentS = summarize(sentLat);

  console.log(`\n-- app (real server, ${clients.length} clients) --`);
  console.log(
    `writes: ${ok.length}/${WRITES} answered 201 in ${fmt(writePhaseMs, 0)} ms` +
      (writes.some((w) => w.status !== 201) ? ` (non-201: ${writes.filter((w) => w.status !== 201).map((w) => w.status || w.error).slice(0, 5).join(", ")})` : ""),
  );
  console.log(fmtSummary("request sent -> 201 received", reqSummary));
  console.log(fmtSummary("ack -> arrival (measured)", ackS));
  console.log(fmtSummary("ack -> arrival (clamped at 0)", ackC));
  console.log(fmtSummary("sent -> arrival (whole write path)", sentS));
  // The p99 of 100,000 pairs is decided by the slowest one or two writes: name them.
  console.log(
    `slowest writes (sent -> last client): ` +
      slowest.slice(0, 5).map((x) => `#${x.i} at +${fmt(x.at, 0)} ms: 201 after ${fmt(x.ack, 0)}, last arrival ${fmt(x.last, 0)} ms`).join("; "),
  );
  console.log(`pairs with arrival before the 201: ${negative}/${ackLat.length} (${fmt((100 * negative) / Math.max(1, ackLat.length), 1)}%)`);
  console.log(`events received ${got}/${expectedTotal}; event payload ${sample ? Buffer.byteLength(JSON.stringify(sample)) : 0} bytes (JSON)`);
  console.log(
    `delivery: missing=${appDelivery.missing} dupes=${appDelivery.dupes} out_of_order=${appDelivery.outOfOrder} ` +
      `unexpected=${appDelivery.unexpected} disconnects=${appDelivery.disconnects} (${events.length} events x ${clients.length} clients)`,
  );
  console.log(
    `server CPU during the write phase: ${fmt(cpuAfter - cpuBefore, 0)} ms over ${fmt(writePhaseMs, 0)} ms ` +
      `(${fmt((cpuAfter - cpuBefore) / Math.max(1, ok.length), 1)} ms per write incl. fan-out to ${clients.length})`,
  );
  console.log(`server RSS: idle ${fmt(rssIdle, 1)} MB, after joins ${fmt(rssJoined, 1)} MB, max during writes ${fmt(load.maxMb, 1)} MB (${load.samples} samples)`);
  console.log(busy.text);
  printTrace(trace, ok.length, "write");
  if (process.env.BENCH_SERVER_CPU_PROF) console.log(`CPU profile window of the write phase: WINDOW_US=${monoFrom}-${monoTo}`);

  await disconnectAll(workers);
  await server.stop();
  if (!sample) throw new Error("no event was captured in phase 1: cannot build the baseline payload");

  // ---- phase 2: bare Socket.IO baseline ----------------------------------------------------------
  const bare = forkTs("bench/bare-broadcast-server.ts");
  const { port } = await nextMessage<{ type: "listening"; port: number }>(bare, "listening", 60_000);
  const bareRssIdle = rssMb(bare.pid!) ?? NaN;
  const bconn = await connectAll(workers, `http://127.0.0.1:${port}`);
  console.log(`\n-- baseline (bare Socket.IO, pid ${bare.pid}) --`);
  console.log(`connect+join: ${bconn.joined}/${CLIENTS} clients in ${fmt(bconn.ms, 0)} ms (failed ${bconn.failed})`);
  const total = WARMUP + WRITES;
  const bsampler = rssSampler(bare.pid!, 25);
  const bwatch = loadWatch(() => [process.pid, bare.pid!, ...workers.map((w) => w.pid!)]);
  const bareCpuBefore = cpuMs(bare.pid!) ?? NaN;
  const done = nextMessage<{ type: "broadcasted"; emits: number[]; viewers: number }>(bare, "broadcasted", total * SPACING_MS + 60_000);
  bare.send({ type: "broadcast", payload: sample, count: total, spacingMs: SPACING_MS });
  const { emits } = await done;
  const bgot = await waitDelivery(workers, bconn.joined * total, DELIVERY_WAIT_MS);
  const bbusy = bwatch.stop();
  const bareCpu = (cpuMs(bare.pid!) ?? NaN) - bareCpuBefore;
  const bload = bsampler.stop();
  const bcollected = await collect(workers);
  const bclients = bcollected.flatMap((c) => c.clients).filter((c) => c.joinedSeq !== null);
  const bDelivery = checkDelivery(bclients, Array.from({ length: total }, (_, k) => k + 1));
  const baseLat: number[] = [];
  for (const c of bclients) {
    const a = firstArrivals(c);
    for (let seq = WARMUP + 1; seq <= total; seq++) {
      const t = a.get(seq);
      if (t !== undefined) baseLat.push(t - emits[seq - 1]!);
    }
  }
  const baseS = summarize(baseLat);
  console.log(fmtSummary("emit -> arrival", baseS));
  console.log(
    `events received ${bgot}/${bconn.joined * total}; delivery: missing=${bDelivery.missing} dupes=${bDelivery.dupes} ` +
      `out_of_order=${bDelivery.outOfOrder} disconnects=${bDelivery.disconnects}`,
  );
  console.log(bbusy.text);
  console.log(`bare server RSS: idle ${fmt(bareRssIdle, 1)} MB, max during broadcasts ${fmt(bload.maxMb, 1)} MB`);
  console.log(`bare server CPU during the broadcasts: ${fmt(bareCpu, 0)} ms (${fmt(bareCpu / total, 1)} ms per event to ${bclients.length})`);
  await disconnectAll(workers);
  bare.send({ type: "exit" });
  await stopChild(bare, 5_000);
  for (const w of workers) w.send({ type: "exit" });
  await Promise.all(workers.map((w) => stopChild(w, 5_000)));

  // ---- result ------------------------------------------------------------------------------------
  const ratio = sentS.p99 / baseS.p99;
  const joinRatio = conn.ms / bconn.ms;
  console.log(
    `\nwhole write path (request sent -> event at every client) vs bare emit -> arrival, p99: ${fmt(sentS.p99)} / ${fmt(baseS.p99)} ms = ${fmt(ratio)}; ` +
      `joins ${fmt(conn.ms, 0)} / ${fmt(bconn.ms, 0)} ms = ${fmt(joinRatio)}; ack -> arrival p99 ${fmt(ackC.p99)} ms`,
  );
  console.log(
    `targets (reported, not asserted): ratio_p99 <= 2: ${ratio <= 2 ? "met" : "MISSED"}; joins within 2x bare: ${joinRatio <= 2 ? "met" : "MISSED"}; ` +
      `rss_load <= 600 MB: ${load.maxMb <= 600 ? "met" : "MISSED"}; ` +
      `exactly once: ${appDelivery.missing + appDelivery.dupes + appDelivery.outOfOrder === 0 ? "yes" : "NO"}`,
  );
  console.log(
    `bench:realtime clients=${clients.length} p50_ms=${fmt(sentS.p50)} p99_ms=${fmt(sentS.p99)} baseline_p99_ms=${fmt(baseS.p99)} ` +
      `ratio_p99=${fmt(ratio)} rss_idle_mb=${fmt(rssIdle, 1)} rss_load_mb=${fmt(load.maxMb, 1)}`,
  );
  return 0;
}

runMain(main);
