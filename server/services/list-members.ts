// Who is on a board. Only its members see the list (ADR 020): a public board shows what people post, not
// who belongs to it.
import type { BoardMemberDto } from "../domain/dto";
import type { Actor, ServiceContext } from "./context";
import { loadReadableBoard, requireActor, requireBoardWriter } from "./access";

/** Stewards first, then everyone in the order they joined. */
export async function listMembers(ctx: ServiceContext, actorOrNull: Actor | null, slug: string): Promise<BoardMemberDto[]> {
  const actor = requireActor(actorOrNull);
  const { board, viewer } = await loadReadableBoard(ctx.prisma, slug, actor);
  requireBoardWriter(viewer, board);
  const rows = await ctx.prisma.boardMember.findMany({
    where: { boardId: board.id },
    select: { role: true, createdAt: true, user: { select: { id: true, name: true } } },
    orderBy: [{ createdAt: "asc" }, { userId: "asc" }],
  });
  const order = (r: (typeof rows)[number]) => (r.role === "steward" ? 0 : 1);
  return rows
    .sort((a, b) => order(a) - order(b))
    .map((r) => ({ userId: r.user.id, name: r.user.name, role: r.role, joinedAt: r.createdAt.toISOString() }));
}
