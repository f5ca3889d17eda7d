import type { BoardEventDto } from "../domain/dto";
import type { Actor, ServiceContext } from "./context";
import { loadReadableBoard } from "./access";
import { readEvents } from "./event-log";

/** The board's log after `after`, in sequence order; `lastSeq` is the board's newest number. */
export async function listBoardEvents(
  ctx: ServiceContext,
  actor: Actor | null,
  slug: string,
  q: { after: number; limit: number },
): Promise<{ events: BoardEventDto[]; lastSeq: number }> {
  const { board } = await loadReadableBoard(ctx.prisma, slug, actor);
  const events = await readEvents(ctx.prisma, board, q.after, q.limit);
  return { events, lastSeq: board.lastSeq };
}
