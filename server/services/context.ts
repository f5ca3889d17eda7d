// What every use-case receives: the database, the clock, the tunables, and where committed events go.
// Passed in (never imported as globals) so tests and benchmarks can run services against any database.
import type { PrismaClient } from "../db/generated/client";
import type { IntensityConfig } from "../domain/intensity";
import type { BoardEventDto } from "../domain/dto";

export interface EventSink {
  /**
   * Whether other processes share the database and must be told of commits (PostgreSQL NOTIFY). An
   * embedded database has one process, which learns of its own commits through `committed`.
   */
  readonly crossProcess: boolean;
  /** Called after a transaction commits, with the events it appended, in sequence order. */
  committed(boardId: string, events: BoardEventDto[]): void;
}

/** A credential or a membership that has just ended: whatever relied on it must stop (ADR 011). */
export type AccessEnd =
  /** A browser session was signed out; `id` is the session's row id (the hash of its cookie). */
  | { kind: "session"; id: string }
  /** An API token was revoked. */
  | { kind: "token"; id: string }
  /** A person left, or was removed from, a members-only board. */
  | { kind: "membership"; boardId: string; userId: string };

export interface AccessSink {
  /** Whether other processes hold sockets too and must be told (PostgreSQL NOTIFY, sent with the commit). */
  readonly crossProcess: boolean;
  /** Names this process in its notifications, so it can skip its own: it has acted on them already. */
  readonly instanceId: string;
  /** Called after the ending transaction commits: ends what this process's sockets had by that access. */
  ended(e: AccessEnd): void;
}

export interface ServiceContext {
  prisma: PrismaClient;
  now: () => Date;
  intensity: IntensityConfig;
  claimLapseHours: number;
  sessionTtlDays: number;
  limits: AuthLimits;
  events: EventSink;
  access: AccessSink;
}

/** How much password work one client may cause (ADR 010). */
export interface AuthLimits {
  /** Failed sign-ins per email per minute, from any address, before 429. */
  signInPerEmailPerMinute: number;
  /** Failed sign-ins per client address per hour, across every email, before 429. */
  signInPerAddressPerHour: number;
  /** Sign-ups per client address per hour before 429. */
  signUpsPerAddressPerHour: number;
  /** Public intake requests (no account) per client address per hour before 429 (ADR 032). */
  intakePerAddressPerHour: number;
  /** Password hashes computed at once (argon2id takes ~19 MiB each). */
  hashConcurrency: number;
  /** Password hashes allowed to wait for a slot; beyond that 503 SERVER_BUSY. */
  hashQueue: number;
}

/** The signed-in person a request acts for. */
export interface Actor {
  userId: string;
  name: string;
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
