// One board stream per board per browser tab, shared by every component that watches that board.
// The server's event log is the stream, so the client's only job is to say where it left off:
// each (re)join asks for everything after the highest seq applied, and anything at or below that seq
// is dropped, so a replay that overlaps what we hold (a retried join, a join from an older seq) is
// harmless. Kept free of React and of socket.io so it can be tested with a fake socket.
import type { BoardEventDto } from "@/server/domain/dto";
import type { JoinAck, JoinPayload, PresencePayload, RevokedPayload } from "@/server/domain/realtime-contract";

/** "revoked": the board is no longer available to this visitor (signed out, removed, left). */
export type StreamStatus = "connecting" | "live" | "offline" | "revoked";

export interface StreamState {
  status: StreamStatus;
  viewers: number;
}

/** The few socket operations the streams need; socket.ts adapts a socket.io client to it. */
export interface StreamSocket {
  readonly connected: boolean;
  onConnect(fn: () => void): void;
  onDisconnect(fn: () => void): void;
  onEvent(fn: (e: BoardEventDto) => void): void;
  onPresence(fn: (p: PresencePayload) => void): void;
  onRevoked(fn: (p: RevokedPayload) => void): void;
  /** Emits board:join; `done` gets the ack, or an error when none came in time. */
  join(payload: JoinPayload, done: (err: Error | null, ack?: JoinAck) => void): void;
  leave(slug: string): void;
}

interface Entry {
  refs: number;
  /** Highest seq applied to the cache; null until someone tells us where to start. */
  lastSeq: number | null;
  state: StreamState;
  listeners: Set<() => void>;
  /** Bumped on every join and leave so a late ack from an earlier join is ignored. */
  attempt: number;
  joined: boolean;
  leaveTimer: ReturnType<typeof setTimeout> | null;
}

export interface BoardStreamsOptions {
  /** How long to keep a board joined after its last watcher left (page to page within one board). */
  lingerMs?: number;
  /** Wait before asking again after a join got no answer. */
  retryMs?: number;
  setTimer?: (fn: () => void, ms: number) => ReturnType<typeof setTimeout>;
  clearTimer?: (t: ReturnType<typeof setTimeout>) => void;
  /** A watched board became unavailable to this visitor (what they had cached may need refreshing). */
  onRevoked?: (slug: string) => void;
}

const INITIAL: StreamState = { status: "connecting", viewers: 0 };

export class BoardStreams {
  private readonly entries = new Map<string, Entry>();
  private socket: StreamSocket | null = null;
  private readonly lingerMs: number;
  private readonly retryMs: number;
  private readonly setTimer: NonNullable<BoardStreamsOptions["setTimer"]>;
  private readonly clearTimer: NonNullable<BoardStreamsOptions["clearTimer"]>;
  private readonly onRevoked: NonNullable<BoardStreamsOptions["onRevoked"]>;

  constructor(
    private readonly createSocket: () => StreamSocket,
    private readonly applyEvent: (e: BoardEventDto) => void,
    opts: BoardStreamsOptions = {},
  ) {
    this.lingerMs = opts.lingerMs ?? 1500;
    this.retryMs = opts.retryMs ?? 2000;
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((t) => clearTimeout(t));
    this.onRevoked = opts.onRevoked ?? (() => {});
  }

  /** The current state of a board's stream; the same object until it changes (for useSyncExternalStore). */
  getState(slug: string): StreamState {
    return this.entries.get(slug)?.state ?? INITIAL;
  }

  /** The highest seq applied for a board, or null before its first join. */
  lastSeq(slug: string): number | null {
    return this.entries.get(slug)?.lastSeq ?? null;
  }

  /** Calls `fn` whenever the board's state changes; answers the unsubscribe. */
  watch(slug: string, fn: () => void): () => void {
    const entry = this.entry(slug);
    entry.listeners.add(fn);
    return () => entry.listeners.delete(fn);
  }

  /**
   * Keeps a board's stream open while retained. `afterSeq` is where the caller's data stands (the
   * board's lastSeq read before its lists were loaded); once the board has been streamed, its own
   * highest applied seq wins, because that is what the cache actually reflects.
   */
  retain(slug: string, afterSeq: number): () => void {
    const entry = this.entry(slug);
    entry.refs += 1;
    if (entry.lastSeq === null) entry.lastSeq = afterSeq;
    if (entry.leaveTimer) {
      this.clearTimer(entry.leaveTimer);
      entry.leaveTimer = null;
    }
    const socket = this.ensureSocket();
    if (entry.refs === 1 && !entry.joined) {
      if (socket.connected) this.join(slug, entry);
      else this.setState(entry, { status: entry.state.status === "offline" ? "offline" : "connecting" });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      entry.refs -= 1;
      if (entry.refs > 0) return;
      entry.leaveTimer = this.setTimer(() => {
        entry.leaveTimer = null;
        if (entry.refs > 0) return;
        entry.attempt += 1;
        if (entry.joined && this.socket?.connected) this.socket.leave(slug);
        entry.joined = false;
        this.setState(entry, { status: "connecting", viewers: 0 });
      }, this.lingerMs);
    };
  }

  private entry(slug: string): Entry {
    let e = this.entries.get(slug);
    if (!e) {
      e = { refs: 0, lastSeq: null, state: INITIAL, listeners: new Set(), attempt: 0, joined: false, leaveTimer: null };
      this.entries.set(slug, e);
    }
    return e;
  }

  private ensureSocket(): StreamSocket {
    if (this.socket) return this.socket;
    const socket = this.createSocket();
    this.socket = socket;
    socket.onConnect(() => {
      // A reconnect lost the server's room membership: join again from where we are.
      for (const [slug, entry] of this.entries) if (entry.refs > 0) this.join(slug, entry);
    });
    socket.onDisconnect(() => {
      for (const entry of this.entries.values()) {
        entry.joined = false;
        entry.attempt += 1;
        // A board that is no longer available stays so until a join succeeds again.
        if (entry.refs > 0 && entry.state.status !== "revoked") this.setState(entry, { status: "offline" });
      }
    });
    socket.onEvent((e) => this.receive(e));
    socket.onRevoked((p) => {
      const entry = this.entries.get(p.board);
      if (!entry) return;
      // The server has taken this connection out of the board: no join of ours is current any more.
      entry.joined = false;
      entry.attempt += 1;
      this.revoke(p.board, entry);
    });
    socket.onPresence((p) => {
      const entry = this.entries.get(p.board);
      if (entry && entry.refs > 0 && typeof p.viewers === "number") this.setState(entry, { viewers: p.viewers });
    });
    return socket;
  }

  private join(slug: string, entry: Entry): void {
    const socket = this.socket;
    if (!socket) return;
    const attempt = ++entry.attempt;
    entry.joined = true;
    if (entry.state.status !== "revoked") this.setState(entry, { status: "connecting" });
    const payload: JoinPayload = entry.lastSeq === null ? { slug } : { slug, afterSeq: entry.lastSeq };
    socket.join(payload, (err, ack) => {
      if (attempt !== entry.attempt || entry.refs === 0) return;
      if (err || !ack) {
        // No answer in time: ask again while anyone still watches; seq filtering absorbs a double replay.
        this.setTimer(() => {
          if (attempt === entry.attempt && entry.refs > 0 && socket.connected) this.join(slug, entry);
        }, this.retryMs);
        return;
      }
      if (!ack.ok) {
        entry.joined = false;
        // The board is hidden from this visitor now (a members-only board after signing out or removal).
        if (ack.error.code === "NOT_FOUND") this.revoke(slug, entry);
        else this.setState(entry, { status: "offline" });
        return;
      }
      this.setState(entry, { status: "live" });
    });
  }

  private revoke(slug: string, entry: Entry): void {
    if (entry.state.status === "revoked") return;
    this.setState(entry, { status: "revoked", viewers: 0 });
    this.onRevoked(slug);
  }

  private receive(e: BoardEventDto): void {
    const entry = this.entries.get(e.board);
    // Events for a board nobody asked about, or already applied (replays overlap): drop them.
    if (!entry || entry.lastSeq === null || !(typeof e.seq === "number") || e.seq <= entry.lastSeq) return;
    // Not joined (revoked, or between joins): anything still in flight belongs to a join that ended.
    if (!entry.joined) return;
    entry.lastSeq = e.seq;
    try {
      this.applyEvent(e);
    } catch (err) {
      // A malformed event must not stop the stream; the next refetch shows the truth.
      console.error("Could not apply board event", e.type, e.seq, err);
    }
  }

  private setState(entry: Entry, patch: Partial<StreamState>): void {
    const next = { ...entry.state, ...patch };
    if (next.status === entry.state.status && next.viewers === entry.state.viewers) return;
    entry.state = next;
    for (const fn of entry.listeners) fn();
  }
}
