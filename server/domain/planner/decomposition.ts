// Stages 1 and 2 of the objective: the most demand met, and among those the leximin-fairest shares.
// The achievable met vectors form a polymatroid (sink amounts of a transportation network), so both
// stages together are its lexicographically optimal base with respect to the needs' quantities
// (Fujishige 1980; Megiddo 1974). The decomposition algorithm finds it with a handful of max flows:
// water-fill the supply over the needs; if a max flow cannot deliver that level, the needs the residual
// graph cannot reach form a tight set that uses all of its neighbourhood, and the two halves are solved
// apart. Docs: docs/adr/033-the-planners-objective.md.
//
// Distance plays no part here, so supplies of the same resource and week are interchangeable and needs
// with the same accepted resources and due week (no kept lines, no declined pairs) get the same share:
// the graph is one node per (resource, week) and per group of needs, small even for 30,000 needs.
import { MaxFlowGraph } from "./max-flow";
import type { Instance } from "./instance";

interface NeedNode {
  /** Needs in this node (one, or a group of interchangeable needs). */
  members: number[];
  quantity: number;
  kept: number;
  buckets: number[];
}

export interface FairShares {
  /** Met quantity per need (kept + suggested), continuous. */
  met: Float64Array;
  /** The share level of the tight group each need ended in (1 when fully met). */
  level: Float64Array;
  /** How many needs share that level in the same tight group. */
  groupSize: Int32Array;
  /** The independent part ("leaf") each need ended in (-1: nothing to plan), and per source and week
   * the leaf its supply belongs to: a tight group uses all of its supply and nobody else may, so
   * stage 3 solves each leaf on its own. */
  leafOfNeed: Int32Array;
  leafOfSupply: Int32Array[];
  leaves: number;
}

/** max{lambda <= 1 : sum_n max(0, lambda q_n - k_n) <= capacity}: the water level supply reaches. */
export function waterLevel(nodes: Array<{ quantity: number; kept: number }>, capacity: number): number {
  let need1 = 0;
  for (const x of nodes) need1 += Math.max(0, x.quantity - x.kept);
  if (need1 <= capacity) return 1;
  const order = nodes.filter((x) => x.kept < x.quantity).sort((a, b) => a.kept / a.quantity - b.kept / b.quantity);
  // Between breakpoints the filled amount is lambda * sumQ - sumK over the nodes already under water.
  let sumQ = 0;
  let sumK = 0;
  for (let i = 0; i < order.length; i++) {
    sumQ += order[i]!.quantity;
    sumK += order[i]!.kept;
    const lambda = (capacity + sumK) / sumQ;
    const nextBreak = i + 1 < order.length ? order[i + 1]!.kept / order[i + 1]!.quantity : 1;
    if (lambda <= nextBreak) return Math.min(1, lambda);
  }
  return 1;
}

function bucketsOf(inst: Instance) {
  const key = new Map<string, number>();
  const cap: number[] = [];
  const week: number[] = [];
  /** Per source and week, the bucket its free supply is in (-1: none). */
  const ofSourceWeek: Int32Array[] = inst.sources.map((src, s) => {
    const row = new Int32Array(inst.horizon).fill(-1);
    const g = inst.excludedSources.has(s) ? `s:${s}` : `r:${src.resourceSpecId}`;
    for (let w = 0; w < inst.horizon; w++) {
      const q = inst.free[s]![w]!;
      if (!(q > 0)) continue;
      const k = `${g}|${w}`;
      let b = key.get(k);
      if (b === undefined) {
        b = cap.length;
        key.set(k, b);
        cap.push(0);
        week.push(w);
      }
      cap[b] = cap[b]! + q;
      row[w] = b;
    }
    return row;
  });
  return { key, cap, week, ofSourceWeek };
}

function needNodes(inst: Instance, b: ReturnType<typeof bucketsOf>): NeedNode[] {
  const bySpec = new Map<string, number[]>(); // spec -> sources of that spec kept apart
  inst.excludedSources.forEach((s) => {
    const spec = inst.sources[s]!.resourceSpecId;
    (bySpec.get(spec) ?? bySpec.set(spec, []).get(spec)!).push(s);
  });
  const neighbours = (n: number): number[] => {
    const due = inst.needs[n]!.dueWeek;
    const out: number[] = [];
    for (const spec of inst.acceptedOf[n]!) {
      for (let w = 0; w <= due; w++) {
        const bk = b.key.get(`r:${spec}|${w}`);
        if (bk !== undefined) out.push(bk);
      }
      for (const s of bySpec.get(spec) ?? []) {
        if (inst.excludedOf[n]?.has(s)) continue;
        for (let w = 0; w <= due; w++) if (b.ofSourceWeek[s]![w]! >= 0) out.push(b.ofSourceWeek[s]![w]!);
      }
    }
    return out;
  };
  const groups = new Map<string, NeedNode>();
  const nodes: NeedNode[] = [];
  inst.needs.forEach((need, n) => {
    const individual = inst.kept[n]! > 0 || inst.excludedOf[n] !== undefined;
    const k = individual ? "" : `${[...inst.acceptedOf[n]!].sort().join("\u0000")}|${need.dueWeek}`;
    const g = individual ? undefined : groups.get(k);
    if (g) {
      g.members.push(n);
      g.quantity += need.quantity;
      return;
    }
    const node: NeedNode = { members: [n], quantity: need.quantity, kept: inst.kept[n]!, buckets: neighbours(n) };
    nodes.push(node);
    if (!individual) groups.set(k, node);
  });
  return nodes;
}

/** Stages 1-2: the met quantity of every need at the leximin-optimal (and so total-maximal) point. */
export function fairShares(inst: Instance): FairShares {
  const nNeeds = inst.needs.length;
  const met = new Float64Array(nNeeds);
  const level = new Float64Array(nNeeds);
  const groupSize = new Int32Array(nNeeds);
  const b = bucketsOf(inst);
  const nodes = needNodes(inst, b);

  const leafOfNeed = new Int32Array(nNeeds).fill(-1);
  const leafOfBucket = new Int32Array(b.cap.length).fill(-1);
  let leaves = 0;
  const assign = (U: number[], lambda: number, V?: number[]) => {
    const leaf = V ? leaves++ : -1;
    if (V) for (const bk of V) leafOfBucket[bk] = leaf;
    let size = 0;
    for (const u of U) size += nodes[u]!.members.length;
    for (const u of U) {
      const node = nodes[u]!;
      for (const n of node.members) {
        const q = inst.needs[n]!.quantity;
        met[n] = node.members.length === 1 ? Math.max(node.kept, lambda * q) : lambda * q;
        level[n] = lambda;
        groupSize[n] = size;
        leafOfNeed[n] = leaf;
      }
    }
  };

  // Needs already met by kept lines, or with nothing reachable, are settled before any flow.
  const active: number[] = [];
  nodes.forEach((node, u) => {
    if (node.kept >= node.quantity || node.buckets.length === 0) assign([u], node.kept / node.quantity);
    else active.push(u);
  });

  const stack: Array<{ U: number[]; V: Set<number> }> = [{ U: active, V: new Set(b.cap.keys()) }];
  while (stack.length) {
    const { U, V: Vin } = stack.pop()!;
    if (U.length === 0) continue;
    const V: number[] = [];
    const seenB = new Set<number>();
    for (const u of U) {
      for (const bk of nodes[u]!.buckets) {
        if (!Vin.has(bk) || seenB.has(bk)) continue;
        seenB.add(bk);
        V.push(bk);
      }
    }
    let capacity = 0;
    for (const bk of V) capacity += b.cap[bk]!;
    const lambda = waterLevel(U.map((u) => nodes[u]!), capacity);
    // Node ids: 0 = s, 1 = t, then the buckets, then the need nodes.
    const bIndex = new Map<number, number>();
    V.forEach((bk, i) => bIndex.set(bk, 2 + i));
    const g = new MaxFlowGraph(2 + V.length + U.length, 1e-12 * Math.max(1, capacity));
    V.forEach((bk, i) => g.addArc(0, 2 + i, b.cap[bk]!));
    let target = 0;
    U.forEach((u, j) => {
      const node = nodes[u]!;
      const id = 2 + V.length + j;
      for (const bk of node.buckets) {
        const bi = bIndex.get(bk);
        if (bi !== undefined) g.addArc(bi, id, Infinity);
      }
      const want = Math.max(0, lambda * node.quantity - node.kept);
      target += want;
      g.addArc(id, 1, want);
    });
    const flow = g.maxFlow(0, 1);
    if (flow >= target - 1e-9 * Math.max(1, target)) {
      assign(U, lambda, V);
      continue;
    }
    const reach = g.reachableFrom(0);
    const tight: number[] = [];
    const rest: number[] = [];
    U.forEach((u, j) => (reach[2 + V.length + j] ? rest : tight).push(u));
    if (tight.length === 0 || rest.length === 0) {
      assign(U, lambda, V); // only rounding noise separated the levels
      continue;
    }
    const tightV = new Set<number>();
    const restV = new Set<number>();
    V.forEach((bk, i) => (reach[2 + i] ? restV : tightV).add(bk));
    stack.push({ U: rest, V: restV }, { U: tight, V: tightV });
  }
  const leafOfSupply = b.ofSourceWeek.map((row) => row.map((bk) => (bk < 0 ? -1 : leafOfBucket[bk]!)));
  return { met, level, groupSize, leafOfNeed, leafOfSupply, leaves };
}
