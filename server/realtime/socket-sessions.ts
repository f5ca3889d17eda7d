// Sockets follow the session (ADR 011). A socket is authenticated once, at its handshake, by a session
// cookie or an API token, and then joins boards. When that session is signed out or that token revoked,
// the socket loses its identity: it leaves every members-only board it was in (and is told so with
// `board:revoked`), and keeps public boards, which anyone may read, as an anonymous reader. When a person
// leaves or is removed from a members-only board, their sockets leave that board the same way.
//
// Ends arrive from this process right after the ending commit, and from every process through
// PostgreSQL NOTIFY. A join or a handshake that read its access just before an end committed, and
// finishes just after the end arrived, is caught by version stamps: each end bumps a counter, and the
// join or handshake checks whether an end that concerns it came after the stamp it took before reading.
import { randomUUID } from "node:crypto";
import type { Socket } from "socket.io";
import type { AccessEnd, AccessSink, Actor } from "../services/context";
import type { Credential } from "../services/authenticate";
import { parseAccessEnd } from "../services/access-ends";
import { RT, type RevokedReason } from "../domain/realtime-contract";
import { log } from "../log";

export interface JoinedBoard {
  slug: string;
  visibility: "public" | "members";
}

/** What the realtime layer keeps on each socket (`socket.data`). */
export interface SocketData {
  actor: Actor | null;
  credential: Credential | null;
  /** Bumped on every join of a board, so an older join still replaying stops instead of double-joining. */
  joins: Map<string, number>;
  /** The boards whose room this socket is in. */
  rooms: Map<string, JoinedBoard>;
  /** The version at which this socket lost its identity, or at which each board's membership ended. */
  cutAt: { identity: number; boards: Map<string, number> };
}

/** Ends of a credential are remembered this long, for handshakes that read it just before it ended. */
const REMEMBER_MS = 60_000;

/** Each signed-in person's sockets share a room, where their notifications are sent (ADR 035). */
export const userRoom = (userId: string) => `user:${userId}`;

const credentialKey = (c: { kind: string; id: string }) => `${c.kind}:${c.id}`;

export class SocketSessions implements AccessSink {
  readonly instanceId = randomUUID();
  private version = 0;
  private byCredential = new Map<string, Set<Socket>>();
  private byUser = new Map<string, Set<Socket>>();
  /** Recently ended credentials: key -> version and time of the end. */
  private recent = new Map<string, { version: number; at: number }>();
  private leftRoom: (socket: Socket, boardId: string) => void = () => {};

  constructor(
    readonly crossProcess: boolean,
    private readonly room: (boardId: string) => string,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Called when a cut took a socket out of a board's room (the presence count changes). */
  onLeftRoom(fn: (socket: Socket, boardId: string) => void) {
    this.leftRoom = fn;
  }

  /** Take before reading access (authentication, membership); compare after with the checks below. */
  stamp(): number {
    return this.version;
  }

  /**
   * Sets up a new socket's data with what its handshake authenticated, read after `stamp` was taken. A
   * credential that ended since then leaves the socket anonymous.
   */
  register(socket: Socket, identity: { actor: Actor; credential: Credential } | null, stamp: number) {
    const data = socket.data as SocketData;
    data.joins = new Map();
    data.rooms = new Map();
    data.cutAt = { identity: 0, boards: new Map() };
    const ended = identity ? this.recent.get(credentialKey(identity.credential)) : undefined;
    if (!identity || (ended && ended.version > stamp)) {
      data.actor = null;
      data.credential = null;
      return;
    }
    data.actor = identity.actor;
    data.credential = identity.credential;
    add(this.byCredential, credentialKey(identity.credential), socket);
    add(this.byUser, identity.actor.userId, socket);
    void socket.join(userRoom(identity.actor.userId));
  }

  unregister(socket: Socket) {
    const data = socket.data as SocketData;
    if (data.credential) remove(this.byCredential, credentialKey(data.credential), socket);
    if (data.actor) remove(this.byUser, data.actor.userId, socket);
  }

  joined(socket: Socket, boardId: string, board: JoinedBoard) {
    (socket.data as SocketData).rooms.set(boardId, board);
  }

  left(socket: Socket, boardId: string) {
    (socket.data as SocketData).rooms.delete(boardId);
  }

  /** Whether the access a join of `boardId` read after `stamp` may have ended since. */
  endedSince(socket: Socket, boardId: string, stamp: number): boolean {
    const { cutAt } = socket.data as SocketData;
    return cutAt.identity > stamp || (cutAt.boards.get(boardId) ?? 0) > stamp;
  }

  /**
   * After this instance may have missed notifications (a lost LISTEN connection): asks `find` which of
   * the credentials and members-only memberships its sockets rely on have ended, and ends those here.
   */
  async resync(
    find: (credentials: Credential[], memberships: Array<{ boardId: string; userId: string }>) => Promise<AccessEnd[]>,
  ): Promise<void> {
    const credentials = new Map<string, Credential>();
    const memberships = new Map<string, { boardId: string; userId: string }>();
    for (const set of this.byCredential.values()) {
      for (const socket of set) {
        const data = socket.data as SocketData;
        if (data.credential) credentials.set(credentialKey(data.credential), data.credential);
        for (const [boardId, board] of data.rooms) {
          if (board.visibility === "members" && data.actor) memberships.set(`${boardId}:${data.actor.userId}`, { boardId, userId: data.actor.userId });
        }
      }
    }
    if (credentials.size === 0 && memberships.size === 0) return;
    for (const e of await find([...credentials.values()], [...memberships.values()])) this.ended(e);
  }

  /**
   * An end announced by any instance (NOTIFY payload). This instance's own were handled right after
   * their commit, after the commit's events went out, so the person saw the event that ended their
   * access; handling them again here could come first. Malformed payloads are ignored.
   */
  received(payload: string) {
    const n = parseAccessEnd(payload);
    if (!n) log.warn({ payload: payload.slice(0, 200) }, "ignored a malformed access-ended notification");
    else if (n.from !== this.instanceId) this.ended(n.end);
  }

  ended(e: AccessEnd) {
    const version = ++this.version;
    if (e.kind === "membership") {
      for (const socket of [...(this.byUser.get(e.userId) ?? [])]) {
        (socket.data as SocketData).cutAt.boards.set(e.boardId, version);
        const board = (socket.data as SocketData).rooms.get(e.boardId);
        if (board?.visibility === "members") this.cut(socket, e.boardId, board, "membership-ended");
      }
      return;
    }
    const key = credentialKey(e);
    this.remember(key, version);
    for (const socket of [...(this.byCredential.get(key) ?? [])]) {
      this.demote(socket, version, e.kind === "session" ? "signed-out" : "token-revoked");
    }
  }

  /** The socket reads on as an anonymous visitor: public boards stay, members-only boards end. */
  private demote(socket: Socket, version: number, reason: RevokedReason) {
    this.unregister(socket);
    const data = socket.data as SocketData;
    // Signed out: the person's notifications stop reaching this socket at once.
    if (data.actor) void socket.leave(userRoom(data.actor.userId));
    data.actor = null;
    data.credential = null;
    data.cutAt.identity = version;
    for (const [boardId, board] of [...data.rooms]) if (board.visibility === "members") this.cut(socket, boardId, board, reason);
  }

  private cut(socket: Socket, boardId: string, board: JoinedBoard, reason: RevokedReason) {
    const data = socket.data as SocketData;
    data.rooms.delete(boardId);
    data.joins.delete(boardId);
    void socket.leave(this.room(boardId));
    socket.emit(RT.REVOKED, { board: board.slug, reason });
    this.leftRoom(socket, boardId);
  }

  private remember(key: string, version: number) {
    const now = this.clock();
    for (const [k, v] of this.recent) {
      if (now - v.at <= REMEMBER_MS) break; // insertion order is time order
      this.recent.delete(k);
    }
    this.recent.delete(key);
    this.recent.set(key, { version, at: now });
  }
}

function add(index: Map<string, Set<Socket>>, key: string, socket: Socket) {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(socket);
}

function remove(index: Map<string, Set<Socket>>, key: string, socket: Socket) {
  const set = index.get(key);
  if (!set) return;
  set.delete(socket);
  if (set.size === 0) index.delete(key);
}
