// A line's week is the week of the supply it uses. The min-cost flow only knows which source serves
// which need (supply carried forward is interchangeable there), so weeks are given afterwards, per
// source: needs in order of due week take the earliest supply still free. That is feasible whenever
// the flow is (supply for every due-week prefix suffices, the carry arcs guarantee it) and it makes
// every line as early as it can be: the "earliest week" rule of stage 4.
import type { Instance } from "./instance";
import type { PairFlow } from "./transport";

export interface WeekLine {
  s: number;
  n: number;
  week: number;
  quantity: number;
}

export function assignWeeks(inst: Instance, flows: PairFlow[]): WeekLine[] {
  const bySource = new Map<number, PairFlow[]>();
  for (const f of flows) (bySource.get(f.s) ?? bySource.set(f.s, []).get(f.s)!).push(f);
  const lines: WeekLine[] = [];
  for (const [s, list] of [...bySource].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => inst.needs[a.n]!.dueWeek - inst.needs[b.n]!.dueWeek || a.n - b.n);
    const left = Float64Array.from(inst.free[s]!);
    let w = 0;
    for (const f of list) {
      const due = inst.needs[f.n]!.dueWeek;
      let rest = f.quantity;
      let lastWeek = -1;
      while (rest > 0 && w <= due) {
        const take = Math.min(rest, left[w]!);
        if (take > 0) {
          lines.push({ s, n: f.n, week: w, quantity: take });
          left[w] = left[w]! - take;
          rest -= take;
          lastWeek = w;
        }
        // Float dust must not leave a week "open" with 1e-16 in it.
        if (left[w]! <= 1e-12 * Math.max(1, inst.free[s]![w]!)) w++;
        else if (rest > 0) w++;
      }
      // What is left is rounding dust of the flow's arithmetic: it joins the last line.
      if (rest > 0 && lastWeek >= 0) lines[lines.length - 1]!.quantity += rest;
    }
  }
  return mergeSameWeek(lines);
}

function mergeSameWeek(lines: WeekLine[]): WeekLine[] {
  const out: WeekLine[] = [];
  const at = new Map<string, WeekLine>();
  for (const l of lines) {
    const k = `${l.s}|${l.n}|${l.week}`;
    const prev = at.get(k);
    if (prev) prev.quantity += l.quantity;
    else {
      const copy = { ...l };
      at.set(k, copy);
      out.push(copy);
    }
  }
  return out;
}
