// Rules about a signal's quantity and status. The status is derived from the numbers rather than
// pushed around by hand, so that every code path (claim, release, lapse, delivery, quantity edit)
// lands on the same answer: call deriveSignalStatus after changing any of them.
import { DomainError } from "./errors";
import { compareQty, hasAtMostThreeDecimals, MAX_QUANTITY, roundQty, subQty } from "./quantity";
import { checkQuantityForUnit, type UnitRule } from "./units";

export type SignalKind = "need" | "capacity" | "stock" | "order";
export const SIGNAL_KINDS = ["need", "capacity", "stock", "order"] as const satisfies readonly SignalKind[];

export type SignalStatus = "open" | "claimed" | "fulfilled" | "withdrawn" | "expired";
export const SIGNAL_STATUSES = [
  "open",
  "claimed",
  "fulfilled",
  "withdrawn",
  "expired",
] as const satisfies readonly SignalStatus[];

/**
 * Requests (need, order) ask for something to be provided; offers (capacity, stock) provide it.
 * Valueflows calls this the proposal's purpose, and it decides who ships and who receives a claim.
 */
export function isRequestKind(kind: SignalKind): boolean {
  return kind === "need" || kind === "order";
}

/** The offer kinds (capacity, stock), for queries that select by kind. */
export const OFFER_KINDS: readonly SignalKind[] = SIGNAL_KINDS.filter((k) => !isRequestKind(k));

/**
 * The date that bounds a signal: when a request is due, or when an offer stops being available. Sorting
 * by "due" and urgency both read it.
 */
export function deadlineOf(s: { kind: SignalKind; dueAt: Date | null; availableUntil: Date | null }): Date | null {
  return isRequestKind(s.kind) ? s.dueAt : s.availableUntil;
}

/**
 * An offer whose availability window has closed offers nothing any more: it takes no claims and the sweep
 * expires it. A request past its due date is different: it is overdue, and may still be worth filling.
 */
export function availabilityHasEnded(s: { kind: SignalKind; availableUntil: Date | null }, now: Date): boolean {
  return !isRequestKind(s.kind) && s.availableUntil !== null && s.availableUntil.getTime() <= now.getTime();
}

/** Statuses an owner or steward set on purpose (or evaporation did); numbers never undo them. */
function isFinal(status: SignalStatus): boolean {
  return status === "withdrawn" || status === "expired";
}

export function deriveSignalStatus(s: {
  status: SignalStatus;
  quantity: number;
  claimedQuantity: number;
  deliveredQuantity: number;
}): SignalStatus {
  if (isFinal(s.status)) return s.status;
  if (compareQty(s.deliveredQuantity, s.quantity) >= 0) return "fulfilled";
  if (compareQty(s.claimedQuantity, s.quantity) >= 0) return "claimed";
  return "open";
}

export function remainingQuantity(s: { quantity: number; claimedQuantity: number }): number {
  const left = subQty(s.quantity, s.claimedQuantity);
  return left > 0 ? left : 0;
}

/** Throws VALIDATION_FAILED on `field` unless q is a positive, bounded quantity with ≤ 3 decimals. */
export function checkQuantityValue(q: number, field = "quantity"): void {
  let problem: string | null = null;
  if (typeof q !== "number" || !Number.isFinite(q)) problem = "Must be a finite number";
  else if (q <= 0) problem = "Must be greater than 0";
  else if (q > MAX_QUANTITY) problem = `Must be at most ${MAX_QUANTITY}`;
  else if (!hasAtMostThreeDecimals(q)) problem = "Must have at most 3 decimal places";
  if (problem) throw new DomainError("VALIDATION_FAILED", `Invalid ${field}: ${problem}`, { [field]: [problem] });
}

/** Throws 409 AVAILABILITY_ENDED (with when it ended) for an offer past its window; `then` says what follows. */
export function checkStillAvailable(s: { kind: SignalKind; availableUntil: Date | null }, now: Date, then: string): void {
  if (availabilityHasEnded(s, now)) {
    throw new DomainError("AVAILABILITY_ENDED", `This offer's availability has ended; ${then}.`, undefined, {
      availableUntil: s.availableUntil!.toISOString(),
    });
  }
}

/**
 * May `quantity` of this signal be claimed now? Who may claim is a permission (canClaimSignal); this is
 * the signal's side. Checked in the same transaction that writes the claim, against the signal row as
 * locked there, so that two makers racing for the last 5 units cannot both get them.
 */
export function checkClaimable(args: {
  signal: { kind: SignalKind; status: SignalStatus; quantity: number; claimedQuantity: number; availableUntil: Date | null };
  spec: UnitRule;
  quantity: number;
  now: Date;
}): void {
  const { signal } = args;
  if (signal.status === "withdrawn" || signal.status === "expired" || signal.status === "fulfilled") {
    throw new DomainError("SIGNAL_NOT_OPEN", `This signal is ${signal.status} and takes no new claims.`, undefined, {
      status: signal.status,
    });
  }
  // Between the end of the window and the next sweep the offer is still "open" in the database, but
  // booking capacity that is no longer there would be a promise nobody can keep.
  checkStillAvailable(signal, args.now, "it takes no new claims");
  checkQuantityValue(args.quantity);
  checkQuantityForUnit(args.quantity, args.spec);
  // A fully claimed signal ("claimed") is not closed: claims may still be released, so the client
  // gets OVER_CLAIM with remaining 0 rather than a status error, and can wait or watch for releases.
  const remaining = remainingQuantity(signal);
  if (compareQty(roundQty(args.quantity), remaining) > 0) {
    throw new DomainError(
      "OVER_CLAIM",
      remaining > 0 ? `Only ${remaining} is left to claim.` : "Nothing is left to claim.",
      undefined,
      { remaining },
    );
  }
}

/**
 * An owner may change the quantity, but not below what live claims already hold: those are promises
 * people are working on, and silently cutting them would break the promise behind their back.
 */
export function checkQuantityEdit(newQuantity: number, claimedQuantity: number, spec: UnitRule): void {
  checkQuantityValue(newQuantity);
  checkQuantityForUnit(newQuantity, spec);
  if (compareQty(newQuantity, claimedQuantity) < 0) {
    throw new DomainError(
      "QUANTITY_BELOW_CLAIMED",
      `Live claims already hold ${roundQty(claimedQuantity)}; the quantity cannot go below that.`,
      { quantity: [`Must be at least ${roundQty(claimedQuantity)} (already claimed)`] },
      { claimedQuantity: roundQty(claimedQuantity) },
    );
  }
}
