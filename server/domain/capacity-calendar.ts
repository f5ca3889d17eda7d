// Capacity calendars (ADR 025). A capacity signal may state a rate: at most so much per ISO week over its
// availability window ("200 face shields a week", "30 CNC hours a week"). Claims on it book named weeks,
// and no week may be booked beyond the rate, just as no signal may be claimed beyond its quantity. Weeks
// are ISO 8601 weeks in UTC ("2026-W49", Monday 00:00 UTC onwards), the same for every viewer wherever
// they are, which is what a weekly plan between workshops in different places needs.
import { addWeeks, getISOWeek, getISOWeekYear, parseISO, startOfISOWeek } from "date-fns";
import { utc } from "@date-fns/utc";
import { DomainError, type FieldProblems } from "./errors";
import { compareQty, subQty, sumQty, toThousandths } from "./quantity";

/** An ISO week, "YYYY-Www". */
export type WeekKey = string;

/** The longest window a rate may span: two years of weeks keeps every calendar small enough to show. */
export const MAX_CALENDAR_WEEKS = 104;

export const WEEK_KEY = /^\d{4}-W\d{2}$/;

export interface Rate {
  quantity: number;
  period: "week";
}

export interface Booking {
  week: WeekKey;
  quantity: number;
}

export interface CalendarWeek {
  week: WeekKey;
  /** Monday 00:00 UTC. */
  startsAt: string;
  capacity: number;
  booked: number;
  free: number;
}

export function weekKeyOf(d: Date): WeekKey {
  const week = getISOWeek(d, { in: utc });
  return `${getISOWeekYear(d, { in: utc })}-W${String(week).padStart(2, "0")}`;
}

/** Monday 00:00 UTC of the week, or null for a key that names no week ("2026-W54", "2025-W53"). */
export function weekStart(key: string): Date | null {
  if (!WEEK_KEY.test(key)) return null;
  const d = parseISO(key, { in: utc });
  if (Number.isNaN(d.getTime()) || weekKeyOf(d) !== key) return null;
  return new Date(d.getTime());
}

/** The weeks that overlap [from, until), in order. */
export function weeksOverlapping(from: Date, until: Date): WeekKey[] {
  const weeks: WeekKey[] = [];
  for (let d = startOfISOWeek(from, { in: utc }); d.getTime() < until.getTime(); d = addWeeks(d, 1, { in: utc })) {
    weeks.push(weekKeyOf(d));
    if (weeks.length > MAX_CALENDAR_WEEKS) break;
  }
  return weeks;
}

/** Problems with a rate on a signal being published (or their absence). */
export function rateProblems(args: {
  kind: string;
  rate: Rate | null | undefined;
  availableFrom: Date | null | undefined;
  availableUntil: Date | null | undefined;
  now: Date;
}): FieldProblems {
  if (!args.rate) return {};
  if (args.kind !== "capacity") return { rate: ["Only capacity signals have a rate per week"] };
  if (!args.availableUntil) return { availableUntil: ["A rate per week needs the end of availability, so the weeks it covers are known"] };
  const weeks = weeksOverlapping(args.availableFrom ?? args.now, args.availableUntil);
  if (weeks.length > MAX_CALENDAR_WEEKS) return { availableUntil: [`A rate may cover at most ${MAX_CALENDAR_WEEKS} weeks`] };
  return {};
}

/** Each week of a rated signal's window with what live claims booked of it and what is free. */
export function calendarOf(args: {
  rate: Rate;
  availableFrom: Date | null;
  availableUntil: Date;
  createdAt: Date;
  booked: ReadonlyMap<WeekKey, number>;
}): CalendarWeek[] {
  return weeksOverlapping(args.availableFrom ?? args.createdAt, args.availableUntil).map((week) => {
    const booked = args.booked.get(week) ?? 0;
    return {
      week,
      startsAt: weekStart(week)!.toISOString(),
      capacity: args.rate.quantity,
      booked,
      free: Math.max(0, subQty(args.rate.quantity, booked)),
    };
  });
}

/**
 * Checks a claim's bookings against the signal's calendar: each week once, inside the window, not over
 * yet, and within what is free. Throws VALIDATION_FAILED for malformed bookings and OVERBOOKED (409, with
 * the week and what it has free) when a week lacks room, the way an over-claim is refused.
 */
export function checkBookings(args: {
  rate: Rate | null;
  availableFrom: Date | null;
  availableUntil: Date | null;
  createdAt: Date;
  bookings: Booking[] | undefined;
  booked: ReadonlyMap<WeekKey, number>;
  now: Date;
}): void {
  const { rate, bookings } = args;
  if (!rate) {
    if (bookings?.length) throw field("This signal has no rate per week: claim a quantity without bookings");
    return;
  }
  if (!bookings?.length) throw field("This capacity is booked by the week: name the weeks you book and how much in each");
  const window = new Set(weeksOverlapping(args.availableFrom ?? args.createdAt, args.availableUntil!));
  const current = weekKeyOf(args.now);
  const seen = new Set<WeekKey>();
  for (const b of bookings) {
    if (seen.has(b.week)) throw field(`${b.week} is booked twice: give each week once`);
    seen.add(b.week);
    if (!window.has(b.week)) throw field(`${b.week} is outside the weeks this capacity is offered`);
    if (b.week < current) throw field(`${b.week} is over`);
  }
  for (const b of bookings) {
    const free = Math.max(0, subQty(rate.quantity, args.booked.get(b.week) ?? 0));
    if (compareQty(b.quantity, free) > 0) {
      throw new DomainError("OVERBOOKED", `Only ${free} free in ${b.week}`, undefined, { week: b.week, free });
    }
  }
}

/** The booked totals after adding (or, with sign -1, removing) a claim's bookings. */
export function withBookings(booked: ReadonlyMap<WeekKey, number>, bookings: Booking[], sign: 1 | -1 = 1): Map<WeekKey, number> {
  const next = new Map(booked);
  for (const b of bookings) next.set(b.week, sumQty([next.get(b.week) ?? 0, sign * b.quantity]));
  return next;
}

/**
 * A partial release of a booked claim gives back its latest weeks first: the nearest weeks are the ones
 * the maker has planned around. Returns the bookings that remain.
 */
export function trimBookings(bookings: Booking[], released: number): Booking[] {
  let left = toThousandths(released);
  const latestFirst = [...bookings].sort((a, b) => (a.week < b.week ? 1 : -1));
  const kept: Booking[] = [];
  for (const b of latestFirst) {
    const t = toThousandths(b.quantity);
    const cut = Math.min(t, left);
    left -= cut;
    if (t - cut > 0) kept.push({ week: b.week, quantity: (t - cut) / 1000 });
  }
  return kept.sort((a, b) => (a.week < b.week ? -1 : 1));
}

function field(message: string) {
  return new DomainError("VALIDATION_FAILED", message, { bookings: [message] });
}
