// Dates as people read them on a board: relative ("due in 3 days") where nearness matters, absolute
// where a precise day matters. `now` is always passed in, so the texts are testable and a component
// can re-render them on a timer.

import { countOf } from "./numbers";

const LOCALE = "en";

const rtf = new Intl.RelativeTimeFormat(LOCALE, { numeric: "auto" });
const dateFmt = new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium" });
const dateTimeFmt = new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium", timeStyle: "short" });

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "in 3 days", "2 hours ago", "tomorrow", "now": the largest unit that reads naturally. */
export function formatRelative(iso: string | Date, now: Date | number): string {
  const t = typeof iso === "string" ? Date.parse(iso) : iso.getTime();
  const n = typeof now === "number" ? now : now.getTime();
  if (!Number.isFinite(t)) return "";
  const diff = t - n;
  const abs = Math.abs(diff);
  if (abs < MINUTE) return "now";
  if (abs < HOUR) return rtf.format(Math.round(diff / MINUTE), "minute");
  if (abs < DAY) return rtf.format(Math.round(diff / HOUR), "hour");
  if (abs < 45 * DAY) return rtf.format(Math.round(diff / DAY), "day");
  if (abs < 365 * DAY) return rtf.format(Math.round(diff / (30 * DAY)), "month");
  return rtf.format(Math.round(diff / (365 * DAY)), "year");
}

export function formatDate(iso: string): string {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? dateFmt.format(t) : "";
}

export function formatDateTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? dateTimeFmt.format(t) : "";
}

/** A request's deadline in words: "due in 3 days", "due today", "overdue by 2 days" stays readable. */
export function dueText(dueAt: string, now: Date | number): string {
  const n = typeof now === "number" ? now : now.getTime();
  const rel = formatRelative(dueAt, n);
  return Date.parse(dueAt) >= n ? `due ${rel}` : `was due ${rel}`;
}

/** An offer's window in words: "available now until in 5 days" reads badly, so each case is spelled out. */
export function availabilityText(from: string | null, until: string | null, now: Date | number): string | null {
  const n = typeof now === "number" ? now : now.getTime();
  const fromT = from ? Date.parse(from) : null;
  const untilT = until ? Date.parse(until) : null;
  if (untilT !== null && untilT < n) return `availability ended ${formatRelative(until!, n)}`;
  const startsLater = fromT !== null && fromT > n;
  if (startsLater && untilT !== null) return `available from ${formatDate(from!)} to ${formatDate(until!)}`;
  if (startsLater) return `available from ${formatDate(from!)} (${formatRelative(from!, n)})`;
  if (untilT !== null) return `available now, until ${formatDate(until!)} (${formatRelative(until!, n)})`;
  if (fromT !== null) return "available now";
  return null;
}

/**
 * A `<input type="date">` value ("2026-03-01") to an ISO instant in the viewer's timezone: the start
 * of that day for "from" dates, its last minute for deadlines and "until" dates, so that "due on the
 * 1st" still counts as not overdue during the 1st.
 */
export function dateInputToIso(value: string, edge: "start" | "end"): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const date = edge === "start" ? new Date(y, mo, d, 0, 0, 0, 0) : new Date(y, mo, d, 23, 59, 0, 0);
  if (date.getFullYear() !== y || date.getMonth() !== mo || date.getDate() !== d) return undefined;
  return date.toISOString();
}

/** An ISO instant to the `<input type="date">` value of its day in the viewer's timezone. */
export function isoToDateInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const t = new Date(iso);
  if (!Number.isFinite(t.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`;
}

/** "3 hours", "2 days": a duration in hours as a short phrase. */
export function formatHoursSpan(hours: number): string {
  const h = Math.abs(hours);
  if (h < 1) return "less than an hour";
  if (h < 48) {
    const n = Math.round(h);
    return countOf(n, "hour");
  }
  const d = Math.round(h / 24);
  return `${d} days`;
}
