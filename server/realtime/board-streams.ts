// Fans a board's committed events out to the Socket.IO room of that board, strictly in sequence order.
// Events arrive two ways: from this process right after commit (fast path, no query), and as a NOTIFY
// from any process (PostgreSQL), which makes this instance read what it lacks from the log. The log in
// the database is the single source of order; this class only ever emits seq lastSeq+1 next.
import type { Server } from "socket.io";
import type { BoardEventDto } from "../domain/dto";
import type { EventSink, ServiceContext } from "../services/context";
import { readEvents } from "../services/event-log";
import { RT } from "../domain/realtime-contract";
import { log } from "../log";

interface Stream {
  id: string;
  slug: string;
  /** Every event up to here was broadcast to the room, or committed before any current member joined. */
  lastSeq: number;
  pending: Map<number, BoardEventDto>;
  fetching: boolean;
  refetch: boolean;
}

export class BoardStreams implements EventSink {
  private streams = new Map<string, Stream>();
  private opening = new Map<string, Promise<Stream>>();

  constructor(
    private io: Server,
    private prisma: ServiceContext["prisma"],
    readonly crossProcess: boolean,
  ) {}

  room(boardId: string) {
    return `board:${boardId}`;
  }

  get(boardId: string): Stream | undefined {
    return this.streams.get(boardId);
  }

  /** The stream of a board, starting from the log's current end the first time anyone joins it. */
  ensure(board: { id: string; slug: string }): Promise<Stream> {
    const s = this.streams.get(board.id);
    if (s) return Promise.resolve(s);
    let p = this.opening.get(board.id);
    if (!p) {
      p = this.prisma.board
        .findUniqueOrThrow({ where: { id: board.id }, select: { lastSeq: true } })
        .then(({ lastSeq }) => {
          const stream: Stream = { ...board, lastSeq, pending: new Map(), fetching: false, refetch: false };
          this.streams.set(board.id, stream);
          this.opening.delete(board.id);
          return stream;
        });
      this.opening.set(board.id, p);
    }
    return p;
  }

  committed(boardId: string, events: BoardEventDto[]) {
    const s = this.streams.get(boardId);
    if (!s) return; // nobody has joined this board on this instance: nothing to send
    for (const e of events) if (e.seq > s.lastSeq) s.pending.set(e.seq, e);
    this.drain(s);
  }

  /** A NOTIFY "boardId:seq" from any instance (including this one, which then usually has it already). */
  notified(payload: string) {
    const [boardId, seqText] = payload.split(":");
    const s = boardId ? this.streams.get(boardId) : undefined;
    if (!s) return;
    const seq = Number(seqText);
    if (seq > s.lastSeq && !s.pending.has(seq)) void this.fetch(s);
  }

  /** After a lost LISTEN connection: notifications sent meanwhile are gone, so read every stream's tail. */
  resync() {
    for (const s of this.streams.values()) void this.fetch(s);
  }

  private drain(s: Stream) {
    const room = this.io.to(this.room(s.id));
    for (let next = s.pending.get(s.lastSeq + 1); next; next = s.pending.get(s.lastSeq + 1)) {
      s.pending.delete(next.seq);
      s.lastSeq = next.seq;
      room.emit(RT.EVENT, next);
    }
    for (const seq of s.pending.keys()) if (seq <= s.lastSeq) s.pending.delete(seq);
    // A later event arrived before an earlier one (another instance, or callbacks out of order): read the gap.
    if (s.pending.size > 0) void this.fetch(s);
  }

  private async fetch(s: Stream) {
    if (s.fetching) {
      s.refetch = true;
      return;
    }
    s.fetching = true;
    try {
      let more = true;
      while (more) {
        s.refetch = false;
        const events = await readEvents(this.prisma, s, s.lastSeq, 1000);
        for (const e of events) if (e.seq > s.lastSeq) s.pending.set(e.seq, e);
        this.drain(s); // a gap left after this read sets refetch, so the loop reads again
        more = s.refetch || events.length === 1000;
      }
    } catch (err) {
      log.error({ err, board: s.slug }, "reading board events failed");
    } finally {
      s.fetching = false;
    }
  }
}
