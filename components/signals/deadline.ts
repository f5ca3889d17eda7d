// Where a signal stands against its date, read from the date itself and the viewer's clock (never from
// the heat): a request past its due date is overdue, an offer past its end of availability has ended.
// Shown as a badge so that an overdue need reads as late, not as the hottest thing on the board.
import type { SignalDto } from "@/server/domain/dto";
import { countOf } from "@/components/format/numbers";
import { isRequestKind } from "@/server/domain/signal-rules";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type DeadlineState = { state: "overdue"; text: string } | { state: "ended"; text: string } | null;

/** "Overdue by 3 days", "Overdue by 5 hours", "Overdue by less than an hour". */
export function overdueText(ms: number): string {
  if (ms < HOUR) return "Overdue by less than an hour";
  if (ms < DAY) {
    const h = Math.floor(ms / HOUR);
    return `Overdue by ${countOf(h, "hour")}`;
  }
  const d = Math.floor(ms / DAY);
  return `Overdue by ${countOf(d, "day")}`;
}

export function deadlineState(s: Pick<SignalDto, "kind" | "status" | "dueAt" | "availableUntil">, now: number): DeadlineState {
  if (isRequestKind(s.kind)) {
    // A fulfilled, withdrawn or expired request is no longer waiting for anyone: nothing is late.
    if (s.status !== "open" && s.status !== "claimed") return null;
    const due = s.dueAt ? Date.parse(s.dueAt) : Number.NaN;
    return Number.isFinite(due) && due < now ? { state: "overdue", text: overdueText(now - due) } : null;
  }
  if (s.status === "withdrawn" || s.status === "fulfilled") return null;
  const until = s.availableUntil ? Date.parse(s.availableUntil) : Number.NaN;
  return Number.isFinite(until) && until <= now ? { state: "ended", text: "Availability ended" } : null;
}
