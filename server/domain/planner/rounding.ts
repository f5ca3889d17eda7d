// Rounding suggested lines to quanta (1 for counted units, 0.001 for divisible ones). Every line is
// first rounded down; a need that lost a whole quantum or more then gets lines bumped up by one quantum
// each, from supply weeks that still have a whole quantum free. Which lines to bump is a bipartite
// b-matching, solved as one integer max flow: the continuous solution is a fractional matching that
// saturates every need, and the polytope is integral, so an integral one exists whenever supplies are
// whole quanta. Each need's met quantity then moves by less than one quantum, never above its
// quantity, and no supply week is over-used. (If a week's supply is not a whole number of quanta, the
// part below one quantum cannot be given out and a need may lose up to one more quantum.)
import { MaxFlowGraph } from "./max-flow";
import type { Instance } from "./instance";
import type { WeekLine } from "./weeks";

const TOL = 1e-9;
/** k quanta of q without binary noise (3 x 0.1 is 0.30000000000000004 in floating point). */
const times = (k: number, q: number) => Math.round(k * q * 1e9) / 1e9;

export function roundLines(inst: Instance, lines: WeekLine[]): WeekLine[] {
  const quantumOfSource = (s: number) => inst.quantumOfSpec(inst.sources[s]!.resourceSpecId);
  const rounded = lines.map((l) => {
    const q = quantumOfSource(l.s);
    return { ...l, quantity: times(Math.floor(l.quantity / q + TOL), q) };
  });
  // Supply left per source-week after rounding down, and what each need lost.
  const used = new Map<number, number>();
  const deficit = new Map<number, number>();
  const quantumOfNeed = new Map<number, number>();
  rounded.forEach((r, i) => {
    const k = r.s * inst.horizon + r.week;
    used.set(k, (used.get(k) ?? 0) + r.quantity);
    deficit.set(r.n, (deficit.get(r.n) ?? 0) + lines[i]!.quantity - r.quantity);
    quantumOfNeed.set(r.n, Math.max(quantumOfNeed.get(r.n) ?? 0, quantumOfSource(r.s)));
  });
  const wantOf = new Map<number, number>();
  for (const [n, d] of deficit) {
    const k = Math.floor(d / quantumOfNeed.get(n)! + TOL);
    if (k > 0) wantOf.set(n, k);
  }
  if (wantOf.size > 0) bumpDeficits(inst, lines, rounded, used, wantOf, quantumOfSource);
  roundTotal(inst, lines, rounded, used, quantumOfSource);
  return rounded.filter((r) => r.quantity > 0);
}

function bumpDeficits(
  inst: Instance,
  lines: WeekLine[],
  rounded: WeekLine[],
  used: Map<number, number>,
  wantOf: Map<number, number>,
  quantumOfSource: (s: number) => number,
) {

  // Nodes: 0 = s, 1 = t, then source-weeks, then needs.
  const weekNode = new Map<number, number>();
  const needNode = new Map<number, number>();
  let next = 2;
  const candidates: number[] = [];
  rounded.forEach((r, i) => {
    if (!wantOf.has(r.n) || lines[i]!.quantity - r.quantity <= TOL * quantumOfSource(r.s)) return;
    const k = r.s * inst.horizon + r.week;
    if (!weekNode.has(k)) weekNode.set(k, next++);
    if (!needNode.has(r.n)) needNode.set(r.n, next++);
    candidates.push(i);
  });
  const g = new MaxFlowGraph(next, 0.5);
  for (const [k, node] of weekNode) {
    const s = Math.floor(k / inst.horizon);
    const slack = inst.free[s]![k % inst.horizon]! - used.get(k)!;
    g.addArc(0, node, Math.floor(slack / quantumOfSource(s) + TOL));
  }
  const arcOf = candidates.map((i) => g.addArc(weekNode.get(rounded[i]!.s * inst.horizon + rounded[i]!.week)!, needNode.get(rounded[i]!.n)!, 1));
  for (const [n, node] of needNode) g.addArc(node, 1, wantOf.get(n)!);
  g.maxFlow(0, 1);
  candidates.forEach((i, j) => {
    if (g.flowOn(arcOf[j]!) > 0.5) bump(inst, rounded[i]!, used, quantumOfSource(rounded[i]!.s));
  });
}

function bump(inst: Instance, line: WeekLine, used: Map<number, number>, q: number) {
  line.quantity = times(Math.round(line.quantity / q) + 1, q);
  const k = line.s * inst.horizon + line.week;
  used.set(k, used.get(k)! + q);
}

// Rounding every need down can still lose up to one quantum per need in total: 40 needs sharing 20
// units at a half each would all round to 0. So, lowest share first, a need whose rounded quantity is
// below its continuous one gets one more quantum where a supply week has one whole quantum free, until
// the total is the continuous total rounded. No need moves by a whole quantum or above its quantity.
function roundTotal(inst: Instance, lines: WeekLine[], rounded: WeekLine[], used: Map<number, number>, quantumOfSource: (s: number) => number) {
  const cont = new Map<number, number>();
  const got = new Map<number, number>();
  const linesOf = new Map<number, number[]>();
  let totalCont = 0;
  let totalGot = 0;
  rounded.forEach((r, i) => {
    cont.set(r.n, (cont.get(r.n) ?? 0) + lines[i]!.quantity);
    got.set(r.n, (got.get(r.n) ?? 0) + r.quantity);
    (linesOf.get(r.n) ?? linesOf.set(r.n, []).get(r.n)!).push(i);
    totalCont += lines[i]!.quantity;
    totalGot += r.quantity;
  });
  const share = (n: number) => (inst.kept[n]! + cont.get(n)!) / inst.needs[n]!.quantity;
  const order = [...cont.keys()].filter((n) => cont.get(n)! - got.get(n)! > TOL).sort((a, b) => share(a) - share(b) || a - b);
  for (const n of order) {
    for (const i of linesOf.get(n)!) {
      const r = rounded[i]!;
      const q = quantumOfSource(r.s);
      const k = r.s * inst.horizon + r.week;
      const slack = inst.free[r.s]![r.week]! - used.get(k)!;
      if (slack < q - TOL * q) continue;
      if (totalGot + q > totalCont + q / 2 + TOL) return;
      if (inst.kept[n]! + got.get(n)! + q > inst.needs[n]!.quantity + TOL * q) break;
      bump(inst, r, used, q);
      got.set(n, got.get(n)! + q);
      totalGot += q;
      break;
    }
  }
}
