// Stage 3 (least transport for the met quantities stages 1-2 fixed) and stage 4 (agents' stated
// preferences among the stage-3 optima) as min-cost flows on a transportation network:
//   source-week nodes (free supply) -> carry arcs week to next supply week, cost 0
//   the latest source-week node a need can use (week <= due) -> need, cost = arcCost (km)
//   each source's last week -> one "unused" node, cost 0 (supply nobody gets)
// On large inputs every need starts from its nearest candidate sources; the duals of that solution
// then price every allowed pair and the ones with negative reduced cost join, until none does (exact).
import { dot, priceArcs, seedArcs, sourceLists, type SourceLists } from "./candidates";
import { NetworkSimplex } from "./network-simplex";
import { buildNetwork, greedyStart, type Network, type PairFlow } from "./transport-network";
import { UNKNOWN_DISTANCE_KM, type Instance } from "./instance";

export type { PairFlow };

export interface TransportResult {
  flows: PairFlow[];
  /** Stage 3's optimal value: sum of flow x arcCost over suggested flows. */
  transport: number;
  /** Per need, the cheapest allowed source that had supply in time (-1: none). */
  nearest: Int32Array;
  pricingRounds: number;
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
function nearestSources(inst: Instance, lists: SourceLists, active: number[]): Int32Array {
  const nearest = new Int32Array(inst.needs.length).fill(-1);
  const first = inst.free.map((perWeek) => perWeek.findIndex((q) => q > 0));
  for (const n of active) {
    let best = -1;
    let bestDot = -Infinity;
    for (const list of lists.ofNeed(n)) {
      for (const s of list) {
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
function leafTransport(inst: Instance, demand: Float64Array, needs: number[], inLeaf: (s: number, w: number) => boolean, lists: SourceLists) {
  const net = buildNetwork(inst, demand, needs, inLeaf, UNKNOWN_DISTANCE_KM);
  const dense = seedArcs(inst, net, lists, needs);
  net.ns.setInitialTree(greedyStart(inst, net, demand, needs));
  net.ns.solve();
  const eps = 1e-9 * (UNKNOWN_DISTANCE_KM + 1);
  let pricingRounds = 0;
  if (!dense) {
    while (priceArcs(inst, net, lists, needs, eps) > 0) {
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
  const lists = sourceLists(inst);
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
    const r = leafTransport(inst, demand, needs, (s, w) => leafOfSupply[s]![w] === leaf, lists);
    for (const f of r.flows) flows.push(f);
    transport += r.transport;
    pricingRounds += r.pricingRounds;
  }
  return { flows, transport, nearest: nearestSources(inst, lists, active), pricingRounds };
}
