// Tamper evidence for the ledger (ADR 021): each event's hash is SHA-256 over a canonical text of its
// content and the previous event's hash, so changing, removing or reordering any recorded event breaks
// the chain from that event on, and `verify` names the first broken link.
//
// The canonical text is JSON.stringify of one array (ECMAScript fixes its output exactly), in this order:
//   "stigmergy-ledger/1", id, boardId, seq, action, resourceSpecId, quantity, unit, providerId,
//   receiverId, location, toLocation, occurredAt, recordedAt, recordedById, note, claimId, correctsId,
//   previousHash
// - ids: lower-case UUID text (PostgreSQL prints them so; a client may send upper case);
// - seq: a JSON integer; quantity: a string with exactly three decimals ("12.500"), as DECIMAL(14,3) holds;
// - location: null, or [name or null, lat, lng] with lat/lng as JSON numbers (the shortest text that reads
//   back as the same double, which is what a DOUBLE PRECISION column gives back);
// - dates: ISO 8601 in UTC with milliseconds ("2026-11-27T10:00:00.000Z"), TIMESTAMP(3)'s precision;
// - absent optional values: null; text exactly as stored (no trimming or normalisation here).
import { createHash } from "node:crypto";
import type { EconomicAction, LedgerLocation } from "./ledger-actions";
import { toThousandths } from "./quantity";

/** What the first event of a board's ledger links back to. */
export const GENESIS_HASH = "0".repeat(64);

const FORMAT = "stigmergy-ledger/1";

/** Everything about an event that the hash covers (everything it stores but the hash itself). */
export interface ChainedEvent {
  id: string;
  boardId: string;
  seq: number;
  action: EconomicAction;
  resourceSpecId: string;
  quantity: number;
  unit: string;
  providerId: string;
  receiverId: string;
  location: LedgerLocation | null;
  toLocation: LedgerLocation | null;
  occurredAt: Date;
  recordedAt: Date;
  recordedById: string | null;
  note: string | null;
  claimId: string | null;
  correctsId: string | null;
  previousHash: string;
}

export interface StoredChainedEvent extends ChainedEvent {
  hash: string;
}

const id = (v: string) => v.toLowerCase();
const optionalId = (v: string | null) => (v === null ? null : id(v));
const place = (l: LedgerLocation | null) => (l === null ? null : [l.name, l.lat, l.lng]);

/** "12.500": exactly three decimals, from integer thousandths so no binary noise reaches the text. */
export function canonicalQuantity(q: number): string {
  const t = toThousandths(q);
  const sign = t < 0 ? "-" : "";
  const abs = Math.abs(t);
  return `${sign}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, "0")}`;
}

export function canonicalText(e: ChainedEvent): string {
  return JSON.stringify([
    FORMAT,
    id(e.id),
    id(e.boardId),
    e.seq,
    e.action,
    id(e.resourceSpecId),
    canonicalQuantity(e.quantity),
    e.unit,
    id(e.providerId),
    id(e.receiverId),
    place(e.location),
    place(e.toLocation),
    e.occurredAt.toISOString(),
    e.recordedAt.toISOString(),
    optionalId(e.recordedById),
    e.note,
    optionalId(e.claimId),
    optionalId(e.correctsId),
    e.previousHash,
  ]);
}

export function eventHash(e: ChainedEvent): string {
  return createHash("sha256").update(canonicalText(e), "utf8").digest("hex");
}

export type BrokenReason =
  /** The row's content (or its stored hash) does not hash to its stored hash: the row was changed. */
  | "content"
  /** The row does not link to the previous row's hash: a row before it was changed, removed or swapped. */
  | "previous-hash"
  /** Sequence numbers are not 1, 2, 3…: rows were removed (or added) here. */
  | "sequence"
  /** The ledger's recorded head (last seq and hash) does not match its last row: rows at the end were removed or rewritten. */
  | "head";

export interface BrokenLink {
  seq: number;
  eventId: string | null;
  reason: BrokenReason;
}

export interface VerifyResult {
  ok: boolean;
  count: number;
  headHash: string;
  brokenAt?: BrokenLink;
}

/**
 * Walks a chain one event at a time (so a caller can stream rows in pages, in seq order) and stops at the
 * first broken link. `finish` compares the end with the head the ledger recorded at its last append.
 */
export function createChainVerifier() {
  let expectedSeq = 1;
  let previous = GENESIS_HASH;
  let count = 0;
  let broken: BrokenLink | undefined;
  return {
    /** false once a broken link is found: the caller can stop reading. */
    push(row: StoredChainedEvent): boolean {
      if (broken) return false;
      const at = (reason: BrokenReason, seq = row.seq): false => {
        broken = { seq, eventId: row.id, reason };
        return false;
      };
      // The link that breaks is the one expected next: name its seq and the row found in its place.
      if (row.seq !== expectedSeq) return at("sequence", expectedSeq);
      if (row.previousHash !== previous) return at("previous-hash");
      if (eventHash(row) !== row.hash) return at("content");
      count++;
      expectedSeq++;
      previous = row.hash;
      return true;
    },
    finish(head: LedgerHeadRecord | null): VerifyResult {
      return verdict({ count, headHash: previous, broken }, head);
    },
  };
}

/** What the ledger recorded at its last append (ledger_heads). */
export interface LedgerHeadRecord {
  lastSeq: number;
  headHash: string;
}

/**
 * The answer of a walk that checked `count` rows up to `headHash` and found `broken` (or nothing): with no
 * broken row, the end must be the head the ledger recorded, or rows at the end were removed or rewritten.
 */
export function verdict(walk: { count: number; headHash: string; broken?: BrokenLink }, head: LedgerHeadRecord | null): VerifyResult {
  const { count, headHash } = walk;
  let broken = walk.broken;
  const recorded = head ?? { lastSeq: 0, headHash: GENESIS_HASH };
  if (!broken && (recorded.lastSeq !== count || recorded.headHash !== headHash)) {
    // Fewer rows than the head says: the first missing one is where the chain breaks; otherwise the
    // last row is not the one the head recorded.
    broken =
      recorded.lastSeq > count
        ? { seq: count + 1, eventId: null, reason: "head" }
        : { seq: Math.max(count, 1), eventId: null, reason: "head" };
  }
  return { ok: !broken, count, headHash, ...(broken ? { brokenAt: broken } : {}) };
}

/** Hashes events into a chain from `previousHash` (the service does the same, one append at a time). */
export function chain<T extends Omit<ChainedEvent, "previousHash">>(events: T[], previousHash = GENESIS_HASH) {
  const out: Array<T & { previousHash: string; hash: string }> = [];
  let prev = previousHash;
  for (const e of events) {
    const withPrev = { ...e, previousHash: prev };
    const hash = eventHash(withPrev);
    out.push({ ...withPrev, hash });
    prev = hash;
  }
  return out;
}
