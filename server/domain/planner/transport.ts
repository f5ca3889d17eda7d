// Stage 3 (least transport for the met quantities stages 1-2 fixed) and stage 4 (agents' stated
// preferences among the stage-3 optima) as min-cost flows on a transportation network:
//   source-week nodes (free supply) -> carry arcs week to next supply week, cost 0
//   the latest source-week node a need can use (week <= due) -> need, cost = arcCost (km)
//   each source's last week -> one "unused" node, cost 0 (supply nobody gets)
// On large inputs every need starts from its nearest candidate sources; the duals of that solution
// then price every allowed pair and the ones with negative reduced cost join, until none does (exact).
import { NetworkSimplex } from "./network-simplex";
import { addPair, buildNetwork, greedyStart, type Network, type PairFlow } from "./transport-network";
import { EARTH_RADIUS_KM } from "../geo";
import { arcCost, UNKNOWN_DISTANCE_KM, type Instance } from "./instance";

/** Nearest candidate sources per need to start from (the rest join by pricing, if their reduced cost
 * says so). When the needs have not many more allowed pairs than this, all pairs start as arcs. */
const CANDIDATES = 12;
/** At most this many new arcs per need per pricing round (the most negative ones). */
const PRICED_PER_NEED = 8;

export type { PairFlow };

export interface TransportResult {
  flows: PairFlow[];
  /** Stage 3's optimal value: sum of flow x arcCost over suggested flows. */
  transport: number;
  /** Per need, the cheapest allowed source that had supply in time (-1: none). */
  nearest: Int32Array;
  pricingRounds: number;
}

/** Sources of each resource that have free supply at all. */
function sourcesBySpec(inst: Instance): Map<string, number[]> {
  const out = new Map<string, number[]>();
  inst.sources.forEach((src, s) => {
    if (!inst.free[s]!.some((q) => q > 0)) return;
    (out.get(src.resourceSpecId) ?? out.set(src.resourceSpecId, []).get(src.resourceSpecId)!).push(s);
  });
  return out;
}

/** Calls visit(s) for every source that may serve need n with supply in time. */
function forAllowed(inst: Instance, net: Network, bySpec: Map<string, number[]>, n: number, visit: (s: number) => void) {
  const due = inst.needs[n]!.dueWeek;
  for (const spec of inst.acceptedOf[n]!) {
    for (const s of bySpec.get(spec) ?? []) {
      if (net.attach[s * inst.horizon + due]! < 0 || inst.excludedOf[n]?.has(s)) continue;
      visit(s);
    }
  }
}

const dot = (inst: Instance, s: number, n: number) =>
  inst.sourceXyz[3 * s]! * inst.needXyz[3 * n]! + inst.sourceXyz[3 * s + 1]! * inst.needXyz[3 * n + 1]! + inst.sourceXyz[3 * s + 2]! * inst.needXyz[3 * n + 2]!;

function seedArcs(inst: Instance, net: Network, bySpec: Map<string, number[]>, active: number[]): boolean {
  let pairs = 0;
  for (const n of active) forAllowed(inst, net, bySpec, n, () => pairs++);
  const dense = pairs <= 2 * CANDIDATES * active.length;
  const preferred = new Set<number>();
  inst.sources.forEach((src, s) => {
    for (const id of src.preferredNeedIds ?? []) {
      const n = inst.needs.findIndex((x) => x.id === id);
      if (n >= 0) preferred.add(s * inst.needs.length + n);
    }
  });
  for (const n of active) {
    // Nearest first by the chord (a larger dot product is nearer); unlocated ends sort last.
    const best: Array<{ s: number; d: number }> = [];
    forAllowed(inst, net, bySpec, n, (s) => {
      const d = dot(inst, s, n);
      const key = Number.isNaN(d) ? -2 : d;
      if (dense || preferred.has(s * inst.needs.length + n)) addPair(net, inst, s, n, arcCost(inst, s, n));
      if (best.length < CANDIDATES || key > best[best.length - 1]!.d) {
        let i = best.length < CANDIDATES ? best.length : best.length - 1;
        best[i] = { s, d: key };
        while (i > 0 && best[i - 1]!.d < key) {
          best[i] = best[i - 1]!;
          best[i - 1] = { s, d: key };
          i--;
        }
      }
    });
    if (!dense) for (const { s } of best) addPair(net, inst, s, n, arcCost(inst, s, n));
  }
  return dense;
}

// Adds the allowed pairs whose reduced cost under the current duals is negative. The chord is a lower
// bound of the great-circle distance (R * chord <= arc), so most pairs are dismissed without a
// trigonometric call: only those whose chord could undercut the dual gap get their exact cost.
function price(inst: Instance, net: Network, bySpec: Map<string, number[]>, active: number[], eps: number): number {
  const { ns } = net;
  let added = 0;
  const H = inst.horizon;
  for (const n of active) {
    const pn = ns.potential(net.needNode[n]!);
    const due = inst.needs[n]!.dueWeek;
    const found: Array<{ s: number; rc: number }> = [];
    const needLocated = !Number.isNaN(inst.needXyz[3 * n]!);
    forAllowed(inst, net, bySpec, n, (s) => {
      const gap = pn - ns.potential(net.attach[s * H + due]!) - eps; // negative rc iff cost < gap
      if (gap <= 0) return;
      const d = needLocated ? dot(inst, s, n) : NaN;
      if (!Number.isNaN(d)) {
        const g = gap / EARTH_RADIUS_KM;
        if (g < 2 && 2 - 2 * d >= g * g) return;
      } else if (UNKNOWN_DISTANCE_KM >= gap) return;
      if (net.arcOfPair.has(s * inst.needs.length + n)) return;
      const rc = arcCost(inst, s, n) - gap;
      if (rc < 0) found.push({ s, rc });
    });
    found.sort((a, b) => a.rc - b.rc || a.s - b.s);
    for (const { s } of found.slice(0, PRICED_PER_NEED)) {
      addPair(net, inst, s, n, arcCost(inst, s, n));
      added++;
    }
  }
  return added;
}

/** Stage 4: among stage-3 optima (flows on zero-reduced-cost arcs only), the most flow on preferred
 * pairs. Returns the new flow per arc of `net`, or null when nobody stated a preference. */
function preferenceFlows(inst: Instance, net: Network, supply: Float64Array, eps: number): Float64Array | null {
  const preferred = new Map<string, Set<string>>();
  for (const src of inst.sources) if (src.preferredNeedIds?.length) preferred.set(src.id, new Set(src.preferredNeedIds));
  if (preferred.size === 0) return null;
  const ns = new NetworkSimplex(supply, 1);
  const map: Array<[number, number]> = [];
  for (let a = 0; a < net.arcSource.length; a++) {
    const s = net.arcSource[a];
    if (s === undefined || Math.abs(net.ns.reducedCost(a)) > eps) continue; // undefined: an artificial arc
    const isPref = s >= 0 && preferred.get(inst.sources[s]!.id)?.has(inst.needs[net.arcNeed[a]!]!.id) === true;
    map.push([a, addRestricted(ns, net, a, isPref ? -1 : 0)]);
  }
  ns.solve();
  const out = new Float64Array(net.arcSource.length);
  for (const [a, b] of map) out[a] = ns.flowOn(b);
  return out;
}

function addRestricted(ns: NetworkSimplex, net: Network, a: number, cost: number): number {
  return ns.addArc(net.ns.endpoints(a)[0], net.ns.endpoints(a)[1], cost);
}

/** Per need, the nearest allowed source with free supply in time, in any leaf (for reasons). */
function nearestSources(inst: Instance, active: number[]): Int32Array {
  const nearest = new Int32Array(inst.needs.length).fill(-1);
  const first = inst.free.map((perWeek) => perWeek.findIndex((q) => q > 0));
  const bySpec = sourcesBySpec(inst);
  for (const n of active) {
    let best = -1;
    let bestDot = -Infinity;
    for (const spec of inst.acceptedOf[n]!) {
      for (const s of bySpec.get(spec) ?? []) {
        if (first[s]! > inst.needs[n]!.dueWeek || inst.excludedOf[n]?.has(s)) continue;
        const d = dot(inst, s, n);
        const key = Number.isNaN(d) ? -2 : d;
        if (key > bestDot || (key === bestDot && s < best)) {
          bestDot = key;
          best = s;
        }
      }
    }
    nearest[n] = best;
  }
  return nearest;
}

/** Stages 3-4 of one leaf: its needs served only from its own supply. */
function leafTransport(inst: Instance, demand: Float64Array, needs: number[], inLeaf: (s: number, w: number) => boolean, bySpec: Map<string, number[]>) {
  const net = buildNetwork(inst, demand, needs, inLeaf, UNKNOWN_DISTANCE_KM);
  const dense = seedArcs(inst, net, bySpec, needs);
  net.ns.setInitialTree(greedyStart(inst, net, demand, needs));
  net.ns.solve();
  const eps = 1e-9 * (UNKNOWN_DISTANCE_KM + 1);
  let pricingRounds = 0;
  if (!dense) {
    while (price(inst, net, bySpec, needs, eps) > 0) {
      pricingRounds++;
      net.ns.solve();
    }
  }
  let transport = 0;
  for (let a = 0; a < net.arcSource.length; a++) if ((net.arcSource[a] ?? -1) >= 0) transport += net.ns.flowOn(a) * net.ns.arcCost(a);
  const stage4 = preferenceFlows(inst, net, net.ns.supplies(), 1e3 * eps);
  const flows: PairFlow[] = [];
  for (let a = 0; a < net.arcSource.length; a++) {
    const s = net.arcSource[a];
    if (s === undefined || s < 0) continue;
    const q = stage4 ? stage4[a]! : net.ns.flowOn(a);
    if (q > 1e-12) flows.push({ s, n: net.arcNeed[a]!, quantity: q });
  }
  return { flows, transport, pricingRounds };
}

/** Stages 3-4 for the suggested (non-kept) demand of each need, leaf by leaf. */
export function leastTransport(inst: Instance, demand: Float64Array, leafOfNeed: Int32Array, leafOfSupply: Int32Array[]): TransportResult {
  const bySpec = sourcesBySpec(inst);
  const needsOf = new Map<number, number[]>();
  const active: number[] = [];
  demand.forEach((d, n) => {
    if (!(d > 0) || leafOfNeed[n]! < 0) return;
    active.push(n);
    (needsOf.get(leafOfNeed[n]!) ?? needsOf.set(leafOfNeed[n]!, []).get(leafOfNeed[n]!)!).push(n);
  });
  const flows: PairFlow[] = [];
  let transport = 0;
  let pricingRounds = 0;
  for (const [leaf, needs] of [...needsOf].sort((a, b) => a[0] - b[0])) {
    const r = leafTransport(inst, demand, needs, (s, w) => leafOfSupply[s]![w] === leaf, bySpec);
    for (const f of r.flows) flows.push(f);
    transport += r.transport;
    pricingRounds += r.pricingRounds;
  }
  return { flows, transport, nearest: nearestSources(inst, active), pricingRounds };
}
