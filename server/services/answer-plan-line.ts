// A participant answers a plan line (ADR 036): accept it, change its quantity or week (checked against the
// snapshot's supply and need together with the other committed lines), or decline it with a reason. Only
// the source's people answer: its owner, or members of the organization it speaks for.
import { DomainError, throwIfProblems } from "../domain/errors";
import { assert, canAnswerPlanLine } from "../domain/permissions";
import { committedProblems, coverageOf } from "../domain/plan-lines";
import type { AnswerPlanLineInput, LineFacts } from "../domain/planning-session";
import type { Actor, ServiceContext } from "./context";
import { requireActor } from "./access";
import { writeWithEvents } from "./event-log";
import { loadSessionAccess, lockSession, readLineFacts, readSnapshot, requireOpen } from "./planning-access";
import { lineToDto, readLineRows } from "./list-plan-lines";

const STATUS_OF = { accept: "accepted", change: "changed", decline: "declined" } as const;

export async function answerPlanLine(ctx: ServiceContext, actorOrNull: Actor | null, lineId: string, input: AnswerPlanLineInput) {
  const actor = requireActor(actorOrNull);
  const line = await ctx.prisma.planLine.findUnique({ where: { id: lineId }, select: { sessionId: true } });
  if (!line) throw new DomainError("NOT_FOUND", "No such plan line");
  const { session, viewer } = await loadSessionAccess(ctx.prisma, line.sessionId, actor);
  const snapshot = await readSnapshot(ctx.prisma, line.sessionId);
  const now = ctx.now();
  return writeWithEvents(ctx, session.board.id, async (tx, emit) => {
    requireOpen(await lockSession(tx, session.id));
    const lines = await readLineFacts(tx, session.id);
    const current = lines.find((l) => l.id === lineId);
    // A re-run replaced the suggestion between the page loading and the answer.
    if (!current) throw new DomainError("NOT_FOUND", "No such plan line (a new run replaced it)");
    const source = snapshot.sources.find((s) => s.id === current.sourceId)!;
    const need = snapshot.needs.find((n) => n.id === current.needId)!;
    assert(canAnswerPlanLine(viewer, source), "NOT_YOUR_LINE", `Only the people of "${source.title}" answer its lines`);
    const week = input.week === undefined ? current.week : snapshot.weeks.indexOf(input.week);
    if (week === -1) throw new DomainError("VALIDATION_FAILED", "Not a week of this session", { week: [`Must be one of the session's weeks, ${snapshot.weeks[0]} to ${snapshot.weeks.at(-1)}`] });
    const after: LineFacts = { ...current, status: STATUS_OF[input.answer], week, quantity: input.quantity ?? current.quantity };
    if (after.status !== "declined") {
      throwIfProblems(committedProblems(snapshot, lines.map((l) => (l.id === lineId ? after : l)), source, need, after));
    }
    await tx.planLine.update({
      where: { id: lineId },
      data: {
        status: after.status,
        week: after.week,
        quantity: after.quantity,
        answerReason: input.reason ?? null,
        answeredById: actor.userId,
        answeredAt: now,
      },
    });
    await tx.$executeRaw`UPDATE planning_sessions SET "updatedAt" = ${now} WHERE id = ${session.id}::uuid`;
    const totals = coverageOf(snapshot, lines.map((l) => (l.id === lineId ? after : l))).totals;
    await emit({
      boardSlug: session.board.slug,
      type: "planning.line_answered",
      actor,
      at: now,
      data: { sessionId: session.id, title: session.title, lineId, status: after.status, quantity: after.quantity, week: snapshot.weeks[after.week], totals },
    });
    const [row] = await readLineRows(tx, { id: lineId });
    return lineToDto(row!, snapshot, viewer);
  });
}
