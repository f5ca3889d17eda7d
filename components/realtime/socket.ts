// The browser's one Socket.IO client: same origin, path /socket.io, WebSocket first with long-polling
// as the fallback when a proxy or network blocks WebSockets.
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, JoinAck, RT, ServerToClientEvents } from "@/server/domain/realtime-contract";
import type { StreamSocket } from "./board-streams";

export type BoardSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The contract's event names, checked against it at compile time without shipping its zod schemas. */
export const EVENTS = {
  JOIN: "board:join",
  LEAVE: "board:leave",
  EVENT: "board:event",
  PRESENCE: "board:presence",
  REVOKED: "board:revoked",
  NOTIFICATION: "me:notification",
} as const satisfies typeof RT;

const JOIN_ACK_TIMEOUT_MS = 10_000;

let shared: BoardSocket | null = null;

export function getSocket(): BoardSocket {
  shared ??= io({
    path: "/socket.io",
    transports: ["websocket", "polling"],
    // If the WebSocket cannot open at all, try long-polling instead of retrying WebSocket forever.
    tryAllTransports: true,
    withCredentials: true,
  });
  return shared;
}

/**
 * The server identifies a socket by the cookie of its handshake, so after signing in or out the socket
 * connects again; BoardStreams then rejoins every watched board from its last seq.
 */
export function reconnectSocket(): void {
  if (!shared) return;
  shared.disconnect();
  shared.connect();
}

/** Adapts the shared socket.io client to what BoardStreams needs. */
export function streamSocket(socket: BoardSocket = getSocket()): StreamSocket {
  return {
    get connected() {
      return socket.connected;
    },
    onConnect: (fn) => void socket.on("connect", fn),
    onDisconnect: (fn) => {
      socket.on("disconnect", fn);
      // A failed (re)connection attempt: socket.io keeps retrying; meanwhile the board is offline.
      socket.on("connect_error", fn);
    },
    onEvent: (fn) => void socket.on(EVENTS.EVENT, fn),
    onPresence: (fn) => void socket.on(EVENTS.PRESENCE, fn),
    onRevoked: (fn) => void socket.on(EVENTS.REVOKED, fn),
    join: (payload, done) => {
      socket.timeout(JOIN_ACK_TIMEOUT_MS).emit(EVENTS.JOIN, payload, (err: Error | null, ack: JoinAck) => done(err, ack));
    },
    leave: (slug) => void socket.emit(EVENTS.LEAVE, { slug }),
  };
}
