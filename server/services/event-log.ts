// Appending to a board's event log. The sequence number comes from bumping `boards.lastSeq` under its row
// lock inside the writing transaction: numbers are gap-free, and a later number always belongs to a later
// commit, so a reader who has seen N has every event below N. The NOTIFY is delivered only on commit.
import type { BoardEventDto, BoardEventType } from "../domain/dto";
import type { Actor, ServiceContext, Tx } from "./context";
import { Prisma } from "../db/generated/client";
import { log } from "../log";

export const EVENTS_CHANNEL = "board_events";

/** One event to append; the board and the time are those of the write that appends it. */
export interface EventInput {
  type: BoardEventType;
  actor: Actor | null;
  signalId?: string | null;
  data: BoardEventDto["data"];
}

export interface BoardRefForEvents {
  id: string;
  slug: string;
}

/**
 * Appends events to one board's log, numbered in the order given: one sequence bump for all of them
 * (under the board row's lock) and one insert.
 */
export async function appendEvents(
  tx: Tx,
  board: BoardRefForEvents,
  at: Date,
  events: EventInput[],
  notify: boolean,
): Promise<BoardEventDto[]> {
  if (events.length === 0) return [];
  const rows = await tx.$queryRaw<Array<{ lastSeq: number }>>`
    UPDATE boards SET "lastSeq" = "lastSeq" + ${events.length}::int WHERE id = ${board.id}::uuid RETURNING "lastSeq"`;
  const first = Number(rows[0]!.lastSeq) - events.length + 1;
  await tx.boardEvent.createMany({
    data: events.map((e, i) => ({
      boardId: board.id,
      seq: first + i,
      type: e.type,
      at,
      actorId: e.actor?.userId ?? null,
      actorName: e.actor?.name ?? null,
      signalId: e.signalId ?? null,
      data: e.data as Prisma.InputJsonValue,
    })),
  });
  const last = first + events.length - 1;
  // Listeners read the log from where they are up to this number, so one notification covers them all.
  if (notify) await tx.$executeRaw`SELECT pg_notify(${EVENTS_CHANNEL}, ${`${board.id}:${last}`})`;
  return events.map((e, i) => eventToDto(e, board.slug, first + i, at));
}

function eventToDto(e: EventInput, boardSlug: string, seq: number, at: Date): BoardEventDto {
  return {
    seq,
    board: boardSlug,
    type: e.type,
    at: at.toISOString(),
    actor: e.actor ? { id: e.actor.userId, name: e.actor.name } : null,
    data: e.data,
  };
}

/**
 * One write and its one event as a single SQL statement: the sequence bump, `write` (a data-modifying
 * statement, run as a CTE) and the event's insert commit together without BEGIN and COMMIT. On the
 * embedded database every statement is paid on the one JavaScript thread, and a transaction of five
 * statements cost about three times this one (ADR 015), which every viewer of the board waits for.
 * The board row's lock is taken by the UPDATE and held to the commit, as in `appendEvents`, so numbers
 * stay gap-free and in commit order. `write` should select FROM `seq` (the bumped board row), so that
 * it writes nothing if the board is gone. The event is published once the statement has returned.
 */
export async function writeOneEventInOneStatement(
  ctx: ServiceContext,
  board: BoardRefForEvents,
  at: Date,
  event: EventInput,
  write: Prisma.Sql,
): Promise<BoardEventDto> {
  const atSql = at.toISOString();
  const notify = ctx.events.crossProcess
    ? Prisma.sql`, pg_notify(${EVENTS_CHANNEL}, ${board.id} || ':' || seq."lastSeq")::text AS notified`
    : Prisma.empty;
  const rows = await ctx.prisma.$queryRaw<Array<{ lastSeq: number }>>`
    WITH seq AS (UPDATE boards SET "lastSeq" = "lastSeq" + 1 WHERE id = ${board.id}::uuid RETURNING "lastSeq"),
    w AS (${write}),
    e AS (
      INSERT INTO board_events ("boardId", seq, type, at, "actorId", "actorName", "signalId", data)
      SELECT ${board.id}::uuid, seq."lastSeq", ${event.type}, ${atSql}::timestamp, ${event.actor?.userId ?? null}::uuid,
             ${event.actor?.name ?? null}, ${event.signalId ?? null}::uuid, ${JSON.stringify(event.data)}::json
      FROM seq
    )
    SELECT seq."lastSeq"${notify} FROM seq`;
  if (rows.length === 0) throw new Error(`board ${board.id} vanished while writing to it`);
  const dto = eventToDto(event, board.slug, Number(rows[0]!.lastSeq), at);
  publishCommitted(ctx, new Map([[board.id, [dto]]]));
  return dto;
}

/** Hands committed events to the sink board by board; never throws (see `Committed.publish`). */
function publishCommitted(ctx: ServiceContext, appended: Map<string, BoardEventDto[]>) {
  for (const [boardId, events] of appended) {
    try {
      ctx.events.committed(boardId, events);
    } catch (err) {
      log.error({ err, boardId, seqs: events.map((e) => e.seq) }, "publishing committed events failed");
    }
  }
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
  prisma: Pick<ServiceContext["prisma"], "boardEvent">,
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

export type AppendEvents = (board: BoardRefForEvents, events: EventInput[], at?: Date) => Promise<BoardEventDto[]>;

/** A committed write and the hand-over of its events to the sink, kept apart so callers run it last. */
export interface Committed<T> {
  result: T;
  /**
   * Hands the events to the sink, board by board in sequence order. Never throws: the write is committed
   * and answered, whatever happens here. A failure is logged; the events are in the log, and the stream
   * reads them from there when the next event shows it the gap.
   */
  publish(): void;
}

/**
 * Runs `fn` in one transaction and returns once it has committed, without publishing: a caller that may
 * retry the write (group commit) must publish outside the retried part, or a publish failure would make
 * it write committed rows twice.
 */
export async function commitWithEventLog<T>(
  ctx: ServiceContext,
  fn: (tx: Tx, append: AppendEvents) => Promise<T>,
): Promise<Committed<T>> {
  const appended = new Map<string, BoardEventDto[]>();
  const result = await ctx.prisma.$transaction(async (tx) =>
    fn(tx, async (board, events, at) => {
      const dtos = await appendEvents(tx, board, at ?? ctx.now(), events, ctx.events.crossProcess);
      appended.set(board.id, [...(appended.get(board.id) ?? []), ...dtos]);
      return dtos;
    }),
  );
  return {
    result,
    publish: () => publishCommitted(ctx, appended),
  };
}

/**
 * Runs `fn` in one transaction; the events it appends (to any boards) go to the sink only after the
 * commit, board by board in sequence order.
 */
export async function writeWithEventLog<T>(ctx: ServiceContext, fn: (tx: Tx, append: AppendEvents) => Promise<T>): Promise<T> {
  const { result, publish } = await commitWithEventLog(ctx, fn);
  publish();
  return result;
}

/** `writeWithEventLog` for a write to one board, appending its events one at a time. */
export async function writeWithEvents<T>(
  ctx: ServiceContext,
  boardId: string,
  fn: (tx: Tx, emit: (e: EventInput & { boardSlug: string; at?: Date }) => Promise<BoardEventDto>) => Promise<T>,
): Promise<T> {
  return writeWithEventLog(ctx, (tx, append) =>
    fn(tx, async ({ boardSlug, at, ...e }) => (await append({ id: boardId, slug: boardSlug }, [e], at))[0]!),
  );
}
