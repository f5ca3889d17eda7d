// Which source-need pairs become arcs of stage 3's network: first each need's nearest candidate
// sources, then (column generation) the pairs whose reduced cost under the current duals is negative,
// until none is. Both loops visit every allowed pair, 5 million of them per pass at the scale of the
// 2020 maker response, so they run over typed arrays with no closure or allocation per pair.
import { EARTH_RADIUS_KM } from "../geo";
import { arcCost, UNKNOWN_DISTANCE_KM, type Instance } from "./instance";
import { addPair, type Network } from "./transport-network";

/** Nearest candidate sources per need to start from (the rest join by pricing, if their reduced cost
 * says so). When the needs have not many more allowed pairs than this, all pairs start as arcs. */
const CANDIDATES = 12;
/** At most this many new arcs per need per pricing round (the most negative ones). The first round
 * prices with the duals of a restricted problem that is usually infeasible (the nearest sources cannot
 * cover a crowded leaf), so its reduced costs are rough; 16 rather than 8 took the session benchmark's
 * instance from 36 rounds to 14 and its planner from 3.0-3.7 s to 2.4-2.9 s, with more rounds no faster. */
const PRICED_PER_NEED = 16;

/** Per need, the lists of sources (with free supply at all) of each resource it accepts. */
export interface SourceLists {
  bySpec: Map<string, Int32Array>;
  ofNeed(n: number): Int32Array[];
}

export function sourceLists(inst: Instance): SourceLists {
  const grouped = new Map<string, number[]>();
  inst.sources.forEach((src, s) => {
    if (!inst.free[s]!.some((q) => q > 0)) return;
    (grouped.get(src.resourceSpecId) ?? grouped.set(src.resourceSpecId, []).get(src.resourceSpecId)!).push(s);
  });
  const bySpec = new Map([...grouped].map(([spec, list]) => [spec, Int32Array.from(list)]));
  const cache: Array<Int32Array[] | undefined> = new Array(inst.needs.length);
  const ofNeed = (n: number) =>
    (cache[n] ??= [...inst.acceptedOf[n]!].flatMap((spec) => {
      const list = bySpec.get(spec);
      return list ? [list] : [];
    }));
  return { bySpec, ofNeed };
}

/** dot(source s, need n) of their unit vectors: larger is nearer; NaN when either is unlocated. */
export function dot(inst: Instance, s: number, n: number): number {
  const a = inst.sourceXyz;
  const b = inst.needXyz;
  return a[3 * s]! * b[3 * n]! + a[3 * s + 1]! * b[3 * n + 1]! + a[3 * s + 2]! * b[3 * n + 2]!;
}

/** May s serve n in its due week at all within this network (supply in time, not declined)? */
const usable = (inst: Instance, net: Network, s: number, n: number, due: number) =>
  net.attach[s * inst.horizon + due]! >= 0 && !inst.excludedOf[n]?.has(s);

/** Adds each need's nearest candidates (and every pair a source prefers) as arcs, in one pass over the
 * allowed pairs that also counts them. Returns true when all allowed pairs became arcs (few enough that
 * pricing would not pay), so no pricing is needed. */
export function seedArcs(inst: Instance, net: Network, lists: SourceLists, active: number[]): boolean {
  const needIndex = new Map(inst.needs.map((x, n) => [x.id, n]));
  const preferred = new Set<number>();
  inst.sources.forEach((src, s) => {
    for (const id of src.preferredNeedIds ?? []) {
      const n = needIndex.get(id);
      if (n !== undefined) preferred.add(s * inst.needs.length + n);
    }
  });
  // Per need, the best CANDIDATES nearest first by the chord; unlocated ends sort last (key -2).
  const bestS = new Int32Array(active.length * CANDIDATES);
  const bestKey = new Float64Array(CANDIDATES);
  const counts = new Uint8Array(active.length);
  let pairs = 0;
  active.forEach((n, k) => {
    const due = inst.needs[n]!.dueWeek;
    const base = k * CANDIDATES;
    let count = 0;
    for (const list of lists.ofNeed(n)) {
      for (let i = 0; i < list.length; i++) {
        const s = list[i]!;
        if (!usable(inst, net, s, n, due)) continue;
        pairs++;
        if (preferred.size > 0 && preferred.has(s * inst.needs.length + n)) addPair(net, inst, s, n, arcCost(inst, s, n));
        const d = dot(inst, s, n);
        const key = Number.isNaN(d) ? -2 : d;
        if (count === CANDIDATES && !(key > bestKey[CANDIDATES - 1]!)) continue;
        let j = count < CANDIDATES ? count++ : CANDIDATES - 1;
        while (j > 0 && bestKey[j - 1]! < key) {
          bestKey[j] = bestKey[j - 1]!;
          bestS[base + j] = bestS[base + j - 1]!;
          j--;
        }
        bestKey[j] = key;
        bestS[base + j] = s;
      }
    }
    counts[k] = count;
  });
  const dense = pairs <= 2 * CANDIDATES * active.length;
  active.forEach((n, k) => {
    if (!dense) {
      for (let j = 0; j < counts[k]!; j++) addPair(net, inst, bestS[k * CANDIDATES + j]!, n, arcCost(inst, bestS[k * CANDIDATES + j]!, n));
      return;
    }
    const due = inst.needs[n]!.dueWeek;
    for (const list of lists.ofNeed(n)) for (let i = 0; i < list.length; i++) if (usable(inst, net, list[i]!, n, due)) addPair(net, inst, list[i]!, n, arcCost(inst, list[i]!, n));
  });
  return dense;
}

/** Adds, per need, up to PRICED_PER_NEED allowed pairs whose reduced cost under the current duals is
 * most negative; returns how many. The chord is a lower bound of the great-circle distance
 * (R * chord <= arc), so most pairs are dismissed without a trigonometric call: only those whose chord
 * could undercut the dual gap get their exact cost. */
export function priceArcs(inst: Instance, net: Network, lists: SourceLists, active: number[], eps: number): number {
  const H = inst.horizon;
  const N = inst.needs.length;
  const pi = net.ns.potentials();
  // Potential of the node a source attaches to in each due week (NaN: no supply in time).
  const attachPi = new Float64Array(net.attach.length);
  for (let i = 0; i < attachPi.length; i++) attachPi[i] = net.attach[i]! < 0 ? NaN : pi[net.attach[i]!]!;
  const { sourceXyz: sx, needXyz: nx } = inst;
  const foundS = new Int32Array(PRICED_PER_NEED);
  const foundRc = new Float64Array(PRICED_PER_NEED);
  let added = 0;
  for (const n of active) {
    const pn = pi[net.needNode[n]!]!;
    const due = inst.needs[n]!.dueWeek;
    const excluded = inst.excludedOf[n];
    const x = nx[3 * n]!;
    const y = nx[3 * n + 1]!;
    const z = nx[3 * n + 2]!;
    const needLocated = !Number.isNaN(x);
    let count = 0;
    for (const list of lists.ofNeed(n)) {
      for (let i = 0; i < list.length; i++) {
        const s = list[i]!;
        const gap = pn - attachPi[s * H + due]! - eps; // negative reduced cost iff cost < gap
        if (!(gap > 0)) continue; // NaN too: s has no supply in time here
        const d = needLocated ? sx[3 * s]! * x + sx[3 * s + 1]! * y + sx[3 * s + 2]! * z : NaN;
        if (!Number.isNaN(d)) {
          const g = gap / EARTH_RADIUS_KM;
          if (g < 2 && 2 - 2 * d >= g * g) continue;
        } else if (UNKNOWN_DISTANCE_KM >= gap) continue;
        if (excluded?.has(s) || net.arcOfPair.has(s * N + n)) continue;
        const rc = arcCost(inst, s, n) - gap;
        if (!(rc < 0)) continue;
        if (count === PRICED_PER_NEED && !(rc < foundRc[count - 1]! || (rc === foundRc[count - 1] && s < foundS[count - 1]!))) continue;
        let j = count < PRICED_PER_NEED ? count++ : PRICED_PER_NEED - 1;
        while (j > 0 && (foundRc[j - 1]! > rc || (foundRc[j - 1] === rc && foundS[j - 1]! > s))) {
          foundRc[j] = foundRc[j - 1]!;
          foundS[j] = foundS[j - 1]!;
          j--;
        }
        foundRc[j] = rc;
        foundS[j] = s;
      }
    }
    for (let j = 0; j < count; j++) addPair(net, inst, foundS[j]!, n, arcCost(inst, foundS[j]!, n));
    added += count;
  }
  return added;
}
