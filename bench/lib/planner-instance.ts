// A seeded, realistic planning instance for bench:planner: a few resources (two face-shield variants
// that substitute for each other, masks by the metre as a divisible unit), makers clustered in cities,
// rated weekly capacity and stock lumps, due weeks, a scarce resource whose needs get little, some
// places unknown, kept lines, declined pairs and stated preferences.
import type { PlannerInput, PlannerNeed, PlannerSource } from "../../server/domain/planner/types";

/** Mulberry32: small, fast and good enough to make instances reproducible from a seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SPECS = [
  { id: "shield-pla", weight: 0.3, substitutes: ["shield-petg"], supplyFactor: 0.9 },
  { id: "shield-petg", weight: 0.15, substitutes: ["shield-pla"], supplyFactor: 1.1 },
  { id: "ear-saver", weight: 0.2, substitutes: [], supplyFactor: 1.3 },
  { id: "gown", weight: 0.15, substitutes: [], supplyFactor: 0.25 },
  { id: "mask-fabric-m", weight: 0.2, substitutes: [], supplyFactor: 0.8 },
];

const CITIES = [
  [52.52, 13.4], [48.14, 11.58], [50.94, 6.96], [53.55, 9.99], [48.78, 9.18], [51.34, 12.37], [51.05, 13.74],
  [50.11, 8.68], [49.45, 11.08], [47.37, 8.54], [48.21, 16.37], [50.08, 14.44], [52.37, 4.9], [51.51, -0.13],
] as const;

export function plannerInstance(seed: number, nNeeds: number, nSources: number, weeks: number): PlannerInput {
  const r = rng(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const spec = () => {
    let x = r();
    for (const s of SPECS) if ((x -= s.weight) < 0) return s;
    return SPECS[0]!;
  };
  // Gaussian-ish spread of about 25 km around a city; 2% of places unknown.
  const place = () => {
    if (r() < 0.02) return { lat: null, lng: null };
    const [lat, lng] = pick(CITIES);
    const g = () => r() + r() + r() - 1.5;
    return { lat: lat + g() * 0.25, lng: lng + g() * 0.35 };
  };
  const demandOf = () => Math.round(5 + 200 * r() ** 3);
  const needs: PlannerNeed[] = [];
  const demandBySpec = new Map<string, number>();
  for (let n = 0; n < nNeeds; n++) {
    const s = spec();
    const quantity = demandOf();
    demandBySpec.set(s.id, (demandBySpec.get(s.id) ?? 0) + quantity);
    needs.push({
      id: `need-${n}`,
      acceptedResourceSpecIds: s.substitutes.length && r() < 0.7 ? [s.id, ...s.substitutes] : [s.id],
      quantity,
      dueWeek: r() < 0.1 ? 0 : Math.min(weeks - 1, 1 + Math.floor(r() * weeks)),
      ...place(),
      label: `Need ${n}`,
    });
  }
  const sources: PlannerSource[] = [];
  const countBySpec = new Map<string, number>();
  const specOfSource = Array.from({ length: nSources }, () => spec());
  for (const s of specOfSource) countBySpec.set(s.id, (countBySpec.get(s.id) ?? 0) + 1);
  for (let i = 0; i < nSources; i++) {
    const s = specOfSource[i]!;
    // Each resource's supply over the horizon is about supplyFactor x its demand, spread over its makers.
    const share = ((demandBySpec.get(s.id) ?? 0) * s.supplyFactor) / (countBySpec.get(s.id) ?? 1);
    const supply: PlannerSource["supply"] = [];
    if (r() < 0.3) supply.push({ week: 0, quantity: Math.round(share * (0.5 + r())) });
    else {
      const from = Math.floor(r() * Math.min(3, weeks));
      const rate = Math.max(1, Math.round((share / (weeks - from)) * (0.5 + r())));
      for (let w = from; w < weeks; w++) supply.push({ week: w, quantity: rate });
    }
    sources.push({ id: `source-${i}`, resourceSpecId: s.id, supply, ...place(), label: `Maker ${i}` });
  }
  for (let k = 0; k < nSources / 10; k++) {
    const src = pick(sources);
    (src.preferredNeedIds ??= []).push(pick(needs).id);
  }
  // Kept lines: a few accepted answers from an earlier run (within what the maker has).
  const fixedLines: NonNullable<PlannerInput["fixedLines"]> = [];
  for (let k = 0; k < nNeeds / 40; k++) {
    const need = pick(needs);
    const src = sources.find((s) => need.acceptedResourceSpecIds.includes(s.resourceSpecId) && s.supply[0]!.week <= need.dueWeek);
    if (!src) continue;
    fixedLines.push({ sourceId: src.id, needId: need.id, week: src.supply[0]!.week, quantity: Math.min(need.quantity, 1 + Math.floor(src.supply[0]!.quantity / 4)) });
  }
  const excludedPairs = Array.from({ length: Math.floor(nNeeds / 40) }, () => ({ sourceId: pick(sources).id, needId: pick(needs).id }));
  return { horizonWeeks: weeks, sources, needs, fixedLines, excludedPairs, quantumBySpec: { "mask-fabric-m": 0.001 } };
}
