// bench:ledger — appending to the tamper-evident ledger and verifying it, on the embedded database.
//
// The real app runs in this process (production build, PGlite in a fresh temporary DATA_DIR). Setup goes
// through the API: a person, a board, two organizations, a resource specification.
//  1. Service appends: EVENTS events (produce, transfer, consume, produce, in turn, so stock moves on both
//     sides and the INSUFFICIENT_STOCK check runs on every taking event) through the same append the API
//     uses (ledger-append.ts: head lock, hash, stock projection, linked signals, `ledger.recorded` board
//     event), BATCH events per transaction, as an importer would.
//  2. Verify: the whole chain checked as GET .../ledger/verify does (hashed inside the database), VERIFY_RUNS
//     times, then once walked in JavaScript (the reference it replaced) for the ratio.
//  3. HTTP appends: HTTP_EVENTS events through POST /api/v1/boards/:slug/ledger/events, HTTP_CLIENTS at a
//     time, one event per request (one transaction each).
// Baseline (same run, its own fresh PGlite in a temporary directory): the same rows with precomputed
// hashes written by a raw-driver INSERT loop, BATCH rows per transaction: the floor the database sets for
// storing the events alone (no stock, no board events, no checks).
// Env: EVENTS (100000), BATCH (1000), HTTP_EVENTS (1000), HTTP_CLIENTS (8), VERIFY_RUNS (3).
// Final line: bench:ledger events=N append_per_s=X verify_ms=X
import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { loadConfig } from "../server/config";
import { startServer } from "../server/app-server";
import { writeWithEventLog } from "../server/services/event-log";
import { appendLedgerEvents, type PreparedEconomicEvent } from "../server/services/ledger-append";
import { verifyLedgerChain, verifyLedgerChainInJs } from "../server/services/ledger-verify";
import { canonicalQuantity, chain } from "../server/domain/ledger-hash";
import type { EconomicAction } from "../server/domain/ledger-actions";
import { ApiClient, newMember, newSpec } from "../tests/support/api-client";
import { envInt, fmt, mapLimit, now, ROOT, runMain, summarize, tempDir } from "./lib/common";

const EVENTS = envInt("EVENTS", 100_000, 4);
const BATCH = envInt("BATCH", 1000, 1);
const HTTP_EVENTS = envInt("HTTP_EVENTS", 1000, 0);
const HTTP_CLIENTS = envInt("HTTP_CLIENTS", 8, 1);
const VERIFY_RUNS = envInt("VERIFY_RUNS", 3, 1);
const SLUG = "bench-ledger";

/** The i-th event of the workload: A makes 2, gives 1 to B, B uses 1 up, A makes 2 again... */
function workload(i: number): { action: EconomicAction; quantity: number; provider: "a" | "b"; receiver: "a" | "b" } {
  switch (i % 4) {
    case 0: return { action: "produce", quantity: 2, provider: "a", receiver: "a" };
    case 1: return { action: "transfer", quantity: 1, provider: "a", receiver: "b" };
    case 2: return { action: "consume", quantity: 1, provider: "b", receiver: "b" };
    default: return { action: "produce", quantity: 2, provider: "a", receiver: "a" };
  }
}

async function baseline(rows: ReturnType<typeof chain>, ids: { board: string; spec: string; a: string; b: string }) {
  const db = new PGlite(tempDir("bench-ledger-baseline"));
  await db.waitReady;
  const migDir = path.join(ROOT, "prisma/migrations");
  for (const m of readdirSync(migDir).filter((d) => existsSync(path.join(migDir, d, "migration.sql"))).sort())
    await db.exec(readFileSync(path.join(migDir, m, "migration.sql"), "utf8"));
  await db.query(`INSERT INTO boards (id, slug, name) VALUES ($1, 'b', 'b')`, [ids.board]);
  await db.query(`INSERT INTO resource_specs (id, name, unit) VALUES ($1, 's', 'each')`, [ids.spec]);
  for (const o of [ids.a, ids.b]) await db.query(`INSERT INTO organizations (id, name, kind) VALUES ($1, 'o', 'hub')`, [o]);
  const started = now();
  for (let i = 0; i < rows.length; i += BATCH) {
    await db.transaction(async (tx) => {
      for (const r of rows.slice(i, i + BATCH)) {
        await tx.query(
          `INSERT INTO economic_events (id, "boardId", seq, action, "resourceSpecId", quantity, unit, "providerId", "receiverId",
                                        "occurredAt", "recordedAt", hash, "previousHash")
           VALUES ($1, $2, $3, $4::"EconomicAction", $5, $6::numeric, $7, $8, $9, $10, $11, $12, $13)`,
          [r.id, r.boardId, r.seq, r.action, r.resourceSpecId, canonicalQuantity(r.quantity), r.unit, r.providerId, r.receiverId, r.occurredAt, r.recordedAt, r.hash, r.previousHash],
        );
      }
    });
  }
  const ms = now() - started;
  await db.close();
  return ms;
}

async function main(): Promise<number> {
  if (!existsSync(path.join(ROOT, ".next"))) {
    console.error("bench:ledger needs the production build: run `npm run build` first");
    return 1;
  }
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const dataDir = tempDir("bench-ledger-app");
  const config = loadConfig({
    PORT: "0", HOST: "127.0.0.1", NODE_ENV: "production", DATA_DIR: dataDir, SEED_DEMO: "false",
    SWEEP_INTERVAL_MS: "0", LOG_LEVEL: "warn", SIGNUPS_PER_ADDRESS_PER_HOUR: "1000",
  });
  const server = await startServer({ config, dev: false });
  try {
    const api = new ApiClient(server.url);
    const person = await newMember(api);
    const created = await person.api.post("/boards", { slug: SLUG, name: "Ledger bench" });
    if (created.status !== 201) throw new Error(`board: ${JSON.stringify(created.body)}`);
    const spec = await newSpec(person.api, "Face shield v3", "each");
    const orgs = [];
    for (const name of ["Maker A", "Clinic B"]) orgs.push((await person.api.post("/organizations", { name, kind: "hub" })).body);
    const board = await server.ctx.prisma.board.findUniqueOrThrow({ where: { slug: SLUG }, select: { id: true, slug: true } });
    const orgRef = { a: { id: orgs[0].id, name: orgs[0].name, kind: "hub" }, b: { id: orgs[1].id, name: orgs[1].name, kind: "hub" } };
    const specRef = { id: spec.id, name: spec.name, unit: spec.unit, divisible: false };
    const actor = { userId: person.id, name: person.name };

    // 1. through the service, BATCH per transaction
    const batchMs: number[] = [];
    const started = now();
    for (let i = 0; i < EVENTS; i += BATCH) {
      const at = server.ctx.now();
      const prepared: PreparedEconomicEvent[] = [];
      for (let j = i; j < Math.min(EVENTS, i + BATCH); j++) {
        const w = workload(j);
        prepared.push({
          action: w.action, spec: specRef, quantity: w.quantity, provider: orgRef[w.provider], receiver: orgRef[w.receiver],
          location: null, toLocation: null, occurredAt: at, note: null, claimId: null, correctsId: null, recordedBy: actor,
        });
      }
      const t = now();
      await writeWithEventLog(server.ctx, (tx, append) => appendLedgerEvents(tx, append, board, at, prepared, server.ctx));
      batchMs.push(now() - t);
    }
    const appendMs = now() - started;
    const appendPerS = (EVENTS / appendMs) * 1000;
    const batches = summarize(batchMs);
    console.log(`service appends: ${EVENTS} events in ${fmt(appendMs / 1000)} s = ${fmt(appendPerS, 0)} events/s (batches of ${BATCH}: p50 ${fmt(batches.p50)} ms, p95 ${fmt(batches.p95)} ms)`);

    // 2. verify
    const verifyMs: number[] = [];
    let result = await verifyLedgerChain(server.ctx.prisma, board.id);
    for (let r = 0; r < VERIFY_RUNS; r++) {
      const t = now();
      result = await verifyLedgerChain(server.ctx.prisma, board.id);
      verifyMs.push(now() - t);
    }
    if (!result.ok || result.count !== EVENTS) throw new Error(`verify failed: ${JSON.stringify(result)}`);
    const verify = summarize(verifyMs);
    console.log(`verify: ${result.count} events ok, ${VERIFY_RUNS} runs: min ${fmt(verify.min)} ms, p50 ${fmt(verify.p50)} ms, max ${fmt(verify.max)} ms (target < 2000)`);
    // The reference: the same chain walked in JavaScript (every row shipped and hashed here), as verify did
    // before it ran in the database; the same verdict, for the ratio.
    const jsStarted = now();
    const jsResult = await verifyLedgerChainInJs(server.ctx.prisma, board.id);
    const jsMs = now() - jsStarted;
    if (JSON.stringify(jsResult) !== JSON.stringify(result)) throw new Error(`the two verifies disagree: ${JSON.stringify(jsResult)}`);
    console.log(`verify walked in JavaScript (reference): ${fmt(jsMs)} ms; in the database ${fmt(verify.p50 / jsMs)} of that`);
    // A fresh client: the setup's keep-alive socket sat idle past the server's timeout while the service ran.
    const stock = await new ApiClient(server.url).get(`/boards/${SLUG}/inventory`).catch(() => api.get(`/boards/${SLUG}/inventory`));
    console.log(`inventory after: ${stock.body.items.map((i: any) => `${i.agent.name} ${i.onHand}`).join(", ")}`);

    // 3. through HTTP, one event per request
    if (HTTP_EVENTS > 0) {
      const t = now();
      const statuses = await mapLimit(Array.from({ length: HTTP_EVENTS }, (_, i) => i), HTTP_CLIENTS, async (i) => {
        const w = workload(i);
        const r = await person.api.post(`/boards/${SLUG}/ledger/events`, {
          action: w.action, resourceSpecId: spec.id, quantity: w.quantity, provider: orgRef[w.provider].id,
          ...(w.action === "transfer" ? { receiver: orgRef.b.id } : {}),
        });
        return r.status;
      });
      const ms = now() - t;
      const count = (s: number) => statuses.filter((x) => x === s).length;
      // A consume may race ahead of the transfer that feeds it: 409 INSUFFICIENT_STOCK is a correct answer.
      console.log(
        `HTTP appends: ${HTTP_EVENTS} requests, ${HTTP_CLIENTS} clients, ${fmt((HTTP_EVENTS / ms) * 1000, 0)} answers/s ` +
          `(${count(201)} recorded, ${count(409)} refused INSUFFICIENT_STOCK, ${HTTP_EVENTS - count(201) - count(409)} other)`,
      );
    }

    // baseline: the rows alone, raw INSERT loop on a fresh PGlite
    const rows = chain(
      Array.from({ length: EVENTS }, (_, i) => {
        const w = workload(i);
        return {
          id: randomUUID(), boardId: board.id, seq: i + 1, action: w.action, resourceSpecId: spec.id, quantity: w.quantity, unit: "each",
          providerId: orgRef[w.provider].id, receiverId: orgRef[w.receiver].id, location: null, toLocation: null,
          occurredAt: new Date(), recordedAt: new Date(), recordedById: null, note: null, claimId: null, correctsId: null,
        };
      }),
    );
    const baseMs = await baseline(rows, { board: board.id, spec: spec.id, a: orgRef.a.id, b: orgRef.b.id });
    const basePerS = (EVENTS / baseMs) * 1000;
    console.log(`baseline raw PGlite INSERT loop (rows only, batches of ${BATCH}): ${fmt(basePerS, 0)} rows/s; ratio append/baseline ${fmt(appendPerS / basePerS)}`);
    console.log(`bench:ledger events=${EVENTS} append_per_s=${fmt(appendPerS, 0)} verify_ms=${fmt(verify.p50, 0)} verify_js_ms=${fmt(jsMs, 0)} baseline_per_s=${fmt(basePerS, 0)} ratio=${fmt(appendPerS / basePerS)} (appends through the service in batches of ${BATCH})`);
    return 0;
  } finally {
    await server.close();
  }
}

runMain(main);
