// The interleavings of eviction, opening and reading the log, each made to happen exactly: reads of the
// log resolve when the test says so, and rooms are plain sets. The real thing, with sockets and both
// databases, is tests/realtime/stream-eviction.test.ts.
import { describe, expect, it } from "vitest";
import type { BoardEventDto } from "../domain/dto";
import { BoardStreams, type Rooms } from "./board-streams";

const BOARD = { id: "b1", slug: "board-one", visibility: "public" as const };
const ROOM = "board:b1";

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const event = (seq: number): BoardEventDto => ({ seq, board: BOARD.slug, type: "signal.created", at: "2026-11-27T00:00:00.000Z", actor: null, data: {} });
const row = (seq: number) => ({ seq, type: "signal.created", at: new Date("2026-11-27T00:00:00.000Z"), actorId: null, actorName: null, data: {} });

function setup() {
  const members = new Map<string, Set<string>>();
  const emitted: Array<{ room: string; seq: number }> = [];
  let emptied: (room: string) => void = () => {};
  const rooms: Rooms = {
    emit: (room, _event, payload) => emitted.push({ room, seq: (payload as BoardEventDto).seq }),
    size: (room) => members.get(room)?.size ?? 0,
    onEmptied: (l) => void (emptied = l),
  };
  const opens: Array<ReturnType<typeof deferred<{ lastSeq: number }>>> = [];
  const reads: Array<{ after: number; answer: ReturnType<typeof deferred<ReturnType<typeof row>[]>> }> = [];
  const prisma = {
    board: { findUniqueOrThrow: () => (opens.push(deferred()), opens.at(-1)!.promise) },
    boardEvent: {
      findMany: (args: { where: { seq: { gt: number } } }) => {
        const answer = deferred<ReturnType<typeof row>[]>();
        reads.push({ after: args.where.seq.gt, answer });
        return answer.promise;
      },
    },
  };
  const streams = new BoardStreams(rooms, prisma as never, true);
  const join = (socket: string) => members.set(ROOM, new Set([...(members.get(ROOM) ?? []), socket]));
  const leave = (socket: string) => {
    members.get(ROOM)?.delete(socket);
    if (members.get(ROOM)?.size === 0) {
      members.delete(ROOM);
      emptied(ROOM);
    }
  };
  const tick = () => new Promise((r) => setImmediate(r));
  /** A whole join as socket-server.ts does it: acquire, (the n-th) open at `lastSeq`, into the room, release. */
  const joinFresh = async (socket: string, lastSeq: number, n = 0) => {
    const ready = streams.acquire(BOARD);
    opens[n]!.resolve({ lastSeq });
    const s = await ready;
    join(socket);
    streams.release(s);
    return s;
  };
  return { streams, emitted, opens, reads, join, leave, tick, joinFresh };
}

describe("BoardStreams", () => {
  it("opens from the log's end, keeping what was committed while it opened", async () => {
    const t = setup();
    const ready = t.streams.acquire(BOARD);
    t.streams.committed(BOARD.id, [event(4), event(5)]); // committed while the open read was under way
    t.opens[0]!.resolve({ lastSeq: 4 });
    const s = await ready;
    expect(s.lastSeq).toBe(5);
    expect(t.emitted.map((e) => e.seq)).toEqual([5]); // 4 was already in the log the joiner replays
  });

  it("reads the log after opening when a NOTIFY announced more than the open read saw", async () => {
    const t = setup();
    const ready = t.streams.acquire(BOARD);
    t.streams.notified("b1:7");
    t.opens[0]!.resolve({ lastSeq: 5 });
    await ready;
    await t.tick();
    expect(t.reads.map((r) => r.after)).toEqual([5]);
    t.reads[0]!.answer.resolve([row(6), row(7)]);
    await t.tick();
    expect(t.emitted.map((e) => e.seq)).toEqual([6, 7]);
  });

  it("evicts when the last viewer leaves and no join holds it; an unwatched board's NOTIFY reads nothing", async () => {
    const t = setup();
    await t.joinFresh("a", 0);
    expect(t.streams.size).toBe(1);
    t.leave("a");
    expect(t.streams.size).toBe(0);
    t.streams.notified("b1:1");
    t.streams.committed(BOARD.id, [event(1)]);
    await t.tick();
    expect(t.reads).toEqual([]);
    expect(t.emitted).toEqual([]);
  });

  it("keeps a stream a join holds while the last viewer leaves, so the joiner misses nothing", async () => {
    const t = setup();
    const s = await t.joinFresh("a", 3);
    const held = await t.streams.acquire(BOARD); // b is joining: replaying up to held.lastSeq
    t.leave("a"); // the room empties while b replays
    expect(t.streams.size).toBe(1);
    t.streams.committed(BOARD.id, [event(4)]); // broadcast to an empty room, but counted
    t.join("b");
    t.streams.release(held);
    t.streams.committed(BOARD.id, [event(5)]);
    expect(held.lastSeq).toBe(5);
    expect(held).toBe(s);
    expect(t.streams.get(BOARD.id)).toBe(held);
    expect(t.emitted.map((e) => e.seq)).toEqual([4, 5]);
  });

  it("silences a stream evicted while it reads the log: the read's events are not sent to the next viewers", async () => {
    const t = setup();
    await t.joinFresh("a", 3);
    t.streams.notified("b1:5"); // another instance wrote 4 and 5: this one reads them
    expect(t.reads.length).toBe(1);
    t.leave("a"); // evicted with the read in flight
    expect(t.streams.size).toBe(0);

    // A new viewer opens a fresh stream (which starts at 5: the log already holds 4 and 5) and joins.
    await t.joinFresh("b", 5, 1);
    t.reads[0]!.answer.resolve([row(4), row(5)]); // the old read lands now
    await t.tick();
    expect(t.emitted).toEqual([]); // b replayed 4 and 5 itself: they must not come twice
    t.streams.committed(BOARD.id, [event(6)]);
    expect(t.emitted.map((e) => e.seq)).toEqual([6]);
    expect(t.reads.length).toBe(1); // and the old stream does not read again
  });

  it("leaves no half-open stream when opening fails", async () => {
    const t = setup();
    const ready = t.streams.acquire(BOARD);
    (t.opens[0] as unknown as { resolve: (v: unknown) => void }).resolve(Promise.reject(new Error("database down")));
    await expect(ready).rejects.toThrow("database down");
    await t.tick();
    expect(t.streams.size).toBe(0);
  });

  it("knows a watched public board by its slug without a query, and nothing of a members-only or unwatched one", async () => {
    const t = setup();
    expect(t.streams.knownPublicBoard(BOARD.slug)).toBeNull(); // nobody watches it yet: look it up
    await t.joinFresh("a", 3);
    expect(t.streams.knownPublicBoard(BOARD.slug)).toEqual({ id: BOARD.id, slug: BOARD.slug, visibility: "public" });
    expect(t.streams.knownPublicBoard("another-board")).toBeNull();
    t.leave("a"); // evicted: known no longer
    expect(t.streams.knownPublicBoard(BOARD.slug)).toBeNull();

    const closed = setup();
    const ready = closed.streams.acquire({ ...BOARD, visibility: "members" });
    closed.opens[0]!.resolve({ lastSeq: 0 });
    closed.join("m");
    closed.streams.release(await ready);
    // A members-only board needs the joiner's membership, which only the database knows.
    expect(closed.streams.knownPublicBoard(BOARD.slug)).toBeNull();
  });
});
