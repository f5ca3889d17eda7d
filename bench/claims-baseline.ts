// The baseline of `bench:claims`: the same claim as ONE raw-driver transaction on PGlite, no Prisma, no
// HTTP, no Next — the floor the embedded database sets. Runs in its own process with its own fresh PGlite
// (a temporary data directory, like the server's, or in memory with BASELINE_DB=memory), loaded with
// the migration SQL from prisma/migrations and the same rows as the server phase. Driven over IPC.
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { now } from "./lib/common";

interface RunCmd {
  type: "run";
  dataDir: string | null;
  migrationsDir: string;
  clients: number;
  quantities: number[];
  attempts: number;
  warmup: number;
  eventData: string;
}

const HARD_CAP_MS = 10 * 60_000;
setTimeout(() => {
  console.error(`claims-baseline ${process.pid}: hard time cap reached, exiting`);
  process.exit(2);
}, HARD_CAP_MS).unref();
process.on("disconnect", () => process.exit(0));

const CLAIM_SQL = {
  lock: `SELECT kind::text AS kind, status::text AS status, "ownerId"::text AS "ownerId", quantity, "claimedQuantity",
                "deliveredQuantity", "availableFrom", "availableUntil"
           FROM signals WHERE id = $1::uuid FOR UPDATE`,
  insertClaim: `INSERT INTO claims (id, "signalId", "claimerId", quantity, status, "lastProgressAt", "createdAt", "updatedAt")
                VALUES ($1::uuid, $2::uuid, $3::uuid, $4, 'claimed', $5, $5, $5)`,
  updateSignal: `UPDATE signals SET "claimedQuantity" = $2, status = $3::"SignalStatus", "updatedAt" = $4 WHERE id = $1::uuid`,
  bumpSeq: `UPDATE boards SET "lastSeq" = "lastSeq" + 1 WHERE id = $1::uuid RETURNING "lastSeq"`,
  insertEvent: `INSERT INTO board_events ("boardId", seq, type, at, "actorId", "actorName", "signalId", data)
                VALUES ($1::uuid, $2, 'claim.created', $3, $4::uuid, $5, $6::uuid, $7::json)`,
  notify: `SELECT pg_notify('board_events', $1)`,
};

async function run(cmd: RunCmd) {
  const setupStarted = now();
  const db = new PGlite(cmd.dataDir ?? undefined);
  await db.waitReady;
  const migDir = cmd.migrationsDir;
  const migrations = readdirSync(migDir)
    .filter((d) => existsSync(path.join(migDir, d, "migration.sql")))
    .sort();
  for (const m of migrations) await db.exec(readFileSync(path.join(migDir, m, "migration.sql"), "utf8"));

  // Same rows as the server phase: an owner, C claimers, one board they all joined, a spec, the signals.
  const at = new Date();
  const ownerId = randomUUID();
  const claimers = Array.from({ length: cmd.clients }, () => randomUUID());
  const boardId = randomUUID();
  const specId = randomUUID();
  await db.transaction(async (tx) => {
    for (const [i, id] of [ownerId, ...claimers].entries())
      await tx.query(`INSERT INTO users (id, email, name, "passwordHash") VALUES ($1, $2, $3, 'x')`, [id, `p${i}@example.test`, `Person ${i}`]);
    await tx.query(`INSERT INTO boards (id, slug, name) VALUES ($1, 'bench-claims', 'Claims bench')`, [boardId]);
    await tx.query(`INSERT INTO board_members ("boardId", "userId", role) VALUES ($1, $2, 'steward')`, [boardId, ownerId]);
    for (const id of claimers) await tx.query(`INSERT INTO board_members ("boardId", "userId", role) VALUES ($1, $2, 'member')`, [boardId, id]);
    await tx.query(`INSERT INTO resource_specs (id, name, unit) VALUES ($1, 'Face shield v3', 'each')`, [specId]);
  });
  const signalIds: string[] = [];
  for (const q of cmd.quantities) {
    const id = randomUUID();
    signalIds.push(id);
    await db.query(
      `INSERT INTO signals (id, "boardId", kind, "resourceSpecId", title, quantity, "ownerId", "updatedAt")
       VALUES ($1, $2, 'need', $3, 'bench signal', $4, $5, $6)`,
      [id, boardId, specId, q, ownerId, at],
    );
  }
  const setupMs = now() - setupStarted;

  let ok = 0;
  let over = 0;

  async function claimOnce() {
    const signalId = signalIds[Math.floor(Math.random() * signalIds.length)]!;
    const claimerIdx = Math.floor(Math.random() * claimers.length);
    const claimerId = claimers[claimerIdx]!;
    const quantity = 1 + Math.floor(Math.random() * 3);
    const t = new Date();
    await db.query("BEGIN");
    try {
      const rows = (await db.query<{ ownerId: string; status: string; quantity: string; claimedQuantity: string }>(CLAIM_SQL.lock, [signalId])).rows;
      const s = rows[0]!;
      const claimed = Number(s.claimedQuantity);
      const total = Number(s.quantity);
      if (s.ownerId === claimerId || !(s.status === "open" || s.status === "claimed") || claimed + quantity > total) {
        await db.query("ROLLBACK");
        over++;
        return;
      }
      const newClaimed = claimed + quantity;
      await db.query(CLAIM_SQL.insertClaim, [randomUUID(), signalId, claimerId, quantity, t]);
      await db.query(CLAIM_SQL.updateSignal, [signalId, newClaimed, newClaimed >= total ? "claimed" : "open", t]);
      const seq = Number((await db.query<{ lastSeq: number }>(CLAIM_SQL.bumpSeq, [boardId])).rows[0]!.lastSeq);
      await db.query(CLAIM_SQL.insertEvent, [boardId, seq, t, claimerId, `Person ${claimerIdx + 1}`, signalId, cmd.eventData]);
      await db.query(CLAIM_SQL.notify, [`${boardId}:${seq}`]);
      await db.query("COMMIT");
      ok++;
    } catch (err) {
      await db.query("ROLLBACK").catch(() => {});
      throw err;
    }
  }

  for (let i = 0; i < cmd.warmup; i++) await claimOnce();
  const okWarm = ok;
  const overWarm = over;
  const started = now();
  for (let i = 0; i < cmd.attempts; i++) await claimOnce();
  const elapsedMs = now() - started;

  // The same invariant the server phase is checked for.
  const check = (
    await db.query<{ id: string; quantity: string; claimedQuantity: string; live: string | null }>(
      `SELECT s.id, s.quantity, s."claimedQuantity",
              (SELECT sum(c.quantity) FROM claims c WHERE c."signalId" = s.id AND c.status NOT IN ('released','lapsed')) AS live
         FROM signals s`,
    )
  ).rows;
  const overclaims = check.filter(
    (r) => Number(r.claimedQuantity) > Number(r.quantity) || Math.abs(Number(r.claimedQuantity) - Number(r.live ?? 0)) > 1e-9,
  ).length;
  await db.close();
  process.send?.({
    type: "result",
    setupMs,
    elapsedMs,
    attempts: cmd.attempts,
    ok: ok - okWarm,
    over: over - overWarm,
    overclaims,
    signals: check.map((r) => ({ quantity: Number(r.quantity), claimed: Number(r.claimedQuantity) })),
  });
}

process.on("message", (m: unknown) => {
  const cmd = m as RunCmd | { type: "exit" };
  if (cmd.type === "run") run(cmd).catch((err) => process.send?.({ type: "error", error: String(err?.stack ?? err) }));
  else if (cmd.type === "exit") process.exit(0);
});
process.send?.({ type: "started" });
