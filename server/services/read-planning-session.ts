// Reading a planning session (ADR 036): its scope and state, and the coverage everyone watches converge
// (demand against accepted and suggested lines, per need, and who has answered); and its kept snapshot.
import { canAnswerPlanLine, canSteerPlanning } from "../domain/permissions";
import { coverageOf } from "../domain/plan-lines";
import type { SessionSnapshot } from "../domain/planning-session";
import type { Actor, ServiceContext } from "./context";
import { loadSessionAccess, readLineFacts, readSnapshot, type SessionRow } from "./planning-access";

export function sessionToDto(s: Omit<SessionRow, "board"> & { board: { slug: string; name: string } }) {
  return {
    id: s.id,
    board: { slug: s.board.slug, name: s.board.name },
    title: s.title,
    scope: { resourceSpecIds: s.resourceSpecIds, region: s.regionName },
    horizonWeeks: s.horizonWeeks,
    firstWeek: s.firstWeek,
    deadline: s.deadline.toISOString(),
    status: s.status,
    runCount: s.runCount,
    createdBy: s.createdBy,
    plan: s.plan ? { id: s.plan.id, adoptedAt: s.plan.adoptedAt.toISOString() } : null,
    /** Who closed the session without adopting it, and when (null while open or adopted). */
    closed: s.closedAt ? { at: s.closedAt.toISOString(), by: s.closedBy } : null,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

/** `taken`: the snapshot the caller just stored, so opening a session does not read megabytes back. */
export async function readPlanningSession(ctx: ServiceContext, actor: Actor | null, id: string, taken?: SessionSnapshot) {
  const { session, viewer } = await loadSessionAccess(ctx.prisma, id, actor);
  const snapshot = taken ?? (await readSnapshot(ctx.prisma, id));
  const lines = await readLineFacts(ctx.prisma, id);
  const sources = new Map(snapshot.sources.map((s) => [s.id, s]));
  return {
    ...sessionToDto(session),
    weeks: snapshot.weeks,
    totals: { needs: snapshot.needs.length, sources: snapshot.sources.length, demand: snapshot.totals.demand, supply: snapshot.totals.supply },
    coverage: coverageOf(snapshot, lines),
    viewer: {
      canSteer: canSteerPlanning(viewer),
      /** How many of the current lines this viewer may answer. */
      answerableLines: lines.filter((l) => {
        const s = sources.get(l.sourceId);
        return !!s && canAnswerPlanLine(viewer, s);
      }).length,
    },
  };
}

export async function readPlanningSnapshot(ctx: ServiceContext, actor: Actor | null, id: string) {
  const { session } = await loadSessionAccess(ctx.prisma, id, actor);
  return { session: sessionToDto(session), snapshot: await readSnapshot(ctx.prisma, id) };
}
