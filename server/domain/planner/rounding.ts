// Rounding suggested lines to quanta (1 for counted units, 0.001 for divisible ones). Every line is
// first rounded down; then lines are bumped up by one quantum each, from supply weeks that still have a
// whole quantum free, chosen by integer max flows (roundUp). Each need's met quantity then moves by less
// than one quantum, never above its quantity, and no supply week is over-used. (If a week's supply is
// not a whole number of quanta, the part below one quantum cannot be given out and a need may lose up
// to one more quantum.)
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
  const used = new Map<number, number>();
  rounded.forEach((r) => {
    const k = r.s * inst.horizon + r.week;
    used.set(k, (used.get(k) ?? 0) + r.quantity);
  });
  for (const q of new Set(inst.sources.map((src) => inst.quantumOfSpec(src.resourceSpecId)))) roundUp(inst, lines, rounded, used, q, quantumOfSource);
  return rounded.filter((r) => r.quantity > 0);
}

/**
 * After rounding every line down, gives quanta back along the lines that lost a fraction, as one max
 * flow per quantum size: supply weeks (their whole free quanta) -> lines -> needs -> t. First each need
 * up to the whole quanta it lost (its floor), then, lowest share first, up to one quantum above its
 * continuous quantity (its ceiling, never above its quantity), in chunks of needs by share, the total
 * capped at the continuous total rounded. Later augmentations never take flow from a need already served, so the floors hold and the
 * lowest shares are served first. The fractional parts of the continuous solution are a feasible flow
 * of the full value, so the integral max flow reaches it: no whole quantum of supply that the continuous
 * plan used is left unallocated (objective 1). A greedy that gave each need a quantum from the first of
 * its weeks with one free stranded 22 units on 30,000 needs.
 */
function roundUp(inst: Instance, lines: WeekLine[], rounded: WeekLine[], used: Map<number, number>, q: number, quantumOfSource: (s: number) => number) {
  const cont = new Map<number, number>();
  const got = new Map<number, number>();
  let missing = 0;
  const candidates: number[] = [];
  rounded.forEach((r, i) => {
    if (quantumOfSource(r.s) !== q) return;
    cont.set(r.n, (cont.get(r.n) ?? 0) + lines[i]!.quantity);
    got.set(r.n, (got.get(r.n) ?? 0) + r.quantity);
    missing += lines[i]!.quantity - r.quantity;
    if (lines[i]!.quantity - r.quantity > TOL * q) candidates.push(i);
  });
  const target = Math.floor(missing / q + 0.5 + TOL);
  if (target <= 0 || candidates.length === 0) return;
  // Nodes: 0 = s, 1 = t, 2 = the second phase's sink (capped), then supply weeks, then needs.
  const weekNode = new Map<number, number>();
  const needNode = new Map<number, number>();
  let next = 3;
  for (const i of candidates) {
    const r = rounded[i]!;
    const k = r.s * inst.horizon + r.week;
    if (!weekNode.has(k)) weekNode.set(k, next++);
    if (!needNode.has(r.n)) needNode.set(r.n, next++);
  }
  const g = new MaxFlowGraph(next, 0.5);
  for (const [k, node] of weekNode) {
    const s = Math.floor(k / inst.horizon);
    g.addArc(0, node, Math.floor((inst.free[s]![k % inst.horizon]! - used.get(k)!) / q + TOL));
  }
  const arcOf = candidates.map((i) => {
    const r = rounded[i]!;
    return g.addArc(weekNode.get(r.s * inst.horizon + r.week)!, needNode.get(r.n)!, Math.ceil((lines[i]!.quantity - r.quantity) / q - TOL));
  });
  const room = (n: number) => Math.floor((inst.needs[n]!.quantity - inst.kept[n]! - got.get(n)!) / q + TOL);
  const floorOf = (n: number) => Math.min(room(n), Math.floor((cont.get(n)! - got.get(n)!) / q + TOL));
  const ceilOf = (n: number) => Math.min(room(n), Math.ceil((cont.get(n)! - got.get(n)!) / q - TOL));
  for (const [n, node] of needNode) if (floorOf(n) > 0) g.addArc(node, 1, floorOf(n));
  let placed = g.maxFlow(0, 1);
  const share = (n: number) => (inst.kept[n]! + cont.get(n)!) / inst.needs[n]!.quantity;
  const order = [...needNode.keys()].filter((n) => ceilOf(n) > Math.max(0, floorOf(n))).sort((a, b) => share(a) - share(b) || a - b);
  if (placed < target && order.length > 0) {
    g.addArc(2, 1, target - placed);
    // Lowest shares first, in chunks: one max flow per need would cost a search of the whole graph each.
    const chunk = Math.max(256, Math.ceil(order.length / 32));
    for (let from = 0; from < order.length && placed < target; from += chunk) {
      for (const n of order.slice(from, from + chunk)) g.addArc(needNode.get(n)!, 2, ceilOf(n) - Math.max(0, floorOf(n)));
      placed += g.maxFlow(0, 1);
    }
  }
  candidates.forEach((i, j) => {
    const k = Math.round(g.flowOn(arcOf[j]!));
    for (let step = 0; step < k; step++) bump(inst, rounded[i]!, used, q);
  });
}

function bump(inst: Instance, line: WeekLine, used: Map<number, number>, q: number) {
  line.quantity = times(Math.round(line.quantity / q) + 1, q);
  const k = line.s * inst.horizon + line.week;
  used.set(k, used.get(k)! + q);
}
