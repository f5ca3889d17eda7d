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
  if (wantOf.size === 0) return rounded.filter((r) => r.quantity > 0);

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
    if (g.flowOn(arcOf[j]!) > 0.5) rounded[i]!.quantity = times(Math.round(rounded[i]!.quantity / quantumOfSource(rounded[i]!.s)) + 1, quantumOfSource(rounded[i]!.s));
  });
  return rounded.filter((r) => r.quantity > 0);
}
