// The claim state machine. Who may move a claim depends on which side of the exchange they are on,
// and that depends on the signal's kind:
//
//   request signals (need, order):   claimer = PROVIDER (makes and ships),   owner = RECEIVER
//   offer signals (capacity, stock): owner   = PROVIDER (the capacity/stock), claimer = RECEIVER
//                                    (claiming an offer books the capacity or reserves the stock)
//
//   from          to           by        why
//   claimed       in_progress  provider  work has started
//   claimed       shipped      provider  stock on hand needs no production step
//   in_progress   shipped      provider
//   shipped       delivered    receiver  the receiver saw it arrive
//   claimed       delivered    receiver  handed over in person, no shipping step
//   in_progress   delivered    receiver
//   claimed       released     claimer   the claimer takes the promise back (all or part)
//   in_progress   released     claimer
//   claimed       lapsed       system    no progress in time (lapseClaim, never transitionClaim)
//   in_progress   lapsed       system
//
// Only the receiver confirms delivery, because a delivery the provider declares for itself is not
// evidence that anything arrived. Only the claimer releases, because the claim is their promise;
// once shipped, goods are in transit and the promise can no longer be taken back, only received.
import { DomainError } from "./errors";
import { compareQty, roundQty, subQty } from "./quantity";
import { checkQuantityValue, isRequestKind, type SignalKind } from "./signal-rules";
import { checkQuantityForUnit, type UnitRule } from "./units";

export type { SignalKind } from "./signal-rules";

export type ClaimStatus = "claimed" | "in_progress" | "shipped" | "delivered" | "released" | "lapsed";
export const CLAIM_STATUSES = [
  "claimed",
  "in_progress",
  "shipped",
  "delivered",
  "released",
  "lapsed",
] as const satisfies readonly ClaimStatus[];

/** Claims that count against the signal's quantity. Delivered counts: it was given, not returned. */
export const LIVE_CLAIM_STATUSES = [
  "claimed",
  "in_progress",
  "shipped",
  "delivered",
] as const satisfies readonly ClaimStatus[];

export type ClaimActorRole = "provider" | "receiver" | "claimer" | "other";

export function isLive(status: ClaimStatus): boolean {
  return (LIVE_CLAIM_STATUSES as readonly ClaimStatus[]).includes(status);
}

/** Statuses from which nothing can move: the claim's story is over. */
export function isTerminal(status: ClaimStatus): boolean {
  return status === "delivered" || status === "released" || status === "lapsed";
}

/** Only promises not yet acted on can lapse; shipped goods are on their way and wait for the receiver. */
function canLapse(status: ClaimStatus): boolean {
  return status === "claimed" || status === "in_progress";
}

const TABLE: Readonly<Record<ClaimStatus, ReadonlyArray<{ to: ClaimStatus; by: ClaimActorRole }>>> = {
  claimed: [
    { to: "in_progress", by: "provider" },
    { to: "shipped", by: "provider" },
    { to: "delivered", by: "receiver" },
    { to: "released", by: "claimer" },
  ],
  in_progress: [
    { to: "shipped", by: "provider" },
    { to: "delivered", by: "receiver" },
    { to: "released", by: "claimer" },
  ],
  shipped: [{ to: "delivered", by: "receiver" }],
  delivered: [],
  released: [],
  lapsed: [],
};

export interface ClaimParties {
  kind: SignalKind;
  claim: { status: ClaimStatus; quantity: number; claimerId: string };
  signalOwnerId: string;
  actorId: string;
}

/** Every role the actor plays on this claim; ["other"] when none. */
export function claimActorRoles(args: ClaimParties): ClaimActorRole[] {
  const { kind, claim, signalOwnerId, actorId } = args;
  const providerId = isRequestKind(kind) ? claim.claimerId : signalOwnerId;
  const receiverId = isRequestKind(kind) ? signalOwnerId : claim.claimerId;
  const roles: ClaimActorRole[] = [];
  if (actorId === providerId) roles.push("provider");
  if (actorId === receiverId) roles.push("receiver");
  if (actorId === claim.claimerId) roles.push("claimer");
  return roles.length > 0 ? roles : ["other"];
}

/** What this actor may move the claim to now; the UI shows one button per entry. */
export function allowedTransitions(args: ClaimParties): ClaimStatus[] {
  const roles = claimActorRoles(args);
  return TABLE[args.claim.status].filter((edge) => roles.includes(edge.by)).map((edge) => edge.to);
}

export interface TransitionResult {
  status: ClaimStatus;
  /** The claim's quantity afterwards: lower after a partial release, unchanged otherwise. */
  quantity: number;
  /** Quantity that goes back to the signal (subtract it from claimedQuantity). */
  returned: number;
  /** Quantity newly delivered (add it to deliveredQuantity). */
  delivered: number;
}

/** `spec` is the signal's resource: a partial release of a counted unit must be a whole number too. */
export function transitionClaim(args: ClaimParties & { to: ClaimStatus; quantity?: number; spec: UnitRule }): TransitionResult {
  const { claim, to } = args;
  const from = claim.status;

  // Shape first: a quantity on anything but a release is a malformed request whatever the state.
  if (args.quantity !== undefined && to !== "released") {
    const problem = "Only allowed when releasing (to: released)";
    throw new DomainError("VALIDATION_FAILED", `Invalid quantity: ${problem}`, { quantity: [problem] });
  }

  const allowed = allowedTransitions(args);
  const roles = claimActorRoles(args);
  const invalid = () =>
    new DomainError("INVALID_TRANSITION", `A claim cannot go from ${from} to ${to}.`, undefined, { from, to, allowed });

  // Lapsing is the system's judgement that a promise went quiet; letting a person do it would let
  // the receiver cancel someone's claim without that person's say.
  if (to === "lapsed") throw invalid();
  // Someone who is neither side of the exchange has no say in it, whatever state it is in.
  if (roles.includes("other")) {
    throw new DomainError("FORBIDDEN", "Only the claimer and the signal's owner can move this claim.", undefined, {
      from,
      to,
      allowed,
    });
  }
  if (!allowed.includes(to)) {
    const edgeExists = TABLE[from].some((edge) => edge.to === to);
    if (!edgeExists) throw invalid();
    const who = TABLE[from].find((edge) => edge.to === to)!.by;
    throw new DomainError("FORBIDDEN", `Only the ${who} can move this claim from ${from} to ${to}.`, undefined, {
      from,
      to,
      allowed,
    });
  }

  if (to === "released") {
    if (args.quantity !== undefined) {
      checkQuantityValue(args.quantity);
      checkQuantityForUnit(args.quantity, args.spec);
    }
    if (args.quantity === undefined || compareQty(args.quantity, claim.quantity) === 0) {
      return { status: "released", quantity: roundQty(claim.quantity), returned: roundQty(claim.quantity), delivered: 0 };
    }
    if (compareQty(args.quantity, claim.quantity) > 0) {
      const problem = `Must be at most the claim's quantity (${roundQty(claim.quantity)})`;
      throw new DomainError("VALIDATION_FAILED", `Invalid quantity: ${problem}`, { quantity: [problem] });
    }
    // A partial release keeps the rest of the promise alive in its current state.
    const released = roundQty(args.quantity);
    return { status: from, quantity: subQty(claim.quantity, released), returned: released, delivered: 0 };
  }

  if (to === "delivered") {
    return { status: "delivered", quantity: roundQty(claim.quantity), returned: 0, delivered: roundQty(claim.quantity) };
  }
  return { status: to, quantity: roundQty(claim.quantity), returned: 0, delivered: 0 };
}

/** The system lapses a claim that showed no progress in time; its whole quantity returns to the signal. */
export function lapseClaim(claim: { status: ClaimStatus; quantity: number }): { status: "lapsed"; returned: number } {
  if (!canLapse(claim.status)) {
    throw new DomainError("INVALID_TRANSITION", `A ${claim.status} claim cannot lapse.`, undefined, {
      from: claim.status,
      to: "lapsed",
      allowed: [],
    });
  }
  return { status: "lapsed", returned: roundQty(claim.quantity) };
}

/**
 * True when a claimed/in_progress claim has had no progress for at least `lapseAfterHours`. Shipped
 * claims never go stale here: the goods left, and waiting on the receiver is not the claimer's fault.
 */
export function claimIsStale(claim: { status: ClaimStatus; lastProgressAt: Date }, now: Date, lapseAfterHours: number): boolean {
  if (!canLapse(claim.status)) return false;
  return now.getTime() - claim.lastProgressAt.getTime() >= lapseAfterHours * 3_600_000;
}
