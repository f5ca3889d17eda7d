// The one realtime contract between the server and every client (browser or machine). Versioned: a
// breaking change bumps PROTOCOL_VERSION and keeps the old names working until clients move.
import type { BoardEventDto } from "../domain/dto";
import { boardJoinSchema, type BoardJoinInput } from "../domain/schemas";

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
} as const;

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

export type BoardEventPayload = BoardEventDto;

export interface ServerToClientEvents {
  "board:event": (event: BoardEventPayload) => void;
  "board:presence": (p: PresencePayload) => void;
}

export interface ClientToServerEvents {
  "board:join": (p: JoinPayload, ack: (a: JoinAck) => void) => void;
  "board:leave": (p: { slug: string }) => void;
}
