// bench:planning-session — a planning session at the scale of the 2020 maker response on the embedded
// database: NEEDS needs and SOURCES capacity and stock sources over WEEKS weeks (issue 8, ADR 036).
//
// The app runs in this process (production build, PGlite in a fresh temporary DATA_DIR). Setup (not
// measured): a steward, a board and SPECS resource specifications through the API; 1,000 makers, 200
// organizations in 40 places and every signal written with bulk SQL (generate_series). Half the sources
// are rated capacity (a rate per week over the horizon, some weeks already booked), a quarter unrated
// capacity from a later week, a quarter stock. Supply is short of demand, as it was in 2020.
// Measured, through the services the API calls: opening the session (the snapshot taken and stored, and
// the session read back with its coverage), the planner's run, and storing its lines (one statement).
// Env: NEEDS (30000), SOURCES (2000), WEEKS (12), SPECS (12).
// Final line: bench:planning-session needs=N sources=N weeks=N snapshot_ms=X run_ms=X store_ms=X total_ms=X
import { loadConfig } from "../server/config";
import { startServer } from "../server/app-server";
import { openPlanningSession } from "../server/services/open-planning-session";
import { runPlanner, type RunTimings } from "../server/services/run-planner";
import { lineCursor } from "../server/domain/planning-session";
import { ApiClient, newMember, newSpec } from "../tests/support/api-client";
import { envInt, fmt, now, runMain, tempDir } from "./lib/common";

const NEEDS = envInt("NEEDS", 30_000, 1);
const SOURCES = envInt("SOURCES", 2_000, 1);
const WEEKS = envInt("WEEKS", 12, 1);
const SPECS = envInt("SPECS", 12, 1);
const SLUG = "bench-planning";
const DAY = 24 * 3_600_000;

async function main(): Promise<number> {
  const config = loadConfig({
    PORT: "0", HOST: "127.0.0.1", NODE_ENV: "production", DATA_DIR: tempDir("bench-planning"), SEED_DEMO: "false",
    SWEEP_INTERVAL_MS: "0", LOG_LEVEL: "warn", SIGNUPS_PER_ADDRESS_PER_HOUR: "1000000",
  });
  const server = await startServer({ config, dev: false });
  try {
    const api = new ApiClient(server.url);
    const steward = await newMember(api);
    const board = await steward.api.post("/boards", { slug: SLUG, name: "Bench planning", visibility: "public" });
    if (board.status !== 201) throw new Error(`board: ${JSON.stringify(board.body)}`);
    const specs: string[] = [];
    for (let i = 0; i < SPECS; i++) specs.push((await newSpec(steward.api, `Bench spec ${i}`, "each")).id);
    const prisma = server.db.prisma;
    const { id: boardId } = await prisma.board.findUniqueOrThrow({ where: { slug: SLUG }, select: { id: true } });
    const t0 = now();
    const clock = new Date();
    await prisma.$executeRaw`
      INSERT INTO users (id, email, name, "passwordHash")
      SELECT gen_random_uuid(), 'bench-maker-' || i || '@example.test', 'Maker ' || i, 'not-a-hash' FROM generate_series(1, 1000) i`;
    await prisma.$executeRaw`
      INSERT INTO board_members ("boardId", "userId", role) SELECT ${boardId}::uuid, id, 'member' FROM users WHERE email LIKE 'bench-maker-%'`;
    await prisma.$executeRaw`
      INSERT INTO organizations (id, name, kind, "locationName", lat, lng)
      SELECT gen_random_uuid(), 'Org ' || i, 'microfactory', 'Place ' || (i % 40), 50 + (i % 40) * 0.1, -2 + (i % 40) * 0.1 FROM generate_series(1, 200) i`;
    // Needs belong to the first 500 makers, sources to the other 500, so no pair is someone's own.
    await prisma.$executeRaw`
      WITH u AS (SELECT array_agg(id ORDER BY email) AS ids FROM users WHERE email LIKE 'bench-maker-%'),
           o AS (SELECT array_agg(id ORDER BY name) AS ids FROM organizations)
      INSERT INTO signals (id, "boardId", kind, "resourceSpecId", title, quantity, "ownerId", "onBehalfOfId", "locationName", lat, lng, "dueAt", status, "updatedAt")
      SELECT gen_random_uuid(), ${boardId}::uuid, (CASE WHEN i % 5 = 0 THEN 'order' ELSE 'need' END)::"SignalKind",
             (${specs}::uuid[])[1 + i % ${SPECS}], 'Need ' || i, 10 + (i * 7919) % 190, u.ids[1 + i % 500],
             CASE WHEN i % 3 = 0 THEN o.ids[1 + i % 200] END, 'Place ' || (i % 40),
             50 + (i % 40) * 0.1 + (i % 7) * 0.01, -2 + (i % 40) * 0.1, ${clock}::timestamp + ((i % (${WEEKS} * 7 + 14)) || ' days')::interval,
             'open', ${clock}
        FROM generate_series(1, ${NEEDS}) i, u, o`;
    await prisma.$executeRaw`
      WITH u AS (SELECT array_agg(id ORDER BY email) AS ids FROM users WHERE email LIKE 'bench-maker-%'),
           o AS (SELECT array_agg(id ORDER BY name) AS ids FROM organizations)
      INSERT INTO signals (id, "boardId", kind, "resourceSpecId", title, quantity, "ownerId", "onBehalfOfId", "locationName", lat, lng,
                           "availableFrom", "availableUntil", "rateQuantity", "ratePeriod", status, "updatedAt")
      SELECT gen_random_uuid(), ${boardId}::uuid, (CASE WHEN i % 4 = 3 THEN 'stock' ELSE 'capacity' END)::"SignalKind",
             (${specs}::uuid[])[1 + i % ${SPECS}], 'Source ' || i,
             CASE WHEN i % 2 = 0 THEN (20 + i % 180) * (${WEEKS} + 1) ELSE 200 + (i * 31) % 1800 END,
             u.ids[501 + i % 500], CASE WHEN i % 2 = 1 THEN o.ids[1 + i % 200] END, 'Place ' || (i % 40),
             50 + (i % 40) * 0.1 + (i % 5) * 0.02, -2 + (i % 40) * 0.1 + 0.05,
             CASE WHEN i % 4 = 1 THEN ${clock}::timestamp + ((i % 5) * 7 || ' days')::interval END,
             ${new Date(clock.getTime() + (WEEKS + 1) * 7 * DAY)},
             CASE WHEN i % 2 = 0 THEN 20 + i % 180 END, CASE WHEN i % 2 = 0 THEN 'week'::"RatePeriod" END, 'open', ${clock}
        FROM generate_series(1, ${SOURCES}) i, u, o`;
    await prisma.$executeRawUnsafe("VACUUM ANALYZE");
    console.log(`seeded ${NEEDS} needs and ${SOURCES} sources in ${fmt((now() - t0) / 1000, 1)} s`);

    const ctx = server.ctx;
    const actor = { userId: steward.id, name: steward.name };
    const started = now();
    const session = await openPlanningSession(ctx, actor, SLUG, {
      title: "Bench plan", resourceSpecIds: specs, horizonWeeks: WEEKS, deadline: new Date(Date.now() + 7 * DAY),
    });
    const snapshotMs = now() - started;
    const timings: RunTimings = { planMs: 0, storeMs: 0 };
    const run = await runPlanner(ctx, actor, session.id, { timings });
    const totalMs = now() - started;
    const lines = await prisma.planLine.count({ where: { sessionId: session.id } });
    console.log(`snapshot: ${session.totals.needs} needs, ${session.totals.sources} sources, demand ${session.totals.demand}, supply ${session.totals.supply}`);
    console.log(`run: ${lines} lines stored, met ${run.met} of ${run.demand} (uncovered ${run.uncovered})`);
    // What a participant's session page asks for, over HTTP, after each planning event: not in the total.
    const [beforeLast] = await prisma.planLine.findMany({
      where: { sessionId: session.id }, orderBy: [{ week: "desc" }, { id: "desc" }], skip: 2000, take: 1, select: { week: true, id: true },
    });
    const lastPageCursor = beforeLast ? lineCursor(beforeLast) : "";
    for (const [what, path] of [
      ["session with coverage", `/planning-sessions/${session.id}`],
      ["a page of lines (the first 500, as the page asks)", `/planning-sessions/${session.id}/lines`],
      ["the last page of 2,000 lines", `/planning-sessions/${session.id}/lines?limit=2000&after=${encodeURIComponent(lastPageCursor)}`],
      ["steward's own lines (?mine=1)", `/planning-sessions/${session.id}/lines?mine=1`],
    ] as const) {
      const times: number[] = [];
      let bytes = 0;
      for (let k = 0; k < 3; k++) {
        const t = now();
        const get = () => fetch(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${steward.token}` } });
        // The planner held the event loop for seconds: the server may close a kept-alive connection just as
        // it is reused. A GET is retried once on a fresh one, as browsers do.
        const res = await get().catch(get);
        bytes = (await res.arrayBuffer()).byteLength;
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
        times.push(now() - t);
      }
      console.log(`read ${what}: ${times.map((t) => fmt(t, 0)).join(" / ")} ms, ${fmt(bytes / 1e6, 1)} MB`);
    }
    console.log(
      `bench:planning-session needs=${NEEDS} sources=${SOURCES} weeks=${WEEKS} snapshot_ms=${fmt(snapshotMs, 0)} run_ms=${fmt(timings.planMs, 0)} ` +
        `store_ms=${fmt(timings.storeMs, 0)} total_ms=${fmt(totalMs, 0)}`,
    );
    return 0;
  } finally {
    await server.close();
  }
}

runMain(main);
