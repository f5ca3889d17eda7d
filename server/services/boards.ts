import type { BoardDto, BoardSummaryDto } from "../domain/dto";
import { DomainError } from "../domain/errors";
import type { CreateBoardInput } from "../domain/schemas";
import { isUniqueViolation } from "../db/errors";
import type { Actor, ServiceContext } from "./context";
import { loadReadableBoard } from "./access";
import { writeWithEvents } from "./event-log";

/** Public boards for everyone, plus members-only boards the viewer belongs to. */
export async function listBoards(ctx: ServiceContext, actor: Actor | null): Promise<BoardSummaryDto[]> {
  const boards = await ctx.prisma.board.findMany({
    where: actor
      ? { OR: [{ visibility: "public" }, { members: { some: { userId: actor.userId } } }] }
      : { visibility: "public" },
    orderBy: { createdAt: "asc" },
    select: { slug: true, name: true, visibility: true, licence: true, _count: { select: { members: true } } },
  });
  return boards.map(({ _count, ...b }) => ({ ...b, memberCount: _count.members }));
}

export async function getBoard(ctx: ServiceContext, actor: Actor | null, slug: string): Promise<BoardDto> {
  const { board, viewer } = await loadReadableBoard(ctx.prisma, slug, actor);
  const memberCount = await ctx.prisma.boardMember.count({ where: { boardId: board.id } });
  return {
    slug: board.slug,
    name: board.name,
    visibility: board.visibility,
    licence: board.licence,
    covenant: board.covenant,
    memberCount,
    lastSeq: board.lastSeq,
    myRole: viewer.boardRole,
  };
}

/** The creator of a board is its first steward. */
export async function createBoard(ctx: ServiceContext, actor: Actor, input: CreateBoardInput) {
  try {
    const board = await ctx.prisma.board.create({
      data: {
        slug: input.slug,
        name: input.name,
        covenant: input.covenant ?? "",
        licence: input.licence ?? "CC-BY-SA-4.0",
        visibility: input.visibility ?? "public",
        members: { create: { userId: actor.userId, role: "steward" } },
      },
      select: { slug: true, name: true, visibility: true, licence: true, covenant: true },
    });
    return { ...board, memberCount: 1 };
  } catch (e) {
    if (isUniqueViolation(e))
      throw new DomainError("SLUG_TAKEN", `The board address "${input.slug}" is taken`, { slug: ["already taken"] });
    throw e;
  }
}

/**
 * Joining accepts the board's covenant. A members-only board is joined by invitation (later work), so
 * outsiders get 404 here as everywhere else.
 */
export async function joinBoard(ctx: ServiceContext, actor: Actor, slug: string) {
  const { board, viewer } = await loadReadableBoard(ctx.prisma, slug, actor);
  if (viewer.boardRole) throw new DomainError("ALREADY_MEMBER", "You are already a member of this board");
  try {
    await writeWithEvents(ctx, board.id, async (tx, emit) => {
      await tx.boardMember.create({ data: { boardId: board.id, userId: actor.userId, role: "member" } });
      await emit({
        boardSlug: board.slug,
        type: "member.joined",
        actor,
        data: { member: { id: actor.userId, name: actor.name } },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new DomainError("ALREADY_MEMBER", "You are already a member of this board");
    throw e;
  }
  return { board: board.slug, role: "member" as const, covenantAccepted: true };
}
