// A board's planning sessions, newest first (ADR 036): readable by whoever can read the board.
import type { Actor, ServiceContext } from "./context";
import { loadReadableBoard } from "./access";
import { canSteerPlanning } from "../domain/permissions";
import { sessionSelect } from "./planning-access";
import { sessionToDto } from "./read-planning-session";

export async function listPlanningSessions(ctx: ServiceContext, actor: Actor | null, slug: string) {
  const { board, viewer } = await loadReadableBoard(ctx.prisma, slug, actor);
  const rows = await ctx.prisma.planningSession.findMany({
    where: { boardId: board.id },
    select: sessionSelect,
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return { items: rows.map(sessionToDto), viewer: { canSteer: canSteerPlanning(viewer) } };
}
