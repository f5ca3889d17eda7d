// A rated capacity signal's weeks (capacity calendars, ADR 025): a one-line summary on cards, and a table
// of every week with booked against free on the signal's page. Weeks are ISO weeks in UTC, so the dates
// are shown in UTC too: a week is the same week for every workshop in the network.
import { formatQuantity } from "@/components/format/numbers";
import type { CalendarWeekDto, SignalDto } from "@/server/domain/dto";

type Rated = Pick<SignalDto, "rate" | "calendar" | "unit">;

const dayMonth = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/** "Week 49 (from 30 Nov)". */
export function weekLabel(w: Pick<CalendarWeekDto, "week" | "startsAt">): string {
  return `Week ${Number(w.week.slice(6))} (from ${dayMonth.format(new Date(w.startsAt))})`;
}

/** "200 each a week · this week 50 free, next week 200 free". */
export function rateSummary(s: Rated): string | null {
  if (!s.rate || !s.calendar) return null;
  const [thisWeek, nextWeek] = s.calendar;
  const free = [thisWeek && `this week ${formatQuantity(thisWeek.free)} free`, nextWeek && `next week ${formatQuantity(nextWeek.free)} free`];
  return [`${formatQuantity(s.rate.quantity)} ${s.unit} a week`, free.filter(Boolean).join(", ")].filter(Boolean).join(" · ");
}

export function RateSummary({ signal }: { signal: Rated }) {
  const text = rateSummary(signal);
  return text ? (
    <p className="text-sm text-stone-700" data-testid="rate-summary">
      {text}
    </p>
  ) : null;
}

export function CapacityCalendar({ signal: s }: { signal: Rated }) {
  if (!s.rate || !s.calendar) return null;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="capacity-calendar">
        <caption className="mb-2 text-left text-stone-700">
          {formatQuantity(s.rate.quantity)} {s.unit} a week. Weeks run Monday to Sunday (UTC).
        </caption>
        <thead>
          <tr className="text-left text-stone-600">
            <th scope="col" className="py-1 pr-3 font-medium">
              Week
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Booked
            </th>
            <th scope="col" className="py-1 font-medium">
              Free
            </th>
          </tr>
        </thead>
        <tbody>
          {s.calendar.map((w) => (
            <tr key={w.week} data-week={w.week} className="border-t border-stone-100">
              <th scope="row" className="py-1 pr-3 text-left font-normal whitespace-nowrap">
                {weekLabel(w)}
              </th>
              <td className="py-1 pr-3">
                <div className="flex items-center gap-2">
                  <div
                    role="meter"
                    aria-label={`Booked in week ${Number(w.week.slice(6))}`}
                    aria-valuemin={0}
                    aria-valuemax={w.capacity}
                    aria-valuenow={w.booked}
                    aria-valuetext={`${formatQuantity(w.booked)} of ${formatQuantity(w.capacity)} ${s.unit} booked`}
                    className="relative h-2 w-24 shrink-0 overflow-hidden rounded-full bg-stone-100 ring-1 ring-stone-200 ring-inset"
                  >
                    <div className="absolute inset-y-0 left-0 bg-sky-500" style={{ width: `${Math.min(100, (w.booked / w.capacity) * 100)}%` }} />
                  </div>
                  <span>{formatQuantity(w.booked)}</span>
                </div>
              </td>
              <td className="py-1" data-testid="week-free">
                {w.free > 0 ? formatQuantity(w.free) : <span className="text-stone-500">full</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
