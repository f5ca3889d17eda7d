// The one realtime contract between the server and every client (browser or machine). It lives in the
// pure domain layer because the browser shares it: names, payload types and the join schema, no I/O.
// Versioned: a breaking change bumps PROTOCOL_VERSION and keeps the old names working until clients move.
import type { BoardEventDto } from "./dto";
import { boardJoinSchema, type BoardJoinInput } from "./schemas";

export const PROTOCOL_VERSION = 1;

export const RT = {
  /** client -> server, with acknowledgement: start (or resume) a board's stream after `afterSeq`. */
  JOIN: "board:join",
  /** client -> server: stop a board's stream. */
  LEAVE: "board:leave",
  /** server -> client: one board event, in sequence order, exactly once per join. */
  EVENT: "board:event",
  /** server -> client: how many connections currently watch a board. */
  PRESENCE: "board:presence",
  /**
   * server -> client: this connection no longer receives a members-only board, because the access it
   * joined with ended (sign-out, token revoked, membership ended). Added in protocol 1 without a bump:
   * clients that do not know it simply stop receiving the board's events.
   */
  REVOKED: "board:revoked",
  /**
   * server -> client: a new notification for the signed-in person of this socket (ADR 035). Sent to a
   * per-person room the socket joins at its handshake when signed in, and leaves when signed out. Added in
   * protocol 1 without a bump: clients that do not know it simply ignore it.
   */
  NOTIFICATION: "me:notification",
} as const;

/** One in-app notification: a new need or order that matched one of the person's subscriptions. */
export interface NotificationDto {
  id: string;
  text: string;
  createdAt: string;
  readAt: string | null;
  signal: { id: string; kind: string; title: string; board: { slug: string; name: string } };
}

/** The `board:join` payload: the one schema is the domain's, shared with everything else that names a board. */
export const joinPayloadSchema = boardJoinSchema;
export type JoinPayload = BoardJoinInput;

export type JoinAck =
  | { ok: true; protocol: number; board: string; lastSeq: number; replayed: number }
  | { ok: false; error: { code: string; message: string } };

export interface PresencePayload {
  board: string;
  viewers: number;
}

export type RevokedReason = "signed-out" | "token-revoked" | "membership-ended";

export interface RevokedPayload {
  board: string;
  reason: RevokedReason;
}

export type BoardEventPayload = BoardEventDto;

export interface ServerToClientEvents {
  "board:event": (event: BoardEventPayload) => void;
  "board:presence": (p: PresencePayload) => void;
  "board:revoked": (p: RevokedPayload) => void;
  "me:notification": (n: NotificationDto) => void;
}

export interface ClientToServerEvents {
  "board:join": (p: JoinPayload, ack: (a: JoinAck) => void) => void;
  "board:leave": (p: { slug: string }) => void;
}
