import { countOf, formatPercent, remainingText } from "@/components/format/numbers";
import { formatHoursSpan } from "@/components/format/time";
import { HeatBar } from "@/components/ui/heat-bar";
import type { SignalDto } from "@/server/domain/dto";
import { isRequestKind } from "./labels";

const fixed = (n: number) => (Math.round(n * 100) / 100).toFixed(2);

/** What the urgency part is made of, in words. */
export function urgencyReason(s: Pick<SignalDto, "kind" | "intensityParts">): string {
  const h = s.intensityParts.hoursUntilDue;
  const request = isRequestKind(s.kind);
  if (h === null) return request ? "no due date" : "no end of availability";
  if (h > 0) return request ? `due in ${formatHoursSpan(h)}` : `available for ${formatHoursSpan(h)} more`;
  if (h > -1) return request ? "due now" : "availability ends now";
  return request ? `overdue by ${formatHoursSpan(h)}` : `availability ended ${formatHoursSpan(h)} ago`;
}

/** The heat of a signal, part by part, so nobody has to trust a bare number. */
export function IntensityExplained({ signal: s }: { signal: SignalDto }) {
  const p = s.intensityParts;
  const w = p.weights;
  const rows: Array<{ name: string; value: string; why: string; testId: string }> = [
    { name: "Unmet", value: formatPercent(p.unmet), why: remainingText(s), testId: "intensity-unmet" },
    { name: "Urgency", value: fixed(p.urgency), why: urgencyReason(s), testId: "intensity-urgency" },
    {
      name: "Reinforcement",
      value: fixed(p.reinforcement),
      why: s.reinforcementCount > 0 ? `${countOf(s.reinforcementCount, "person needs", "people need")} this too` : "nobody has reinforced it yet",
      testId: "intensity-reinforcement",
    },
    {
      name: "Freshness",
      value: formatPercent(p.freshness),
      why: p.hoursSinceRefresh < 1 ? "refreshed within the hour" : `last refreshed ${formatHoursSpan(p.hoursSinceRefresh)} ago; it fades unless refreshed`,
      testId: "intensity-freshness",
    },
  ];
  // Only a signal past its date has this part (always 1 before it), so it is shown only then.
  if (p.overdueHours !== null)
    rows.push({
      name: "Overdue fade",
      value: formatPercent(p.overdueFade),
      why: isRequestKind(s.kind)
        ? "an overdue request fades with the signal's half-life; a new due date restores it"
        : "an offer whose availability has ended has no heat",
      testId: "intensity-overdue",
    });
  return (
    <section aria-labelledby="intensity-heading" className="flex flex-col gap-3">
      <div className="flex items-baseline justify-between gap-3">
        <h2 id="intensity-heading" className="text-lg font-semibold">
          Heat <span className="text-sm font-normal text-stone-600">(intensity)</span>
        </h2>
        <span className="text-2xl font-semibold tabular-nums" data-testid="intensity-value">
          {formatPercent(s.intensity)}
        </span>
      </div>
      <p className="text-sm text-stone-600">How strongly this signal pulls on the board, not how far it has been filled.</p>
      <HeatBar value={s.intensity} explanation={p.explanation} label="Heat" className="h-3" />
      <p className="text-sm text-stone-700" data-testid="intensity-explanation">
        {p.explanation}
      </p>
      <dl className="grid gap-2 sm:grid-cols-2">
        {rows.map((r) => (
          <div key={r.name} className="rounded-md border border-stone-200 bg-stone-50 px-3 py-2" data-testid={r.testId}>
            <dt className="flex items-baseline justify-between text-sm font-medium text-stone-800">
              <span>{r.name}</span>
              <span className="tabular-nums">{r.value}</span>
            </dt>
            <dd className="text-sm text-stone-600">{r.why}</dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-stone-500">
        Heat = freshness × unmet × overdue fade × ({w.unmet} + {w.urgency} × urgency + {w.reinforcement} × reinforcement). A signal
        that is not refreshed evaporates and finally expires.
      </p>
    </section>
  );
}
