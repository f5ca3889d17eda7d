// Socket.IO on the app's own port. `board:join {slug, afterSeq}` replays the log after afterSeq, then adds
// the socket to the board's room. The last replay check and the room join happen in one synchronous step,
// so no event can fall between replay and live delivery, and none is sent twice: exactly once per join.
import type { Server, Socket } from "socket.io";
import { parse as parseCookie } from "cookie";
import type { ServiceContext } from "../services/context";
import { identify } from "../services/authenticate";
import { loadReadableBoard } from "../services/access";
import { readEvents } from "../services/event-log";
import { isDomainError } from "../domain/errors";
import { SESSION_COOKIE } from "../http/cookies";
import type { BoardStreams } from "./board-streams";
import { BoardPresence } from "./presence";
import type { SocketData, SocketSessions } from "./socket-sessions";
import { PROTOCOL_VERSION, RT, joinPayloadSchema, type JoinAck } from "../domain/realtime-contract";
import { log } from "../log";

const REPLAY_PAGE = 1000;

/**
 * Wires `board:join`/`board:leave` and presence. `publishPresence` reaches the other instances on one
 * PostgreSQL (null on the embedded database); the returned presence takes their counts in. `sessions`
 * ends what a socket receives when the access it joined with ends (socket-sessions.ts).
 */
export function attachSocketHandlers(
  io: Server,
  ctx: ServiceContext,
  streams: BoardStreams,
  sessions: SocketSessions,
  publishPresence: ((payload: string) => Promise<void>) | null,
): BoardPresence {
  const presence = new BoardPresence((boardId, viewers) => {
    const s = streams.get(boardId);
    if (s) io.to(streams.room(boardId)).emit(RT.PRESENCE, { board: s.slug, viewers });
  }, publishPresence);

  sessions.onLeftRoom((_, boardId) => setImmediate(() => sendPresence(boardId)));

  io.use(async (socket, next) => {
    const stamp = sessions.stamp();
    let identity: Awaited<ReturnType<typeof identify>> = null;
    try {
      const cookies = parseCookie(socket.handshake.headers.cookie ?? "");
      const auth = socket.handshake.auth as { token?: unknown } | undefined;
      identity = await identify(ctx, {
        sessionSecret: cookies[SESSION_COOKIE] ?? null,
        bearerToken: typeof auth?.token === "string" ? auth.token : null,
      });
    } catch (err) {
      log.warn({ err }, "socket authentication failed");
    }
    sessions.register(socket, identity, stamp);
    next();
  });

  io.on("connection", (socket: Socket) => {
    socket.on(RT.JOIN, async (payload: unknown, maybeAck: unknown) => {
      const ack = typeof maybeAck === "function" ? (maybeAck as (a: JoinAck) => void) : () => {};
      try {
        ack(await join(socket, payload));
      } catch (err) {
        if (isDomainError(err)) return ack({ ok: false, error: { code: err.code, message: err.message } });
        log.error({ err }, "board:join failed");
        ack({ ok: false, error: { code: "INTERNAL", message: "Could not join the board" } });
      }
    });
    socket.on(RT.LEAVE, (payload: unknown) => {
      const slug = (payload as { slug?: unknown } | null)?.slug;
      for (const [boardId, _] of (socket.data as SocketData).joins) {
        const s = streams.get(boardId);
        if (s && s.slug === slug) {
          (socket.data as SocketData).joins.delete(boardId);
          sessions.left(socket, boardId);
          void socket.leave(streams.room(boardId));
          sendPresence(boardId);
        }
      }
    });
    socket.on("disconnecting", () => {
      sessions.unregister(socket);
      for (const boardId of (socket.data as SocketData).joins.keys()) setImmediate(() => sendPresence(boardId));
    });
  });

  /** This instance's viewer count of a board changed (or may have): recount and pass it on. */
  function sendPresence(boardId: string) {
    presence.setLocal(boardId, io.sockets.adapter.rooms.get(streams.room(boardId))?.size ?? 0);
  }

  async function join(socket: Socket, payload: unknown): Promise<JoinAck> {
    const parsed = joinPayloadSchema.safeParse(payload);
    if (!parsed.success) {
      return { ok: false, error: { code: "VALIDATION_FAILED", message: "board:join needs {slug, afterSeq?}" } };
    }
    const data = socket.data as SocketData;
    const stamp = sessions.stamp();
    const board = streams.knownPublicBoard(parsed.data.slug) ?? (await loadReadableBoard(ctx.prisma, parsed.data.slug, data.actor)).board;
    const generation = (data.joins.get(board.id) ?? 0) + 1;
    data.joins.set(board.id, generation);
    sessions.left(socket, board.id);
    // Held until the socket is in the room, so the stream cannot be evicted between replay and live.
    const stream = await streams.acquire(board);
    try {
      const room = streams.room(board.id);
      await socket.leave(room);
      let cursor = Math.min(parsed.data.afterSeq ?? stream.lastSeq, stream.lastSeq);
      let replayed = 0;
      while (cursor < stream.lastSeq) {
        const events = await readEvents(ctx.prisma, board, cursor, REPLAY_PAGE, stream.lastSeq);
        if (data.joins.get(board.id) !== generation || socket.disconnected) {
          return { ok: false, error: { code: "SUPERSEDED", message: "A newer join of this board replaced this one" } };
        }
        if (events.length === 0) break;
        for (const e of events) socket.emit(RT.EVENT, e);
        cursor = events[events.length - 1]!.seq;
        replayed += events.length;
      }
      if (data.joins.get(board.id) !== generation || socket.disconnected) {
        return { ok: false, error: { code: "SUPERSEDED", message: "A newer join of this board replaced this one" } };
      }
      // Access read above may have ended meanwhile (sign-out, revoked token, removal): a members-only
      // board is then not joined; a public one is, as an anonymous reader.
      if (board.visibility === "members" && sessions.endedSince(socket, board.id, stamp)) {
        data.joins.delete(board.id);
        return { ok: false, error: { code: "NOT_FOUND", message: `No board "${parsed.data.slug}"` } };
      }
      // No await between the loop's last check and this join: nothing can be broadcast in between.
      void socket.join(room);
      sessions.joined(socket, board.id, { slug: board.slug, visibility: board.visibility });
      setImmediate(() => sendPresence(board.id));
      return { ok: true, protocol: PROTOCOL_VERSION, board: board.slug, lastSeq: cursor, replayed };
    } finally {
      streams.release(stream);
    }
  }

  return presence;
}
