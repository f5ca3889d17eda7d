// The boards one request of the coordinator's view covers, with where each board's event log stood when
// they were read: the page follows each board's stream from there, so nothing that happens after the
// figures were read can be missed (the log position is read before the figures).
import type { CoordinationBoardDto, CoordinationQuery } from "../domain/coordination-query";
import type { Actor, ServiceContext } from "./context";
import { coordinationBoards } from "./coordination-boards";

export interface CoveredBoard {
  id: string;
  slug: string;
  name: string;
  visibility: "public" | "members";
  lastSeq: number;
}

export async function coveredBoards(ctx: ServiceContext, actor: Actor | null, q: CoordinationQuery): Promise<CoveredBoard[]> {
  const boards = await coordinationBoards(ctx, actor, q.boards);
  if (boards.length === 0) return [];
  const seqs = await ctx.prisma.board.findMany({ where: { id: { in: boards.map((b) => b.id) } }, select: { id: true, lastSeq: true } });
  const seqOf = new Map(seqs.map((s) => [s.id, s.lastSeq]));
  return boards.map((b) => ({ ...b, lastSeq: seqOf.get(b.id) ?? 0 }));
}

/** A board as answers show it (the id stays inside). */
export function publicBoard(b: CoveredBoard): CoordinationBoardDto {
  return { slug: b.slug, name: b.name, visibility: b.visibility, lastSeq: b.lastSeq };
}
