// The dates a signal and a claim may carry, in one rule for creating and editing alike:
// - Requests (need, order) have a due date; offers (capacity, stock) an availability window. A date of
//   the other side is refused rather than dropped, so a machine client learns it sent something
//   meaningless instead of finding it silently gone.
// - A deadline in the past (a due date, the end of availability, a claim's promised date) is refused:
//   "due in 2020" is a typo, and it would make the signal look like the most pressing one on the board.
//   A start of availability in the past is fine: it means "available since".
// - An availability window ends after it starts; on an edit the window is checked as it will be stored.
// `now` is passed in (the service's clock), so the rule is the same in tests with a frozen clock. The
// answer is a map of field problems, so a form can show them next to its fields before sending.
import { throwIfProblems, type FieldProblems } from "./errors";
import { isRequestKind, type SignalKind } from "./signal-rules";

/** Dates as given: undefined = not given, null = cleared (an edit). */
export interface SignalDates {
  dueAt?: Date | null;
  availableFrom?: Date | null;
  availableUntil?: Date | null;
}

export const PAST_PROBLEM = "Must not be in the past";
const OFFER_HAS_NO_DUE_DATE = "Offers (capacity, stock) have no due date; use availableUntil";
const REQUEST_HAS_NO_WINDOW = "Requests (need, order) have no availability window; use dueAt";
const WINDOW_PROBLEM = "Must be after availableFrom";

const isPast = (d: Date, now: Date) => d.getTime() < now.getTime();

function add(problems: FieldProblems, field: string, problem: string) {
  (problems[field] ??= []).push(problem);
}

/**
 * What is wrong with the dates a create or an edit gives a signal of this kind; {} when nothing is.
 * `stored` is the signal's current dates on an edit, so that moving one end of the window is checked
 * against the other end as stored.
 */
export function signalDateProblems(args: { kind: SignalKind; given: SignalDates; stored?: SignalDates; now: Date }): FieldProblems {
  const { kind, given, now } = args;
  const problems: FieldProblems = {};
  if (isRequestKind(kind)) {
    if (given.availableFrom) add(problems, "availableFrom", REQUEST_HAS_NO_WINDOW);
    if (given.availableUntil) add(problems, "availableUntil", REQUEST_HAS_NO_WINDOW);
    if (given.dueAt && isPast(given.dueAt, now)) add(problems, "dueAt", PAST_PROBLEM);
    return problems;
  }
  if (given.dueAt) add(problems, "dueAt", OFFER_HAS_NO_DUE_DATE);
  if (given.availableUntil && isPast(given.availableUntil, now)) add(problems, "availableUntil", PAST_PROBLEM);
  const from = given.availableFrom === undefined ? args.stored?.availableFrom : given.availableFrom;
  const until = given.availableUntil === undefined ? args.stored?.availableUntil : given.availableUntil;
  if (from && until && until.getTime() <= from.getTime() && !problems.availableUntil) {
    add(problems, "availableUntil", WINDOW_PROBLEM);
  }
  return problems;
}

/** A claim's promised date, like any deadline, must not lie in the past. */
export function promisedAtProblems(promisedAt: Date | null | undefined, now: Date): FieldProblems {
  return promisedAt && isPast(promisedAt, now) ? { promisedAt: [PAST_PROBLEM] } : {};
}

export function checkSignalDates(args: Parameters<typeof signalDateProblems>[0]): void {
  throwIfProblems(signalDateProblems(args));
}
