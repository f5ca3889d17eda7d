// bench:coordination — how fast the coordinator's view answers over a big board on the embedded database.
//
// The app runs in this process (production build, PGlite in a fresh temporary DATA_DIR). Setup: one person, one
// public board, SPECS resource specifications, 200 organizations in 40 places; then SIGNALS signals written
// straight into the tables (createMany: the seed is not what is measured) with every kind, rated capacity
// with bookings, claims in every live status (some past their promise), and a ledger stock row per
// organization and resource so the stock comparison has work to do.
// Measured: RUNS requests of each row through HTTP (GET /api/v1/coordination/gaps and /at-risk, anonymous,
// ?boards=<the board>), one at a time after WARMUP.
// Env: SIGNALS (10000), RUNS (30), WARMUP (5), SPECS (12).
// Final line: bench:coordination signals=N gaps_p50_ms=X gaps_p95_ms=X at_risk_p50_ms=X at_risk_p95_ms=X
import { randomUUID } from "node:crypto";
import { loadConfig } from "../server/config";
import { startServer } from "../server/app-server";
import { weekStart, weekKeyOf } from "../server/domain/capacity-calendar";
import { Prisma } from "../server/db/generated/client";
import { ApiClient, newMember, newSpec } from "../tests/support/api-client";
import { prng } from "../tests/support/prng";
import { envInt, fmt, fmtSummary, now, runMain, summarize, tempDir } from "./lib/common";

const SIGNALS = envInt("SIGNALS", 10_000, 10);
const RUNS = envInt("RUNS", 30, 1);
const WARMUP = envInt("WARMUP", 5, 0);
const SPECS = envInt("SPECS", 12, 1);
const SLUG = "bench-coordination";
const DAY = 24 * 3_600_000;
const KINDS = ["need", "need", "order", "capacity", "stock"] as const;
const STATUSES = ["claimed", "in_progress", "shipped", "delivered", "released"] as const;

async function main(): Promise<number> {
  const config = loadConfig({
    PORT: "0", HOST: "127.0.0.1", NODE_ENV: "production", DATA_DIR: tempDir("bench-coordination"), SEED_DEMO: "false",
    SWEEP_INTERVAL_MS: "0", LOG_LEVEL: "warn", SIGNUPS_PER_ADDRESS_PER_HOUR: "1000000",
  });
  const server = await startServer({ config, dev: false });
  try {
    const api = new ApiClient(server.url);
    const steward = await newMember(api);
    expectOk(await steward.api.post("/boards", { slug: SLUG, name: "Bench coordination", visibility: "public" }));
    const specs: Array<{ id: string }> = [];
    for (let i = 0; i < SPECS; i++) specs.push(await newSpec(steward.api, `Bench spec ${i}`, "each"));
    const prisma = server.db.prisma;
    const board = await prisma.board.findUniqueOrThrow({ where: { slug: SLUG }, select: { id: true } });
    const rnd = prng(20261127);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const places = Array.from({ length: 40 }, (_, i) => `Place ${i}`);
    const orgs = Array.from({ length: 200 }, (_, i) => ({ id: randomUUID(), name: `Org ${i}`, kind: "hub" as const, locationName: pick(places) }));
    await prisma.organization.createMany({ data: orgs });

    const t0 = now();
    const clock = Date.now();
    const thisWeek = weekStart(weekKeyOf(new Date(clock)))!;
    const signals: Prisma.SignalCreateManyInput[] = [];
    const claims: Prisma.ClaimCreateManyInput[] = [];
    const bookings: Prisma.ClaimBookingCreateManyInput[] = [];
    for (let i = 0; i < SIGNALS; i++) {
      const kind = pick(KINDS);
      const id = randomUUID();
      const org = rnd() < 0.5 ? pick(orgs) : null;
      const rated = kind === "capacity" && rnd() < 0.5;
      const quantity = 10 + Math.floor(rnd() * 500);
      const claimed = rnd() < 0.4 ? Math.floor(quantity * rnd() * 0.5) : 0;
      signals.push({
        id, boardId: board.id, kind, resourceSpecId: pick(specs).id, title: `Signal ${i}`, quantity, claimedQuantity: claimed,
        ownerId: steward.id, onBehalfOfId: org?.id ?? null, locationName: org && rnd() < 0.5 ? null : pick(places),
        dueAt: kind === "need" || kind === "order" ? new Date(clock + (rnd() * 30 - 5) * DAY) : null,
        availableUntil: kind === "capacity" || kind === "stock" ? new Date(clock + 28 * DAY) : null,
        rateQuantity: rated ? 50 : null, ratePeriod: rated ? "week" : null, status: "open",
      });
      if (claimed > 0) {
        const claimId = randomUUID();
        const status = pick(STATUSES);
        claims.push({
          id: claimId, signalId: id, claimerId: steward.id, quantity: claimed, status,
          promisedAt: rnd() < 0.5 ? new Date(clock + (rnd() * 10 - 5) * DAY) : null,
        });
        if (rated) bookings.push({ claimId, signalId: id, weekStart: thisWeek, quantity: Math.min(50, claimed) });
      }
    }
    for (let i = 0; i < signals.length; i += 2000) await prisma.signal.createMany({ data: signals.slice(i, i + 2000) });
    for (let i = 0; i < claims.length; i += 2000) await prisma.claim.createMany({ data: claims.slice(i, i + 2000) });
    if (bookings.length) await prisma.claimBooking.createMany({ data: bookings });
    const resources = orgs.flatMap((o) => specs.slice(0, 3).map((s) => ({
      boardId: board.id, agentId: o.id, resourceSpecId: s.id, locationKey: "", onHand: Math.floor(rnd() * 100), accounting: 0, updatedAt: new Date(clock),
    })));
    await prisma.economicResource.createMany({ data: resources });
    await prisma.$executeRawUnsafe("VACUUM ANALYZE");
    console.log(`seeded ${signals.length} signals, ${claims.length} claims, ${bookings.length} bookings, ${resources.length} stock rows in ${fmt((now() - t0) / 1000, 1)} s`);

    // The seeding left the setup's keep-alive connection idle past the server's keep-alive timeout: the
    // first request may race its close (ECONNRESET). One throwaway request opens a fresh one.
    await fetch(`${server.url}/api/v1/boards`).then((r) => r.arrayBuffer()).catch(() => null);
    const measure = async (path: string) => {
      const times: number[] = [];
      let last: unknown = null;
      for (let i = 0; i < WARMUP + RUNS; i++) {
        const started = now();
        const res = await fetch(`${server.url}/api/v1${path}`);
        last = await res.json();
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(last).slice(0, 300)}`);
        if (i >= WARMUP) times.push(now() - started);
      }
      return { summary: summarize(times), last };
    };
    const gaps = await measure(`/coordination/gaps?boards=${SLUG}`);
    const atRisk = await measure(`/coordination/at-risk?boards=${SLUG}`);
    console.log(fmtSummary("GET /coordination/gaps", gaps.summary));
    console.log(fmtSummary("GET /coordination/at-risk", atRisk.summary));
    console.log(`gaps rows=${(gaps.last as { rows: unknown[] }).rows.length} at-risk items=${(atRisk.last as { items: unknown[] }).items.length}`);
    console.log(
      `bench:coordination signals=${SIGNALS} gaps_p50_ms=${fmt(gaps.summary.p50, 1)} gaps_p95_ms=${fmt(gaps.summary.p95, 1)} ` +
        `at_risk_p50_ms=${fmt(atRisk.summary.p50, 1)} at_risk_p95_ms=${fmt(atRisk.summary.p95, 1)}`,
    );
    return 0;
  } finally {
    await server.close();
  }
}

function expectOk(r: { status: number; body: unknown }) {
  if (r.status >= 300) throw new Error(`setup failed: ${r.status} ${JSON.stringify(r.body)}`);
}

runMain(main);
