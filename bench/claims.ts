// bench:claims — concurrent claim throughput of the real server on the embedded database (PGlite), with
// an over-claim check, against a raw-driver PGlite baseline measured in the same run.
//
// The real server runs as a child process (fresh DATA_DIR, SEED_DEMO=false). Through the API: an owner
// creates a board, a resource spec, SIGNALS signals of BIG_QTY units and ONE small signal of SMALL_QTY
// units; CLIENTS members sign up, get API tokens and join the board. Then CLIENTS concurrent loops, spread
// over WORKERS worker processes (keep-alive fetch), claim 1-3 units of a random signal (the small one
// included, so everyone races for it) through POST /api/v1/signals/:id/claims, until TOTAL claims were
// made or TIME_CAP_S passed, counting 201s and 409 OVER_CLAIMs. Afterwards every signal is read back
// through GET /api/v1/signals/:id: claimedQuantity must be <= quantity and equal the sum of its live claims.
// Baseline (bench/claims-baseline.ts, own process, own fresh PGlite): the same number of claims, each ONE
// raw-driver transaction (lock, check, insert claim, update signal, bump lastSeq, insert event, notify).
//
// claims_per_s counts every claim attempt that the server answered as a claim decision (201 or 409
// OVER_CLAIM); both run the whole locked transaction (the 409 rolls back). 201/s is printed too.
// Env: CLIENTS (64), SIGNALS (4), BIG_QTY (1000000), SMALL_QTY (100), TOTAL (3000), TIME_CAP_S (30),
// WORKERS (2), WARMUP (20), BASELINE_DB ("disk" | "memory"). Shared (bench/lib/app-server.ts, machine.ts): BENCH_APP
// (snapshot | tree), BENCH_QUIET_WAIT_S / BENCH_QUIET_PCT, BENCH_SERVER_CPU_PROF=<dir>, BENCH_PGLITE_TRACE=1.
// Final line: bench:claims clients=N claims_per_s=X baseline_per_s=X ratio=X overclaims=0
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { ApiClient, newMember, newSpec } from "../tests/support/api-client";
import { prepareApp, printTrace, startAppServer } from "./lib/app-server";
import { envInt, fmt, fmtSummary, forkTs, mapLimit, monoUs, nextMessage, now, runMain, stopChild, summarize, tempDir } from "./lib/common";
import { cpuMs, loadWatch, rssMb, rssSampler, waitForQuiet } from "./lib/machine";

const CLIENTS = envInt("CLIENTS", 64, 1);
const SIGNALS = envInt("SIGNALS", 4, 1);
const BIG_QTY = envInt("BIG_QTY", 1_000_000, 1);
const SMALL_QTY = envInt("SMALL_QTY", 100, 1);
const TOTAL = envInt("TOTAL", 3_000, 1);
const TIME_CAP_S = envInt("TIME_CAP_S", 30, 1);
const WORKERS = Math.min(envInt("WORKERS", 2, 1), CLIENTS);
const WARMUP = envInt("WARMUP", 20, 0);
const BASELINE_DB = process.env.BASELINE_DB === "memory" ? "memory" : "disk";
const SLUG = "bench-claims";
const REQUEST_TIMEOUT_MS = 30_000;

interface WorkerResult {
  type: "result";
  startedAt: number;
  endedAt: number;
  timedOut: boolean;
  okBySignal: Record<string, { count: number; quantity: number }>;
  overBySignal: Record<string, number>;
  other: Record<string, number>;
  okLat: number[];
  overLat: number[];
}

interface BaselineResult {
  type: "result";
  setupMs: number;
  elapsedMs: number;
  attempts: number;
  ok: number;
  over: number;
  overclaims: number;
}

function split(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

async function main(): Promise<number> {
  console.log(
    `bench:claims — clients=${CLIENTS} workers=${WORKERS} signals=${SIGNALS}x${BIG_QTY} + 1x${SMALL_QTY} ` +
      `total=${TOTAL} time_cap=${TIME_CAP_S}s warmup=${WARMUP} baseline_db=${BASELINE_DB}`,
  );
  const appDir = await prepareApp();
  await waitForQuiet();

  // ---- the real server -----------------------------------------------------------------------------
  const server = await startAppServer({ appDir, seedDemo: false, name: "claims" });
  console.log(`app server pid ${server.pid} ready in ${fmt(server.startupMs, 0)} ms (fresh DATA_DIR on PGlite, SEED_DEMO=false)`);
  const rssIdle = rssMb(server.pid) ?? NaN;

  const setupStarted = now();
  const api = new ApiClient(server.url);
  const owner = await newMember(api, { name: "Bench owner" });
  const board = await owner.api.post("/boards", { slug: SLUG, name: "Claims bench" });
  if (board.status !== 201) throw new Error(`board: ${board.status} ${JSON.stringify(board.body)}`);
  const spec = await newSpec(owner.api);
  const quantities = [...Array.from({ length: SIGNALS }, () => BIG_QTY), SMALL_QTY];
  const signalIds: string[] = [];
  for (const [k, quantity] of quantities.entries()) {
    const r = await owner.api.post(`/boards/${SLUG}/signals`, {
      kind: "need",
      resourceSpecId: spec.id,
      quantity,
      title: k < SIGNALS ? `Big need ${k + 1}` : "Small need everyone races for",
    });
    if (r.status !== 201) throw new Error(`signal: ${r.status} ${JSON.stringify(r.body)}`);
    signalIds.push(r.body.id);
  }
  // Sign-up and token creation hash passwords (argon2): a few at a time.
  const members = await mapLimit(Array.from({ length: CLIENTS }, (_, i) => i), 4, () => newMember(api, { boards: [SLUG] }));
  console.log(`setup: owner, board, spec, ${quantities.length} signals, ${members.length} members with tokens in ${fmt(now() - setupStarted, 0)} ms`);

  // Warm-up claims (route loading, JIT) on the big signals: counted in the checks, not in the timing.
  const warmBySignal: Record<string, number> = Object.fromEntries(signalIds.map((id) => [id, 0]));
  for (let i = 0; i < WARMUP; i++) {
    const id = signalIds[i % SIGNALS]!;
    const r = await members[i % members.length]!.api.post(`/signals/${id}/claims`, { quantity: 1 });
    if (r.status !== 201) throw new Error(`warm-up claim: ${r.status} ${JSON.stringify(r.body)}`);
    warmBySignal[id]!++;
  }
  // A real claim.created event, so the baseline writes an event row of the same size.
  const ev = await api.get(`/boards/${SLUG}/events?after=0&limit=1000`);
  const claimEvent = (ev.body.events as Array<{ type: string; data: unknown }>).findLast((e) => e.type === "claim.created");
  const eventData = JSON.stringify(claimEvent?.data ?? {});

  // ---- the claim race ------------------------------------------------------------------------------
  const workers = Array.from({ length: WORKERS }, () => forkTs("bench/claims-worker.ts"));
  await Promise.all(workers.map((w) => nextMessage(w, "started", 60_000)));
  const tokenSplit = split(CLIENTS, WORKERS);
  const quotaSplit = split(TOTAL, WORKERS);
  const goAt = now() + 1_000; // leaves the workers time to open their connections
  await server.traceSnapshot(); // resets the PGlite trace (BENCH_PGLITE_TRACE=1) to the race alone
  const cpuBefore = cpuMs(server.pid) ?? NaN;
  const monoFrom = monoUs();
  const sampler = rssSampler(server.pid, 50);
  const watch = loadWatch(() => [process.pid, server.pid, ...workers.map((w) => w.pid!)]);
  let offset = 0;
  const results = await Promise.all(
    workers.map((w, i) => {
      const p = nextMessage<WorkerResult>(w, "result", TIME_CAP_S * 1000 + REQUEST_TIMEOUT_MS + 60_000);
      w.send({
        type: "run",
        url: server.url,
        tokens: members.slice(offset, offset + tokenSplit[i]!).map((m) => m.token),
        signalIds,
        quota: quotaSplit[i],
        goAt,
        timeCapMs: TIME_CAP_S * 1000,
        requestTimeoutMs: REQUEST_TIMEOUT_MS,
      });
      offset += tokenSplit[i]!;
      return p;
    }),
  );
  const load = sampler.stop();
  const busy = watch.stop();
  const cpuAfter = cpuMs(server.pid) ?? NaN;
  const monoTo = monoUs();
  const trace = await server.traceSnapshot();
  for (const w of workers) w.send({ type: "exit" });
  await Promise.all(workers.map((w) => stopChild(w, 5_000)));

  const elapsedMs = Math.max(...results.map((r) => r.endedAt)) - Math.min(...results.map((r) => r.startedAt));
  const okCount = results.reduce((s, r) => s + Object.values(r.okBySignal).reduce((a, b) => a + b.count, 0), 0);
  const overCount = results.reduce((s, r) => s + Object.values(r.overBySignal).reduce((a, b) => a + b, 0), 0);
  const other: Record<string, number> = {};
  for (const r of results) for (const [k, v] of Object.entries(r.other)) other[k] = (other[k] ?? 0) + v;
  const otherCount = Object.values(other).reduce((a, b) => a + b, 0);
  const answered = okCount + overCount;
  const claimsPerS = answered / (elapsedMs / 1000);

  // ---- the over-claim check, through the API ----------------------------------------------------------
  let overclaims = 0;
  let lostSignals = 0; // stored < acknowledged: an acknowledged claim is missing (must never happen)
  let unackedUnits = 0; // stored > acknowledged: claims whose answer the client never got (timeouts)
  const rows: string[] = [];
  for (const [k, id] of signalIds.entries()) {
    const r = await api.get(`/signals/${id}`);
    if (r.status !== 200) throw new Error(`GET /signals/${id}: ${r.status}`);
    const s = r.body as { quantity: number; claimedQuantity: number; claims: Array<{ quantity: number; status: string }> };
    const live = s.claims.filter((c) => c.status !== "released" && c.status !== "lapsed").reduce((a, c) => a + c.quantity, 0);
    const acked = warmBySignal[id]! + results.reduce((a, res) => a + res.okBySignal[id]!.quantity, 0);
    const overs = results.reduce((a, res) => a + res.overBySignal[id]!, 0);
    const bad = s.claimedQuantity > s.quantity || Math.abs(s.claimedQuantity - live) > 1e-9;
    if (bad) overclaims++;
    if (acked - s.claimedQuantity > 1e-9) lostSignals++;
    if (s.claimedQuantity - acked > 1e-9) unackedUnits += s.claimedQuantity - acked;
    rows.push(
      `  signal ${k + 1} (${s.quantity}): claimed=${s.claimedQuantity} live_sum=${live} acknowledged=${acked} ` +
        `claims=${s.claims.length} over_claim_409s=${overs}${bad ? "  <-- VIOLATION" : ""}`,
    );
  }
  const serverCpu = cpuAfter - cpuBefore;
  await server.stop();

  console.log(`\n-- app (real server, ${CLIENTS} clients in ${WORKERS} worker processes) --`);
  console.log(
    `claims: ${answered} answered in ${fmt(elapsedMs, 0)} ms: ${okCount} x 201, ${overCount} x 409 OVER_CLAIM` +
      (otherCount ? `, other: ${JSON.stringify(other)}` : ", no other answers") +
      (results.some((r) => r.timedOut) ? ` (time cap ${TIME_CAP_S}s reached)` : ""),
  );
  console.log(`throughput: ${fmt(claimsPerS, 1)} claim decisions/s, of which ${fmt(okCount / (elapsedMs / 1000), 1)} 201/s`);
  console.log(fmtSummary("201 latency", summarize(results.flatMap((r) => r.okLat))));
  console.log(fmtSummary("409 OVER_CLAIM latency", summarize(results.flatMap((r) => r.overLat))));
  console.log(
    `server CPU during the race: ${fmt(serverCpu, 0)} ms over ${fmt(elapsedMs, 0)} ms ` +
      `(${fmt(serverCpu / Math.max(1, answered), 2)} ms CPU per claim; ${fmt((100 * serverCpu) / elapsedMs, 0)}% of one core)`,
  );
  console.log(`server RSS: idle ${fmt(rssIdle, 1)} MB, max during the race ${fmt(load.maxMb, 1)} MB`);
  console.log(busy.text);
  printTrace(trace, answered, "claim");
  if (process.env.BENCH_SERVER_CPU_PROF) console.log(`CPU profile window of the race: WINDOW_US=${monoFrom}-${monoTo}`);
  console.log("read back through GET /api/v1/signals/:id:");
  for (const r of rows) console.log(r);
  console.log(
    `overclaims=${overclaims} (signals with claimedQuantity > quantity or != sum of live claims); ` +
      `signals missing acknowledged units: ${lostSignals}; units stored without an answer to the client: ${unackedUnits}` +
      (other.timeout ? ` (${other.timeout} requests timed out client-side after ${REQUEST_TIMEOUT_MS / 1000} s; the server still committed them)` : ""),
  );

  // ---- baseline: raw-driver transactions on PGlite ------------------------------------------------
  const baseDir = BASELINE_DB === "memory" ? null : path.join(tempDir("stigmergy-bench-claims-baseline"), "pgdata");
  const base = forkTs("bench/claims-baseline.ts");
  await nextMessage(base, "started", 60_000);
  const bwatch = loadWatch(() => [process.pid, base.pid!]);
  const bp = nextMessage<BaselineResult>(base, "result", 300_000);
  base.send({ type: "run", dataDir: baseDir, migrationsDir: path.join(appDir, "prisma", "migrations"), clients: CLIENTS, quantities, attempts: answered, warmup: WARMUP, eventData });
  const b = await bp;
  const bbusy = bwatch.stop();
  base.send({ type: "exit" });
  await stopChild(base as ChildProcess, 5_000);
  const basePerS = b.attempts / (b.elapsedMs / 1000);
  console.log(`\n-- baseline (raw PGlite transactions, one at a time, ${BASELINE_DB}) --`);
  console.log(`setup (init + migrations + rows) ${fmt(b.setupMs, 0)} ms; event data ${Buffer.byteLength(eventData)} bytes per row`);
  console.log(
    `claims: ${b.attempts} in ${fmt(b.elapsedMs, 0)} ms: ${b.ok} committed, ${b.over} rolled back (over-claim); ` +
      `${fmt(basePerS, 1)} claims/s (${fmt(b.elapsedMs / b.attempts, 2)} ms each); overclaims=${b.overclaims}`,
  );
  console.log(`${bbusy.text} [whole baseline process: setup + claims]`);

  const ratio = claimsPerS / basePerS;
  console.log(
    `\ntargets (reported, not asserted): >= 300 claims/s: ${claimsPerS >= 300 ? "met" : "MISSED"} (${fmt(claimsPerS, 1)}); ` +
      `zero over-claims: ${overclaims === 0 ? "met" : "MISSED"}`,
  );
  console.log(`bench:claims clients=${CLIENTS} claims_per_s=${fmt(claimsPerS, 1)} baseline_per_s=${fmt(basePerS, 1)} ratio=${fmt(ratio)} overclaims=${overclaims}`);
  return 0;
}

runMain(main);
