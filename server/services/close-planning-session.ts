// A steward closes a planning session without adopting it (ADR 036, amended 2026-11-29): the coalition
// decided not to go ahead, or a new session with a fresh snapshot replaces it. Nothing on the board
// changes; the session and its lines stay readable as a record, and no one can run, answer or adopt in it.
import type { Actor, ServiceContext } from "./context";
import { requireActor } from "./access";
import { writeWithEventLog } from "./event-log";
import { loadSessionAccess, lockSession, requireOpen, requireSteward } from "./planning-access";

export async function closePlanningSession(ctx: ServiceContext, actorOrNull: Actor | null, sessionId: string) {
  const actor = requireActor(actorOrNull);
  const { session, viewer } = await loadSessionAccess(ctx.prisma, sessionId, actor);
  requireSteward(viewer, session.board);
  requireOpen(session);
  const now = ctx.now();
  return writeWithEventLog(ctx, async (tx, append) => {
    // Under the session's row lock, like runs, answers and adoption: one of a close and an adoption wins.
    requireOpen(await lockSession(tx, sessionId));
    await tx.$executeRaw`UPDATE planning_sessions SET status = 'closed', "closedAt" = ${now}, "closedById" = ${actor.userId}::uuid, "updatedAt" = ${now} WHERE id = ${sessionId}::uuid`;
    await append({ id: session.board.id, slug: session.board.slug }, [{ type: "planning.session_closed", actor, data: { sessionId, title: session.title } }], now);
    return { sessionId, status: "closed" as const };
  });
}
