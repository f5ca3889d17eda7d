// Which boards a coordinator's view covers: the boards named (each must be readable by the viewer, with
// the same 404 as everywhere else for a members-only board of outsiders), or, when none is named, every
// board the viewer belongs to. An anonymous viewer must name boards (public ones).
import { DomainError } from "../domain/errors";
import type { Actor, ServiceContext } from "./context";
import { loadReadableBoard, type BoardRef } from "./access";

export async function coordinationBoards(ctx: ServiceContext, actor: Actor | null, slugs: string[]): Promise<BoardRef[]> {
  if (slugs.length > 0) {
    const boards: BoardRef[] = [];
    for (const slug of slugs) {
      const { board } = await loadReadableBoard(ctx.prisma, slug, actor);
      boards.push({ id: board.id, slug: board.slug, name: board.name, visibility: board.visibility });
    }
    return boards;
  }
  if (!actor) throw new DomainError("VALIDATION_FAILED", "Name the boards to coordinate (?boards=slug,slug), or sign in to see yours");
  const rows = await ctx.prisma.boardMember.findMany({
    where: { userId: actor.userId },
    select: { board: { select: { id: true, slug: true, name: true, visibility: true } } },
    orderBy: { board: { name: "asc" } },
  });
  return rows.map((r) => r.board);
}
