// The transportation network of stage 3 (one leaf of the decomposition) and a greedy start for the
// network simplex. Nodes: each source's free supply per week (chained by carry arcs, the last one to
// an "unused" node), then the needs, then "unused".
import { NetworkSimplex } from "./network-simplex";
import type { Instance } from "./instance";

export interface PairFlow {
  s: number;
  n: number;
  quantity: number;
}

export interface Network {
  ns: NetworkSimplex;
  needNode: Int32Array; // per need: node id or -1
  /** attach[s * H + due]: the latest source-week node of s with week <= due, or -1. */
  attach: Int32Array;
  /** Per arc to a need: its source and need (arcs of other kinds: -1). */
  arcSource: number[];
  arcNeed: number[];
  arcOfPair: Map<number, number>;
  /** Per need, its arcs from sources. */
  arcsOfNeed: Map<number, number[]>;
  /** Per source, its week nodes in week order; per week node, the arc to the next one (or to "unused"). */
  chains: number[][];
  outArc: Int32Array;
}

export function buildNetwork(inst: Instance, demand: Float64Array, needs: number[], inLeaf: (s: number, w: number) => boolean, costBound: number): Network {
  const H = inst.horizon;
  const S = inst.sources.length;
  const attach = new Int32Array(S * H).fill(-1);
  const supply: number[] = [];
  const chainArcsSpec: Array<[number, number]> = [];
  const lastOf: number[] = [];
  const chains: number[][] = [];
  for (let s = 0; s < S; s++) {
    let prev = -1;
    const chain: number[] = [];
    chains.push(chain);
    for (let w = 0; w < H; w++) {
      const q = inst.free[s]![w]!;
      if (q > 0 && inLeaf(s, w)) {
        const node = supply.length;
        supply.push(q);
        if (prev !== -1) chainArcsSpec.push([prev, node]);
        prev = node;
        chain.push(node);
      }
      attach[s * H + w] = prev;
    }
    if (prev !== -1) lastOf.push(prev);
  }
  const needNode = new Int32Array(inst.needs.length).fill(-1);
  let totalSupply = 0;
  for (const q of supply) totalSupply += q;
  let totalDemand = 0;
  for (const n of needs) {
    needNode[n] = supply.length;
    supply.push(-demand[n]!);
    totalDemand += demand[n]!;
  }
  const unused = supply.length;
  supply.push(-(totalSupply - totalDemand));
  const ns = new NetworkSimplex(Float64Array.from(supply), costBound);
  const arcSource: number[] = [];
  const arcNeed: number[] = [];
  const outArc = new Int32Array(supply.length).fill(-1);
  const plain = (u: number, v: number) => {
    outArc[u] = ns.addArc(u, v, 0);
    arcSource.push(-1);
    arcNeed.push(-1);
  };
  for (const [u, v] of chainArcsSpec) plain(u, v);
  for (const last of lastOf) plain(last, unused);
  return { ns, needNode, attach, arcSource, arcNeed, arcOfPair: new Map(), arcsOfNeed: new Map(), chains, outArc };
}

export function addPair(net: Network, inst: Instance, s: number, n: number, cost: number) {
  const key = s * inst.needs.length + n;
  if (net.arcOfPair.has(key)) return;
  const from = net.attach[s * inst.horizon + inst.needs[n]!.dueWeek]!;
  const a = net.ns.addArc(from, net.needNode[n]!, cost);
  net.arcOfPair.set(key, a);
  net.arcSource[a] = s;
  net.arcNeed[a] = n;
  (net.arcsOfNeed.get(n) ?? net.arcsOfNeed.set(n, []).get(n)!).push(a);
}


/** A starting tree: supply flows down each source's week chain to "unused", and each need (due week
 * first) hangs from its cheapest arc whose source still has room in time; the rest start artificial. */
export function greedyStart(inst: Instance, net: Network, demand: Float64Array, needs: number[]): Int32Array {
  const parent = new Int32Array(net.ns.nodeCount).fill(-1);
  const room = new Float64Array(net.ns.nodeCount); // per week node: supply left up to that week
  const posOf = new Int32Array(net.ns.nodeCount);
  const supplies = net.ns.supplies();
  for (const chain of net.chains) {
    let acc = 0;
    chain.forEach((c, i) => {
      acc += supplies[c]!;
      room[c] = acc;
      posOf[c] = i;
      parent[c] = net.outArc[c]!;
    });
  }
  const order = [...needs].sort((a, b) => inst.needs[a]!.dueWeek - inst.needs[b]!.dueWeek || a - b);
  for (const n of order) {
    const y = demand[n]!;
    const arcs = [...(net.arcsOfNeed.get(n) ?? [])].sort((a, b) => net.ns.arcCost(a) - net.ns.arcCost(b) || a - b);
    for (const a of arcs) {
      const from = net.ns.endpoints(a)[0];
      const chain = net.chains[net.arcSource[a]!]!;
      let min = Infinity;
      for (let i = posOf[from]!; i < chain.length; i++) min = Math.min(min, room[chain[i]!]!);
      if (min < y) continue;
      for (let i = posOf[from]!; i < chain.length; i++) room[chain[i]!] = room[chain[i]!]! - y;
      parent[net.needNode[n]!] = a;
      break;
    }
  }
  return parent;
}
