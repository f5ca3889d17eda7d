// A steward runs the planner over the session's snapshot (ADR 036). A re-run keeps the lines people
// accepted or changed (fixed lines), never suggests a declined source-need pair again, and replaces the
// unanswered suggestions. The planner runs outside the transaction (it is the long part, and the embedded
// database runs one transaction at a time); the write then checks that no answer arrived meanwhile.
import { randomUUID } from "node:crypto";
import { DomainError } from "../domain/errors";
import { planAllocation, type PlannerLine } from "../domain/planner";
import { isCommitted, plannerInputOf, type LineFacts } from "../domain/planning-session";
import type { Actor, ServiceContext, Tx } from "./context";
import { requireActor } from "./access";
import { writeWithEvents } from "./event-log";
import { loadSessionAccess, lockSession, readLineFacts, readSnapshot, requireOpen, requireSteward } from "./planning-access";

const ATTEMPTS = 3;

/** Where the run spent its time, for the benchmark (bench/planning-session.ts). */
export interface RunTimings {
  planMs: number;
  storeMs: number;
}

export interface RunOptions {
  timings?: RunTimings;
  /**
   * Runs after each attempt's planning and before its write: where answers arriving mid-run fall. Tests
   * use it to play that interleaving exactly (tests/api/planner-run-races.test.ts).
   */
  afterPlan?: (attempt: number) => Promise<void>;
}

export async function runPlanner(ctx: ServiceContext, actorOrNull: Actor | null, sessionId: string, opts: RunOptions = {}) {
  const actor = requireActor(actorOrNull);
  const { session, viewer } = await loadSessionAccess(ctx.prisma, sessionId, actor);
  requireSteward(viewer, session.board);
  requireOpen(session);
  const snapshot = await readSnapshot(ctx.prisma, sessionId);
  for (let attempt = 1; ; attempt++) {
    const t0 = performance.now();
    const before = await readLineFacts(ctx.prisma, sessionId);
    const result = planAllocation(plannerInputOf(snapshot, before));
    const fresh = result.lines.filter((l) => !l.kept);
    const t1 = performance.now();
    await opts.afterPlan?.(attempt);
    const written = await writeWithEvents(ctx, session.board.id, async (tx, emit) => {
      const locked = await lockSession(tx, sessionId);
      requireOpen(locked);
      if (answersKey(await readLineFacts(tx, sessionId)) !== answersKey(before)) return null;
      const run = locked.runCount + 1;
      await tx.$executeRaw`DELETE FROM plan_lines WHERE "sessionId" = ${sessionId}::uuid AND status = 'suggested'`;
      await insertLines(tx, sessionId, run, fresh, ctx.now());
      await tx.$executeRaw`UPDATE planning_sessions SET "runCount" = ${run}, "updatedAt" = ${ctx.now()} WHERE id = ${sessionId}::uuid`;
      const counts = {
        run,
        suggested: fresh.length,
        kept: before.filter(isCommitted).length,
        met: result.totals.met,
        demand: result.totals.demand,
        uncovered: result.totals.uncovered,
      };
      await emit({ boardSlug: session.board.slug, type: "planning.run_completed", actor, data: { sessionId, title: session.title, ...counts } });
      return counts;
    });
    if (opts.timings) Object.assign(opts.timings, { planMs: t1 - t0, storeMs: performance.now() - t1 });
    if (written) return written;
    if (attempt >= ATTEMPTS) throw new DomainError("SESSION_BUSY", "Answers kept arriving while the planner ran: run it again");
  }
}

/** What a run depends on: every answered line as it stands (the suggestions are what it replaces). */
function answersKey(lines: LineFacts[]): string {
  return lines
    .filter((l) => l.status !== "suggested")
    .map((l) => `${l.id}:${l.status}:${l.quantity}:${l.week}`)
    .sort()
    .join(",");
}

/**
 * All of a run's lines in one statement. The rows travel as one JSON text expanded by the database
 * (json_to_recordset): measured against one array parameter per column (unnest), it cost a fraction on
 * the embedded database, where every parameter is encoded and decoded on the one JavaScript thread.
 * A run's line ids share one random prefix (92 random bits) and end in the line's ordinal: tens of
 * thousands of random ids land on random pages of the primary key's index, and inserting them in key
 * order took 42,800 lines from 2.0-2.2 s to 1.1-1.5 s on the embedded database (ADR 036).
 */
export async function insertLines(tx: Tx, sessionId: string, run: number, lines: PlannerLine[], now: Date) {
  if (lines.length === 0) return;
  const rows = JSON.stringify(lines.map((l) => ({ s: l.sourceId, n: l.needId, w: l.week, q: l.quantity, d: l.distanceKm, r: l.reasons })));
  const prefix = randomUUID().slice(0, 24); // "xxxxxxxx-xxxx-4xxx-yxxx-"
  await tx.$executeRaw`
    INSERT INTO plan_lines (id, "sessionId", run, "sourceId", "needId", week, quantity, "distanceKm", reasons, kept, status, "createdAt")
    SELECT (${prefix} || lpad(to_hex(l.ord), 12, '0'))::uuid, ${sessionId}::uuid, ${run}, l.s, l.n, l.w, l.q, l.d, l.r, false, 'suggested', ${now}
      FROM ROWS FROM (json_to_recordset(${rows}::json) AS (s uuid, n uuid, w int, q numeric, d float8, r text[])) WITH ORDINALITY AS l(s, n, w, q, d, r, ord)`;
}
