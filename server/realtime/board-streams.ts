// Fans a board's committed events out to the Socket.IO room of that board, strictly in sequence order.
// Events arrive two ways: from this process right after commit (fast path, no query), and as a NOTIFY
// from any process (PostgreSQL), which makes this instance read what it lacks from the log. The log in
// the database is the single source of order; a stream only ever emits seq lastSeq+1 next.
//
// A stream lives while its board has viewers here, or a join of it is under way (a "hold"), and is
// evicted when the last of both goes, so a board nobody watches costs nothing per NOTIFY. Eviction is
// safe for joins: a join holds its stream from before it is opened until the socket is in the room, so
// the stream it replays up to is the one that broadcasts after it. An evicted stream goes silent at once
// (a read of the log still in flight emits nothing), and a later join opens a fresh stream from the log.
import type { Server } from "socket.io";
import type { BoardEventDto } from "../domain/dto";
import type { EventSink, ServiceContext } from "../services/context";
import { readEvents } from "../services/event-log";
import { RT } from "../domain/realtime-contract";
import { log } from "../log";

export interface Stream {
  id: string;
  slug: string;
  visibility: "public" | "members";
  /** Every event up to here was broadcast to the room, or committed before any current member joined. */
  lastSeq: number;
  /** False until the log's end has been read: events that arrive meanwhile wait in `pending`. */
  open: boolean;
  /** Resolves when open. */
  ready: Promise<Stream>;
  pending: Map<number, BoardEventDto>;
  /** The highest seq a NOTIFY announced while the stream was opening. */
  notifiedWhileOpening: number;
  fetching: boolean;
  refetch: boolean;
  /** Joins under way. */
  holds: number;
  evicted: boolean;
}

/** What a stream needs of Socket.IO: broadcast to a room, its size, and word when it empties. */
export interface Rooms {
  emit(room: string, event: string, payload: unknown): void;
  size(room: string): number;
  onEmptied(listener: (room: string) => void): void;
}

export function socketRooms(io: Server): Rooms {
  return {
    emit: (room, event, payload) => void io.to(room).emit(event, payload),
    size: (room) => io.sockets.adapter.rooms.get(room)?.size ?? 0,
    // Socket.IO deletes a room when its last socket leaves (disconnects included).
    onEmptied: (listener) => void io.of("/").adapter.on("delete-room", listener),
  };
}

export class BoardStreams implements EventSink {
  private streams = new Map<string, Stream>();
  /** Counts reads of the log, so tests can tell that an unwatched board costs none. */
  readonly stats = { fetches: 0, opened: 0, evicted: 0 };

  constructor(
    private rooms: Rooms,
    private prisma: Pick<ServiceContext["prisma"], "board" | "boardEvent">,
    readonly crossProcess: boolean,
  ) {
    rooms.onEmptied((room) => {
      if (room.startsWith("board:")) this.evictIfIdle(room.slice("board:".length));
    });
  }

  room(boardId: string) {
    return `board:${boardId}`;
  }

  get(boardId: string): Stream | undefined {
    return this.streams.get(boardId);
  }

  /**
   * A public board watched here, by its slug, without a query: a board's id, slug and visibility never
   * change, and anyone may read a public board, so a crowd joining it needs no look-up each (ADR 015).
   */
  knownPublicBoard(slug: string): { id: string; slug: string; visibility: "public" } | null {
    for (const s of this.streams.values()) {
      if (s.slug === slug && !s.evicted) return s.visibility === "public" ? { id: s.id, slug: s.slug, visibility: "public" } : null;
    }
    return null;
  }

  /** How many boards have a live stream on this instance. */
  get size(): number {
    return this.streams.size;
  }

  /**
   * The board's stream, held for a join until `release`: it cannot be evicted meanwhile. The first time,
   * it starts from the log's current end; the stream is registered before that read, so nothing committed
   * while it is read can slip past it.
   */
  acquire(board: { id: string; slug: string; visibility: "public" | "members" }): Promise<Stream> {
    let s = this.streams.get(board.id);
    if (!s) {
      const stream: Stream = {
        id: board.id,
        slug: board.slug,
        visibility: board.visibility,
        lastSeq: 0,
        open: false,
        ready: null as unknown as Promise<Stream>,
        pending: new Map(),
        notifiedWhileOpening: 0,
        fetching: false,
        refetch: false,
        holds: 0,
        evicted: false,
      };
      stream.ready = this.prisma.board
        .findUniqueOrThrow({ where: { id: board.id }, select: { lastSeq: true } })
        .then(({ lastSeq }) => {
          stream.lastSeq = lastSeq;
          stream.open = true;
          this.drain(stream);
          if (stream.notifiedWhileOpening > stream.lastSeq) void this.fetch(stream);
          return stream;
        });
      // A failed open leaves no half-open stream behind; the join that wanted it reports the error.
      stream.ready.catch(() => this.evict(stream));
      this.streams.set(board.id, stream);
      this.stats.opened++;
      s = stream;
    }
    s.holds++;
    return s.ready;
  }

  /** The join that acquired `s` is over (joined the room, or gave up). */
  release(s: Stream) {
    s.holds--;
    this.evictIfIdle(s.id);
  }

  committed(boardId: string, events: BoardEventDto[]) {
    const s = this.streams.get(boardId);
    if (!s) return; // nobody watches this board on this instance: nothing to send
    for (const e of events) if (!s.open || e.seq > s.lastSeq) s.pending.set(e.seq, e);
    this.drain(s);
  }

  /** A NOTIFY "boardId:seq" from any instance (including this one, which then usually has it already). */
  notified(payload: string) {
    const [boardId, seqText] = payload.split(":");
    const s = boardId ? this.streams.get(boardId) : undefined;
    if (!s) return;
    const seq = Number(seqText);
    if (!s.open) s.notifiedWhileOpening = Math.max(s.notifiedWhileOpening, seq);
    else if (seq > s.lastSeq && !s.pending.has(seq)) void this.fetch(s);
  }

  /** After a lost LISTEN connection: notifications sent meanwhile are gone, so read every stream's tail. */
  resync() {
    for (const s of this.streams.values()) if (s.open) void this.fetch(s);
  }

  private evictIfIdle(boardId: string) {
    const s = this.streams.get(boardId);
    if (!s || s.holds > 0 || this.rooms.size(this.room(boardId)) > 0) return;
    this.evict(s);
  }

  private evict(s: Stream) {
    s.evicted = true;
    s.pending.clear();
    if (this.streams.get(s.id) === s) {
      this.streams.delete(s.id);
      this.stats.evicted++;
    }
  }

  private drain(s: Stream) {
    if (!s.open || s.evicted) return;
    const room = this.room(s.id);
    for (let next = s.pending.get(s.lastSeq + 1); next; next = s.pending.get(s.lastSeq + 1)) {
      s.pending.delete(next.seq);
      s.lastSeq = next.seq;
      this.rooms.emit(room, RT.EVENT, next);
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
      while (more && !s.evicted) {
        s.refetch = false;
        this.stats.fetches++;
        const events = await readEvents(this.prisma, s, s.lastSeq, 1000);
        if (s.evicted) break; // nobody left to tell; a new stream starts from the log
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
