// bench:board — how fast a big board's list answers: SIGNALS open signals of all kinds on one board of the
// embedded database, the first page requested anonymously, many times, one request at a time.
//
// Seeding (bench/board-seed.ts, own process): one public board, SIGNALS signals published over 25 days by
// 40 members through the real use-cases (claims, reinforcements, refreshes; some overdue, some ended).
// Then the real server (child process) on that data directory, and REQUESTS requests of each page:
//   intensity        GET /boards/bench-board/signals?sort=intensity&limit=50  (the closing line's figures)
//   kind+resource    the same, filtered to kind=need and one resource
//   distance, due, new   the other sorts (distance from Berlin)
//   page 2           the second page by intensity, through the first page's cursor
//   page 2, churned  the same cursor after CHANGES claims made through the API since the first page
//                    (those signals are read back from the event log: ADR 015)
// Baseline (bench/board-baseline.ts, own process, after the server stopped): the first page's own ranking
// statement run raw on PGlite against the same data directory: no HTTP, no Prisma, no cards.
//
// Env: SIGNALS (10000), REQUESTS (200), WARMUP (20), CHANGES (500), LIMIT (50), BENCH_BOARD_DATA (a folder that
// keeps the seeded board for later runs; unset: seed every run). Shared (bench/lib/app-server.ts,
// machine.ts): BENCH_APP, BENCH_QUIET_WAIT_S / BENCH_QUIET_PCT, BENCH_SERVER_CPU_PROF=<dir>, BENCH_PGLITE_TRACE=1.
// Final line: bench:board signals=N p50_ms=X p95_ms=X filtered_p95_ms=X distance_p95_ms=X baseline_p95_ms=X ratio_p95=X rss_mb=X
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { prepareApp, printTrace, startAppServer } from "./lib/app-server";
import { envInt, fmt, fmtSummary, forkTs, monoUs, nextMessage, now, runMain, stopChild, summarize, tempDir, type Summary } from "./lib/common";
import { loadWatch, rssMb, rssSampler, waitForQuiet } from "./lib/machine";

const SIGNALS = envInt("SIGNALS", 10_000, 1);
const REQUESTS = envInt("REQUESTS", 200, 1);
const WARMUP = envInt("WARMUP", 20, 0);
const CHANGES = envInt("CHANGES", 500, 0);
const LIMIT = envInt("LIMIT", 50, 1);
const BERLIN = "52.52,13.405";
const BENCH_BOARD = "bench-board";

interface Seeded {
  type: "seeded";
  signals: number;
  claims: number;
  reinforcements: number;
  refreshes: number;
  lastSeq: number;
  specIds: string[];
  ms: number;
}

/**
 * Seeds the board into `dataDir`. With BENCH_BOARD_DATA=<dir>, the seeded directory is kept there and
 * copied on later runs (seeding 10,000 signals through the use-cases takes minutes; the copy a second).
 */
async function seedOnce(dataDir: string): Promise<Seeded> {
  const keep = process.env.BENCH_BOARD_DATA ? path.resolve(process.env.BENCH_BOARD_DATA) : null;
  const info = keep && path.join(keep, "seeded.json");
  if (keep && info && existsSync(info)) {
    const seeded = JSON.parse(readFileSync(info, "utf8")) as Seeded;
    if (seeded.signals !== SIGNALS) throw new Error(`${keep} holds ${seeded.signals} signals, not ${SIGNALS}: remove it or unset BENCH_BOARD_DATA`);
    cpSync(path.join(keep, "data"), dataDir, { recursive: true });
    console.log(`board copied from ${keep} (seeded earlier: ${seeded.signals} signals, ${seeded.lastSeq} events)`);
    return seeded;
  }
  const seeder = forkTs("bench/board-seed.ts");
  await nextMessage(seeder, "started", 60_000);
  const seededP = nextMessage<Seeded>(seeder, "seeded", 60 * 60_000);
  seeder.send({ type: "seed", dataDir, slug: BENCH_BOARD, signals: SIGNALS });
  const seeded = await seededP;
  await stopChild(seeder, 5_000);
  console.log(
    `seeded ${seeded.signals} signals (${seeded.claims} claims, ${seeded.reinforcements} reinforcements, ${seeded.refreshes} refreshes; ` +
      `${seeded.lastSeq} events) through the use-cases in ${fmt(seeded.ms / 1000, 1)} s`,
  );
  if (keep && info) {
    cpSync(dataDir, path.join(keep, "data"), { recursive: true });
    writeFileSync(info, JSON.stringify(seeded));
    console.log(`seeded board kept in ${keep} for later runs (BENCH_BOARD_DATA)`);
  }
  return seeded;
}

async function getJson(url: string): Promise<{ status: number; body: any; ms: number }> {
  const t0 = now();
  const res = await fetch(url);
  const body = await res.json();
  return { status: res.status, body, ms: now() - t0 };
}

/** `runs` sequential requests of one URL; fails on anything but 200 or a short page. */
async function timeRequests(url: string, runs: number, minItems: number): Promise<Summary> {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await getJson(url);
    if (r.status !== 200) throw new Error(`${url}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    if (r.body.items.length < minItems) throw new Error(`${url}: only ${r.body.items.length} items`);
    t.push(r.ms);
  }
  return summarize(t);
}

async function main(): Promise<number> {
  console.log(`bench:board — signals=${SIGNALS} requests=${REQUESTS} warmup=${WARMUP} changes=${CHANGES} limit=${LIMIT}`);
  const appDir = await prepareApp();

  const dataDir = path.join(tempDir("stigmergy-bench-board-data"), "data");
  const seeded = await seedOnce(dataDir);

  await waitForQuiet();
  const server = await startAppServer({ appDir, seedDemo: false, name: "board", dataDir });
  console.log(`app server pid ${server.pid} ready in ${fmt(server.startupMs, 0)} ms (seeded DATA_DIR, SWEEP_INTERVAL_MS=0)`);
  const base = `${server.url}/api/v1/boards/${BENCH_BOARD}/signals`;
  const spec = seeded.specIds[0]!;
  const pages = {
    intensity: `${base}?sort=intensity&limit=${LIMIT}`,
    "kind+resource": `${base}?sort=intensity&kind=need&resourceSpecId=${spec}&limit=${LIMIT}`,
    distance: `${base}?sort=distance&near=${BERLIN}&limit=${LIMIT}`,
    due: `${base}?sort=due&limit=${LIMIT}`,
    new: `${base}?sort=new&limit=${LIMIT}`,
  };
  const first = await getJson(pages.intensity);
  const open = await getJson(`${base}?status=open&sort=new&limit=1`);
  if (first.status !== 200) throw new Error(`first page: ${first.status}`);
  const filtered = await getJson(pages["kind+resource"]);
  console.log(
    `first page by intensity: ${first.body.items.length} items, hottest ${first.body.items[0]?.intensity}, 50th ${first.body.items.at(-1)?.intensity}; ` +
      `kind+resource filter: ${filtered.body.items.length} items on its first page; any open signal: ${open.body.items.length === 1}`,
  );
  const page2 = `${pages.intensity}&cursor=${first.body.nextCursor}`;

  for (const url of [...Object.values(pages), page2]) for (let i = 0; i < WARMUP; i++) await getJson(url);
  await server.traceSnapshot();
  const sampler = rssSampler(server.pid, 50);
  const watch = loadWatch(() => [process.pid, server.pid]);
  const monoFrom = monoUs();
  const results: Array<[string, Summary]> = [];
  for (const [label, url] of Object.entries(pages)) results.push([label, await timeRequests(url, REQUESTS, label === "kind+resource" ? 1 : LIMIT)]);
  results.push(["page 2 (cursor)", await timeRequests(page2, REQUESTS, LIMIT)]);
  const monoTo = monoUs();
  const busy = watch.stop();
  const trace = await server.traceSnapshot();

  // Others write after the first page: CHANGES claims through the API, then the same second page again.
  let changed = 0;
  if (CHANGES > 0) {
    const tokens: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const r = await fetch(`${server.url}/api/v1/tokens`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: `member${i}@bench.board`, password: "bench-password-2026", label: "bench:board" }),
      });
      tokens.push(((await r.json()) as { token: string }).token);
    }
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const r = await getJson(`${pages.intensity}${cursor ? `&cursor=${cursor}` : ""}`);
      ids.push(...r.body.items.map((s: { id: string }) => s.id));
      cursor = r.body.nextCursor;
    } while (cursor && ids.length < 400);
    for (let i = 0; i < CHANGES; i++) {
      const res = await fetch(`${server.url}/api/v1/signals/${ids[(i * 7) % ids.length]}/claims`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${tokens[i % tokens.length]}` },
        body: JSON.stringify({ quantity: 1 }),
      });
      await res.arrayBuffer();
      if (res.status === 201) changed++;
    }
    results.push([`page 2 after ${changed} claims`, await timeRequests(page2, REQUESTS, LIMIT)]);
  }
  const load = sampler.stop();
  const rssEnd = rssMb(server.pid) ?? NaN;
  await server.stop();

  // ---- baseline: the first page's ranking statement, raw on PGlite ------------------------------------
  const baseline = forkTs("bench/board-baseline.ts");
  await nextMessage(baseline, "started", 60_000);
  const doneP = nextMessage<{ type: "done"; times: Record<string, number[]>; rows: Record<string, number> }>(baseline, "done", 30 * 60_000);
  const qs = (url: string) => url.slice(url.indexOf("?") + 1);
  baseline.send({
    type: "run",
    dataDir,
    boardSlug: BENCH_BOARD,
    queries: { intensity: qs(pages.intensity), "kind+resource": qs(pages["kind+resource"]), distance: qs(pages.distance) },
    runs: REQUESTS,
    warmup: WARMUP,
  });
  const done = await doneP;
  await stopChild(baseline, 5_000);

  console.log(`\n-- the app (anonymous GET, ${REQUESTS} sequential requests each, limit ${LIMIT}) --`);
  for (const [label, s] of results) console.log(fmtSummary(label, s));
  console.log(`\n-- baseline: the first page's ranking statement raw on PGlite (${REQUESTS} runs each) --`);
  const raw = Object.fromEntries(Object.entries(done.times).map(([k, v]) => [k, summarize(v)]));
  for (const [label, s] of Object.entries(raw)) console.log(fmtSummary(`${label} (${done.rows[label]} rows)`, s));
  console.log(`\nserver RSS: max ${fmt(load.maxMb, 1)} MB during the requests, ${fmt(rssEnd, 1)} MB at the end`);
  console.log(busy.text);
  printTrace(trace, REQUESTS * (results.length - (CHANGES > 0 ? 1 : 0)), "request");
  if (process.env.BENCH_SERVER_CPU_PROF) console.log(`CPU profile window of the timed requests: WINDOW_US=${monoFrom}-${monoTo}`);

  const main = results[0]![1];
  const byLabel = Object.fromEntries(results);
  const ratio = main.p95 / raw.intensity!.p95;
  console.log(`\ntarget (reported, not asserted): first page by intensity p95 <= 50 ms: ${main.p95 <= 50 ? "met" : "MISSED"}`);
  console.log(
    `bench:board signals=${SIGNALS} p50_ms=${fmt(main.p50)} p95_ms=${fmt(main.p95)} filtered_p95_ms=${fmt(byLabel["kind+resource"]!.p95)} ` +
      `distance_p95_ms=${fmt(byLabel.distance!.p95)} baseline_p95_ms=${fmt(raw.intensity!.p95)} ratio_p95=${fmt(ratio)} rss_mb=${fmt(load.maxMb, 1)}`,
  );
  return 0;
}

runMain(main);
