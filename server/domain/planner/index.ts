// The planner (issue 8): a pure function from a planning session's snapshot to suggested lines.
// The objective, in order (docs/adr/033-the-planners-objective.md):
//   1. the most demand met in total;  2. leximin-fairest shares met/quantity;
//   3. least transport (sum of quantity x km);  4. stated preferences, then earliest week;
// then lines are rounded to quanta. Stages 1-2: decomposition.ts; 3-4: transport.ts, weeks.ts;
// rounding.ts; reasons.ts. Pure: no clock, no I/O, deterministic for the same input.
import { fairShares } from "./decomposition";
import { buildInstance, distanceKm } from "./instance";
import { keptReasons, suggestedReasons } from "./reasons";
import { roundLines } from "./rounding";
import { leastTransport } from "./transport";
import { assignWeeks } from "./weeks";
import type { PlannerInput, PlannerLine, PlannerResult } from "./types";

export type * from "./types";
export { UNKNOWN_DISTANCE_KM } from "./instance";

export function planAllocation(input: PlannerInput): PlannerResult {
  const inst = buildInstance(input);
  const fair = fairShares(inst);
  const demand = new Float64Array(inst.needs.length);
  fair.met.forEach((m, n) => (demand[n] = Math.max(0, m - inst.kept[n]!)));
  const transport = leastTransport(inst, demand, fair.leafOfNeed, fair.leafOfSupply);
  const rounded = roundLines(inst, assignWeeks(inst, transport.flows));
  rounded.sort((a, b) => a.n - b.n || a.s - b.s || a.week - b.week);

  const served = new Set(rounded.map((l) => l.s * inst.needs.length + l.n));
  const labels = input.specLabels ?? {};
  const ctx = {
    inst,
    level: fair.level,
    groupSize: fair.groupSize,
    nearest: transport.nearest,
    specLabel: (spec: string) => labels[spec] ?? spec,
    servedBy: (n: number, s: number) => served.has(s * inst.needs.length + n),
  };
  const sourceIdx = new Map(inst.sources.map((s, i) => [s.id, i]));
  const needIdx = new Map(inst.needs.map((n, i) => [n.id, i]));
  const lines: PlannerLine[] = (input.fixedLines ?? []).map((l) => ({
    sourceId: l.sourceId,
    needId: l.needId,
    week: l.week,
    quantity: l.quantity,
    distanceKm: distanceKm(inst, sourceIdx.get(l.sourceId)!, needIdx.get(l.needId)!),
    reasons: keptReasons(),
    kept: true,
  }));
  const metRounded = Float64Array.from(inst.kept);
  for (const l of rounded) {
    const d = distanceKm(inst, l.s, l.n);
    metRounded[l.n] = metRounded[l.n]! + l.quantity;
    lines.push({
      sourceId: inst.sources[l.s]!.id,
      needId: inst.needs[l.n]!.id,
      week: l.week,
      quantity: l.quantity,
      distanceKm: d,
      reasons: suggestedReasons(ctx, l.s, l.n, l.week, l.quantity, d),
      kept: false,
    });
  }
  let demandTotal = 0;
  let supplyTotal = 0;
  let metTotal = 0;
  let uncovered = 0;
  let totalMet = 0;
  const needs = inst.needs.map((need, n) => {
    const met = Math.round(metRounded[n]! * 1e9) / 1e9;
    demandTotal += need.quantity;
    metTotal += met;
    totalMet += fair.met[n]!;
    uncovered += Math.max(0, need.quantity - met);
    return { needId: need.id, quantity: need.quantity, met, share: met / need.quantity };
  });
  for (const s of inst.sources) for (const e of s.supply) supplyTotal += e.quantity;
  const sortedShares = inst.needs.map((need, n) => fair.met[n]! / need.quantity).sort((a, b) => a - b);
  return {
    lines,
    needs,
    stages: { totalMet, sortedShares, transport: transport.transport },
    totals: { demand: demandTotal, supply: supplyTotal, met: metTotal, uncovered },
  };
}
