// Who may do what, as tiny pure functions over a Viewer the service builds from the session and the
// board membership. Keeping them pure means each rule is one line to read and one test to check, and
// the UI can ask the same question to decide which buttons to show.
import { DomainError, type ErrorCode } from "./errors";

export interface Viewer {
  /** null for an anonymous reader of a public board. */
  userId: string | null;
  /** The viewer's role on the board in question, or null when not a member. */
  boardRole: "steward" | "member" | null;
  /** Organizations the viewer belongs to (and so may speak for). */
  orgIds: string[];
}

export const anonymousViewer: Viewer = Object.freeze({ userId: null, boardRole: null, orgIds: [] }) as Viewer;

/** Openness is the default; a members-only board exists for when openness would put people at risk. */
export function canReadBoard(v: Viewer, board: { visibility: "public" | "members" }): boolean {
  return board.visibility === "public" || (v.userId !== null && v.boardRole !== null);
}

/** Writing needs membership, because joining is how one accepts the board's covenant. */
export function canWriteBoard(v: Viewer): boolean {
  return v.userId !== null && v.boardRole !== null;
}

/** A signal speaks for its owner, so only the owner (still a member) may change what it says. */
export function canEditSignal(v: Viewer, signal: { ownerId: string }): boolean {
  return canWriteBoard(v) && v.userId === signal.ownerId;
}

/** Stewards may also withdraw, to take down spam or a signal whose owner has vanished; not edit it. */
export function canWithdrawSignal(v: Viewer, signal: { ownerId: string }): boolean {
  return canEditSignal(v, signal) || (canWriteBoard(v) && v.boardRole === "steward");
}

/** Reinforcement is "we need this too" from someone else; the owner saying it again means nothing. */
export function canReinforceSignal(v: Viewer, signal: { ownerId: string }): boolean {
  return canWriteBoard(v) && v.userId !== signal.ownerId;
}

/** Any member but the owner may claim; the quantity and status rules are in checkClaimable. */
export function canClaimSignal(v: Viewer, signal: { ownerId: string }): boolean {
  return canWriteBoard(v) && v.userId !== signal.ownerId;
}

/**
 * Intake requests from the public form hold contact details (personal data) and are unverified: only the
 * board's stewards see them, and they decide whether one becomes a signal (ADR 032).
 */
export function canReviewIntake(v: Viewer): boolean {
  return canWriteBoard(v) && v.boardRole === "steward";
}

/** Speaking for an organization (onBehalfOf) needs membership of it. */
export function canActOnBehalfOf(v: Viewer, orgId: string): boolean {
  return v.userId !== null && v.orgIds.includes(orgId);
}

/**
 * Vouching that an organization is real is done for one board by that board's stewards (ADR 030): they
 * answer for the board's covenant, and stewardship is earned per board, so no one verifies for everyone.
 */
export function canVerifyOrganization(v: Viewer): boolean {
  return canWriteBoard(v) && v.boardRole === "steward";
}

/** Planning sessions are convened, run and adopted by the board's stewards (ADR 036); everyone else answers. */
export function canSteerPlanning(v: Viewer): boolean {
  return canWriteBoard(v) && v.boardRole === "steward";
}

/**
 * A plan line commits its source's supply, so only the source's people answer it: its owner, or a member
 * of the organization it speaks for (ADR 036). The need's people see the line but do not answer for others.
 */
export function canAnswerPlanLine(v: Viewer, source: { ownerId: string; orgId: string | null }): boolean {
  return canWriteBoard(v) && (v.userId === source.ownerId || (source.orgId !== null && v.orgIds.includes(source.orgId)));
}

/** Throws a DomainError (FORBIDDEN unless told otherwise) when ok is false. */
export function assert(ok: boolean, code: ErrorCode = "FORBIDDEN", message = "You are not allowed to do this."): asserts ok {
  if (!ok) throw new DomainError(code, message);
}
