// A steward runs the planner over the session's snapshot (ADR 036). A re-run keeps the lines people
// accepted or changed (fixed lines), never suggests a declined source-need pair again, and replaces the
// unanswered suggestions. The planner runs outside the transaction (it is the long part, and the embedded
// database runs one transaction at a time); the write then checks that no answer arrived meanwhile.
import { DomainError } from "../domain/errors";
import { planAllocation, type PlannerLine } from "../domain/planner";
import { isCommitted, plannerInputOf, type LineFacts } from "../domain/planning-session";
import type { Actor, ServiceContext, Tx } from "./context";
import { requireActor } from "./access";
import { writeWithEvents } from "./event-log";
import { loadSessionAccess, lockSession, readLineFacts, readSnapshot, requireOpen, requireSteward } from "./planning-access";

const ATTEMPTS = 3;
/** Separates a line's reasons in the one text the bulk insert splits back into an array. */
const UNIT_SEPARATOR = "\u001f";

export async function runPlanner(ctx: ServiceContext, actorOrNull: Actor | null, sessionId: string) {
  const actor = requireActor(actorOrNull);
  const { session, viewer } = await loadSessionAccess(ctx.prisma, sessionId, actor);
  requireSteward(viewer, session.board);
  requireOpen(session);
  const snapshot = await readSnapshot(ctx.prisma, sessionId);
  for (let attempt = 1; ; attempt++) {
    const before = await readLineFacts(ctx.prisma, sessionId);
    const result = planAllocation(plannerInputOf(snapshot, before));
    const fresh = result.lines.filter((l) => !l.kept);
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

/** All of a run's lines in one statement: one array per column, unnested into rows. */
export async function insertLines(tx: Tx, sessionId: string, run: number, lines: PlannerLine[], now: Date) {
  if (lines.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO plan_lines (id, "sessionId", run, "sourceId", "needId", week, quantity, "distanceKm", reasons, kept, status, "createdAt")
    SELECT gen_random_uuid(), ${sessionId}::uuid, ${run}, l.source, l.need, l.week, l.quantity, nullif(l.km, -1),
           string_to_array(l.reasons, ${UNIT_SEPARATOR}), false, 'suggested', ${now}
      FROM unnest(${lines.map((l) => l.sourceId)}::uuid[], ${lines.map((l) => l.needId)}::uuid[], ${lines.map((l) => l.week)}::int[],
                  ${lines.map((l) => l.quantity)}::numeric[], ${lines.map((l) => l.distanceKm ?? -1)}::float8[],
                  ${lines.map((l) => l.reasons.join(UNIT_SEPARATOR))}::text[])
        AS l(source, need, week, quantity, km, reasons)`;
}
