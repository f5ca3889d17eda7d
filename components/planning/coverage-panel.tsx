"use client";
// How far the plan has come: demand met by accepted lines, offered by suggestions, still uncovered; the
// needs nothing covers yet; and who has answered their lines. Every open page shows the same numbers live.
import type { Coverage } from "@/server/domain/plan-lines";
import { countOf, formatQuantity } from "@/components/format/numbers";

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

export function CoveragePanel({ coverage }: { coverage: Coverage }) {
  const t = coverage.totals;
  const uncovered = coverage.needs.filter((n) => n.uncovered > 0);
  return (
    <section aria-labelledby="coverage-heading" className="flex flex-col gap-3">
      <h2 id="coverage-heading" className="text-lg font-semibold">
        Coverage
      </h2>
      <div
        role="img"
        aria-label={`${pct(t.accepted, t.demand)}% of demand accepted, ${pct(t.suggested, t.demand)}% suggested, ${pct(t.uncovered, t.demand)}% uncovered`}
        className="flex h-4 w-full overflow-hidden rounded-full bg-stone-200"
      >
        <div className="bg-teal-700" style={{ width: `${pct(t.accepted, t.demand)}%` }} />
        <div className="bg-teal-300" style={{ width: `${pct(t.suggested, t.demand)}%` }} />
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-stone-600">Demand</dt>
          <dd data-testid="coverage-demand">{formatQuantity(t.demand)}</dd>
        </div>
        <div>
          <dt className="text-stone-600">Accepted</dt>
          <dd data-testid="coverage-accepted">{formatQuantity(t.accepted)}</dd>
        </div>
        <div>
          <dt className="text-stone-600">Suggested</dt>
          <dd data-testid="coverage-suggested">{formatQuantity(t.suggested)}</dd>
        </div>
        <div>
          <dt className="text-stone-600">Uncovered</dt>
          <dd data-testid="coverage-uncovered">{formatQuantity(t.uncovered)}</dd>
        </div>
      </dl>
      <p className="text-sm text-stone-700" data-testid="coverage-answered">
        {formatQuantity(t.answered)} of {countOf(t.lines, "line")} answered
      </p>
      {coverage.participants.length ? (
        <ul aria-label="Who has answered" className="flex flex-wrap gap-2 text-sm">
          {coverage.participants.map((p) => (
            <li key={p.id} className="rounded-md border border-stone-200 bg-white px-2 py-1">
              {p.name}: {p.answered}/{p.lines} answered{p.declined ? `, ${p.declined} declined` : ""}
            </li>
          ))}
        </ul>
      ) : null}
      {uncovered.length ? (
        <details>
          <summary className="text-sm font-medium">Uncovered needs ({uncovered.length})</summary>
          <ul className="mt-2 text-sm">
            {uncovered.slice(0, 200).map((n) => (
              <li key={n.needId}>
                {n.title}: {formatQuantity(n.uncovered)} of {formatQuantity(n.demand)} uncovered
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
