// Appending to a board's event log. The sequence number comes from bumping `boards.lastSeq` under its row
// lock inside the writing transaction: numbers are gap-free, and a later number always belongs to a later
// commit, so a reader who has seen N has every event below N. The NOTIFY is delivered only on commit.
import type { BoardEventDto, BoardEventType } from "../domain/dto";
import type { Actor, ServiceContext, Tx } from "./context";
import type { Prisma } from "../db/generated/client";

export const EVENTS_CHANNEL = "board_events";

export interface NewEvent {
  boardId: string;
  boardSlug: string;
  type: BoardEventType;
  actor: Actor | null;
  signalId?: string | null;
  data: BoardEventDto["data"];
  at: Date;
}

export async function appendEvent(tx: Tx, e: NewEvent, notify: boolean): Promise<BoardEventDto> {
  const rows = await tx.$queryRaw<Array<{ lastSeq: number }>>`
    UPDATE boards SET "lastSeq" = "lastSeq" + 1 WHERE id = ${e.boardId}::uuid RETURNING "lastSeq"`;
  const seq = Number(rows[0]!.lastSeq);
  await tx.boardEvent.create({
    data: {
      boardId: e.boardId,
      seq,
      type: e.type,
      at: e.at,
      actorId: e.actor?.userId ?? null,
      actorName: e.actor?.name ?? null,
      signalId: e.signalId ?? null,
      data: e.data as Prisma.InputJsonValue,
    },
  });
  if (notify) await tx.$executeRaw`SELECT pg_notify(${EVENTS_CHANNEL}, ${`${e.boardId}:${seq}`})`;
  return {
    seq,
    board: e.boardSlug,
    type: e.type,
    at: e.at.toISOString(),
    actor: e.actor ? { id: e.actor.userId, name: e.actor.name } : null,
    data: e.data,
  };
}

type EventRow = {
  seq: number;
  type: string;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  data: unknown;
};

export function eventRowToDto(row: EventRow, boardSlug: string): BoardEventDto {
  return {
    seq: row.seq,
    board: boardSlug,
    type: row.type as BoardEventType,
    at: row.at.toISOString(),
    actor: row.actorId ? { id: row.actorId, name: row.actorName ?? "" } : null,
    data: row.data as BoardEventDto["data"],
  };
}

export async function readEvents(
  prisma: ServiceContext["prisma"],
  board: { id: string; slug: string },
  after: number,
  limit: number,
  upTo?: number,
): Promise<BoardEventDto[]> {
  const rows = await prisma.boardEvent.findMany({
    where: { boardId: board.id, seq: upTo === undefined ? { gt: after } : { gt: after, lte: upTo } },
    orderBy: { seq: "asc" },
    take: limit,
    select: { seq: true, type: true, at: true, actorId: true, actorName: true, data: true },
  });
  return rows.map((r) => eventRowToDto(r, board.slug));
}

/** Runs `fn` in one transaction and hands the events it appended to the sink only after the commit. */
export async function writeWithEvents<T>(
  ctx: ServiceContext,
  boardId: string,
  fn: (tx: Tx, emit: (e: Omit<NewEvent, "at" | "boardId"> & { at?: Date }) => Promise<BoardEventDto>) => Promise<T>,
): Promise<T> {
  const appended: BoardEventDto[] = [];
  const result = await ctx.prisma.$transaction(async (tx) => {
    return fn(tx, async (e) => {
      const dto = await appendEvent(tx, { ...e, boardId, at: e.at ?? ctx.now() }, ctx.events.crossProcess);
      appended.push(dto);
      return dto;
    });
  });
  if (appended.length) ctx.events.committed(boardId, appended);
  return result;
}
