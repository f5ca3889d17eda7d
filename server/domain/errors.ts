// Domain errors are values with stable codes. Rules throw them; the HTTP layer maps them to a status
// and a JSON body in exactly one place (errorStatus + toErrorBody), so a machine client can rely on
// `error.code` and never has to parse a message.
import type { z } from "zod";

export type ErrorCode =
  /** The input did not match its schema; `fields` says which field and why. */
  | "VALIDATION_FAILED"
  /** The request body was not parseable JSON. */
  | "MALFORMED_JSON"
  /** A CSV import had problems; `errors` lists them as `{row, column, message}` (header = row 1) and nothing was written. */
  | "IMPORT_REJECTED"
  /** The request path is not valid percent-encoding (or not a path at all). */
  | "MALFORMED_URL"
  /** The request is not valid HTTP (Node's parser refused its request line or headers). */
  | "MALFORMED_REQUEST"
  /** The request needs a signed-in user or a bearer token and had neither (or an expired one). */
  | "UNAUTHENTICATED"
  /** Email and password did not match an account; deliberately does not say which one was wrong. */
  | "INVALID_CREDENTIALS"
  /** The actor is known but not allowed to do this. */
  | "FORBIDDEN"
  /** The board does not take requests through its public intake form (a steward turned it off, or never on). */
  | "INTAKE_CLOSED"
  /** A browser request from another site (or origin) tried to change something: refused as CSRF. */
  | "CROSS_ORIGIN_REQUEST"
  /** The action needs membership of the board (or organization) and the actor is not a member. */
  | "NOT_A_MEMBER"
  /** The action is for the board's stewards (verifying an organization for the board) and the actor is not one. */
  | "NOT_A_STEWARD"
  /** The thing does not exist, or the actor may not know that it exists. */
  | "NOT_FOUND"
  /** An account with this email already exists. */
  | "EMAIL_TAKEN"
  /** A board with this slug already exists. */
  | "SLUG_TAKEN"
  /** The actor is already a member of this board. */
  | "ALREADY_MEMBER"
  /** The change would leave the board without a steward: make someone else a steward first. */
  | "LAST_STEWARD"
  /** The claim asks for more than the signal has unclaimed; `remaining` says how much is left. */
  | "OVER_CLAIM"
  /** A week of a rated capacity signal has less free than the claim books; `week` and `free` say which and how much. */
  | "OVERBOOKED"
  /** The claim cannot move from its status to the requested one; `allowed` lists what the actor can do. */
  | "INVALID_TRANSITION"
  /** The signal is withdrawn, expired or fulfilled, so it takes no new claims. */
  | "SIGNAL_NOT_OPEN"
  /** The offer's availability window has ended (`availableUntil` says when), so it takes no new claims. */
  | "AVAILABILITY_ENDED"
  /** The owner of a signal cannot claim or reinforce their own signal. */
  | "OWN_SIGNAL"
  /** The intake request was already accepted or rejected (perhaps by another steward a moment ago); `status` says which. */
  | "INTAKE_ALREADY_DECIDED"
  /** The actor has already reinforced this signal; reinforcement counts people, not clicks. */
  | "ALREADY_REINFORCED"
  /** Only the people of a plan line's source (its owner, or members of the organization it speaks for) may answer it. */
  | "NOT_YOUR_LINE"
  /** The planning session was adopted or closed: it takes no more runs, answers or adoption. */
  | "SESSION_NOT_OPEN"
  /** Answers kept arriving while the planner ran, so its result was not stored: run it again. */
  | "SESSION_BUSY"
  /** The session has no accepted or changed lines, so there is nothing to adopt. */
  | "NOTHING_TO_ADOPT"
  /** The board moved on since the lines were accepted (claims, bookings, withdrawals): `lines` lists each offending line and why; nothing was adopted. */
  | "PLAN_STALE"
  /** The new quantity is below what live claims already hold; release claims first. */
  | "QUANTITY_BELOW_CLAIMED"
  /** The event would take more than an organization has on hand at that place (`onHand` says how much); only a correction may. */
  | "INSUFFICIENT_STOCK"
  /** A resource specification cannot be declared a substitute for itself. */
  | "SAME_SPEC"
  /** This substitute is already declared for this resource specification. */
  | "SUBSTITUTE_EXISTS"
  /** Matches are for requests (needs and orders); this signal is an offer (capacity or stock). */
  | "NOT_A_REQUEST"
  /** The person already has the most subscriptions allowed (`max` says how many); delete one first. */
  | "SUBSCRIPTION_LIMIT"
  /** A list cursor is too old, or too much changed since its first page, to page on consistently; start again from the first page. */
  | "CURSOR_EXPIRED"
  /** Too many requests from this client; retry after a pause. */
  | "RATE_LIMITED"
  /** The endpoint exists but does not support this HTTP method. */
  | "METHOD_NOT_ALLOWED"
  /** The request body is larger than the server accepts. */
  | "PAYLOAD_TOO_LARGE"
  /** The request body is not `application/json`. */
  | "UNSUPPORTED_MEDIA_TYPE"
  /** The server has more password checks waiting than it takes on; retry after `retryAfterSeconds`. */
  | "SERVER_BUSY"
  /** The request headers are larger than the server accepts. */
  | "HEADERS_TOO_LARGE"
  /** The request did not arrive completely in time. */
  | "REQUEST_TIMEOUT"
  /** Something failed on our side; the input may well be fine. */
  | "INTERNAL";

export const errorStatus: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  IMPORT_REJECTED: 400,
  MALFORMED_URL: 400,
  MALFORMED_REQUEST: 400,
  SAME_SPEC: 400,
  NOT_A_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  INTAKE_CLOSED: 403,
  NOT_A_MEMBER: 403,
  NOT_A_STEWARD: 403,
  CROSS_ORIGIN_REQUEST: 403,
  // A claim on one's own signal is a permission question (who may act), not a state conflict.
  OWN_SIGNAL: 403,
  NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  SLUG_TAKEN: 409,
  ALREADY_MEMBER: 409,
  LAST_STEWARD: 409,
  OVER_CLAIM: 409,
  OVERBOOKED: 409,
  INVALID_TRANSITION: 409,
  SIGNAL_NOT_OPEN: 409,
  AVAILABILITY_ENDED: 409,
  ALREADY_REINFORCED: 409,
  INTAKE_ALREADY_DECIDED: 409,
  QUANTITY_BELOW_CLAIMED: 409,
  INSUFFICIENT_STOCK: 409,
  SUBSTITUTE_EXISTS: 409,
  SUBSCRIPTION_LIMIT: 409,
  NOT_YOUR_LINE: 403,
  SESSION_NOT_OPEN: 409,
  NOTHING_TO_ADOPT: 409,
  SESSION_BUSY: 409,
  PLAN_STALE: 409,
  METHOD_NOT_ALLOWED: 405,
  CURSOR_EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  HEADERS_TOO_LARGE: 431,
  REQUEST_TIMEOUT: 408,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVER_BUSY: 503,
};

export const ERROR_CODES = Object.keys(errorStatus) as ErrorCode[];

export class DomainError extends Error {
  code: ErrorCode;
  /** Per-field messages, keyed by dotted path ("location.lat"); "_root" for the input as a whole. */
  fields?: Record<string, string[]>;
  /** Merged into the error JSON, e.g. `{remaining: 3}` for OVER_CLAIM. */
  extra?: Record<string, unknown>;

  // Fields are declared rather than written as parameter properties so the file also runs under
  // erasable-syntax-only TypeScript (node --experimental-strip-types).
  constructor(code: ErrorCode, message: string, fields?: Record<string, string[]>, extra?: Record<string, unknown>) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    if (fields !== undefined) this.fields = fields;
    if (extra !== undefined) this.extra = extra;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

export interface ErrorBodyOf {
  error: { code: ErrorCode; message: string; fields?: Record<string, string[]>; [key: string]: unknown };
}

export function toErrorBody(e: DomainError): ErrorBodyOf {
  // `extra` goes first so it can never overwrite the code or message a client relies on.
  const error: ErrorBodyOf["error"] = { ...e.extra, code: e.code, message: e.message };
  // Only the error's own `fields` may appear under that key; an `extra` entry named so is dropped.
  if (e.fields && Object.keys(e.fields).length > 0) error.fields = e.fields;
  else delete error.fields;
  return { error };
}

/** The key a form uses for an issue: "location.lat", "tags.0", or "_root" for the whole input. */
export function issuePathKey(path: ReadonlyArray<PropertyKey>): string {
  return path.length === 0 ? "_root" : path.map((p) => String(p)).join(".");
}

export function fromZodError(err: z.ZodError): DomainError {
  const fields: Record<string, string[]> = {};
  for (const issue of err.issues) {
    const key = issuePathKey(issue.path);
    const list = (fields[key] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return validationError(fields);
}

/** Per-field messages, keyed by dotted path, as rules that can find several problems at once answer them. */
export type FieldProblems = Record<string, string[]>;

/** Throws one VALIDATION_FAILED naming every field with a problem; does nothing when there is none. */
export function throwIfProblems(problems: FieldProblems): void {
  if (Object.keys(problems).length > 0) throw validationError(problems);
}

/** VALIDATION_FAILED for per-field problems, with a message naming the field (or how many there are). */
export function validationError(fields: FieldProblems): DomainError {
  const keys = Object.keys(fields);
  const message =
    keys.length === 0
      ? "Invalid input"
      : keys.length === 1
      ? `Invalid input at ${keys[0]}: ${fields[keys[0]!]![0]}`
      : `Invalid input in ${keys.length} fields: ${keys.join(", ")}`;
  return new DomainError("VALIDATION_FAILED", message, fields);
}
