// The planner's input, checked and indexed once: free supply per source and week after kept lines,
// kept quantity per need, which source-need pairs are allowed, and the cost of an arc.
import { DomainError } from "../errors";
import { EARTH_RADIUS_KM, haversineKm } from "../geo";
import type { PlannerInput, PlannerNeed, PlannerSource } from "./types";

/** Cost of an arc when either end has no location: half the Earth's circumference, the largest
 * distance two places can be apart. So located supply is always preferred, the rule needs nothing
 * from the rest of the instance, and the reference LP gets exactly the same cost. */
export const UNKNOWN_DISTANCE_KM = Math.PI * EARTH_RADIUS_KM;

export interface Instance {
  horizon: number;
  sources: PlannerSource[];
  needs: PlannerNeed[];
  /** free[s][w]: supply of source s first available in week w, minus what kept lines use. */
  free: Float64Array[];
  /** Kept (fixed) quantity per need. */
  kept: Float64Array;
  /** Per need, the source indices it must not be offered again. */
  excludedOf: Array<Set<number> | undefined>;
  /** Sources named in at least one excluded pair: the aggregation keeps them apart. */
  excludedSources: Set<number>;
  acceptedOf: Array<Set<string>>;
  /** Unit vectors of located places (NaN when unlocated), for fast nearest-first comparisons. */
  sourceXyz: Float64Array;
  needXyz: Float64Array;
  quantumOfSpec(spec: string): number;
}

function problem(fields: Record<string, string[]>, key: string, message: string) {
  (fields[key] ??= []).push(message);
}

const isWeek = (w: unknown, horizon: number) => Number.isInteger(w) && (w as number) >= 0 && (w as number) < horizon;
const isQty = (q: unknown) => typeof q === "number" && Number.isFinite(q) && q >= 0;
const isLocated = (lat: number | null, lng: number | null) =>
  lat !== null && lng !== null && Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180;

function xyzInto(out: Float64Array, i: number, lat: number | null, lng: number | null) {
  if (!isLocated(lat, lng)) {
    out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = NaN;
    return;
  }
  const phi = ((lat as number) * Math.PI) / 180;
  const lam = ((lng as number) * Math.PI) / 180;
  out[3 * i] = Math.cos(phi) * Math.cos(lam);
  out[3 * i + 1] = Math.cos(phi) * Math.sin(lam);
  out[3 * i + 2] = Math.sin(phi);
}

/** Checks the input's shape and builds the index. Throws VALIDATION_FAILED (with fields) on bad input:
 * the session service maps it to 400 like any other validation problem. */
export function buildInstance(input: PlannerInput): Instance {
  const fields: Record<string, string[]> = {};
  const horizon = input.horizonWeeks;
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > 520) problem(fields, "horizonWeeks", "must be a whole number of weeks from 1 to 520");
  const sourceIndex = new Map<string, number>();
  input.sources.forEach((s, i) => {
    if (sourceIndex.has(s.id)) problem(fields, `sources.${i}.id`, "duplicate source id");
    sourceIndex.set(s.id, i);
    s.supply.forEach((e, j) => {
      if (!isWeek(e.week, horizon)) problem(fields, `sources.${i}.supply.${j}.week`, "outside the horizon");
      if (!isQty(e.quantity)) problem(fields, `sources.${i}.supply.${j}.quantity`, "must be a finite number >= 0");
    });
  });
  const needIndex = new Map<string, number>();
  input.needs.forEach((n, i) => {
    if (needIndex.has(n.id)) problem(fields, `needs.${i}.id`, "duplicate need id");
    needIndex.set(n.id, i);
    if (!(typeof n.quantity === "number" && Number.isFinite(n.quantity) && n.quantity > 0)) problem(fields, `needs.${i}.quantity`, "must be a finite number > 0");
    if (!isWeek(n.dueWeek, horizon)) problem(fields, `needs.${i}.dueWeek`, "outside the horizon");
    if (n.acceptedResourceSpecIds.length === 0) problem(fields, `needs.${i}.acceptedResourceSpecIds`, "must name at least one resource");
  });
  const fixed = input.fixedLines ?? [];
  fixed.forEach((l, i) => {
    if (!sourceIndex.has(l.sourceId)) problem(fields, `fixedLines.${i}.sourceId`, "unknown source");
    if (!needIndex.has(l.needId)) problem(fields, `fixedLines.${i}.needId`, "unknown need");
    if (!isWeek(l.week, horizon)) problem(fields, `fixedLines.${i}.week`, "outside the horizon");
    if (!isQty(l.quantity)) problem(fields, `fixedLines.${i}.quantity`, "must be a finite number >= 0");
  });
  for (const [spec, q] of Object.entries(input.quantumBySpec ?? {})) {
    if (!(typeof q === "number" && Number.isFinite(q) && q > 0)) problem(fields, `quantumBySpec.${spec}`, "must be a number > 0");
  }
  if (Object.keys(fields).length > 0) throw new DomainError("VALIDATION_FAILED", "The planner's input is not valid", fields);

  const free = input.sources.map((s) => {
    const perWeek = new Float64Array(horizon);
    for (const e of s.supply) perWeek[e.week] = perWeek[e.week]! + e.quantity;
    return perWeek;
  });
  const kept = new Float64Array(input.needs.length);
  // A kept line uses its own week's supply first, then supply carried from earlier weeks (latest
  // first, which keeps the earliest supply free for needs due soonest), and only then later weeks' (a
  // line kept for a week before the source has enough: its maker promised those units, so nobody else
  // is offered them). Over-committed kept lines stay kept: people agreed to them; the planner just has
  // nothing left there to offer.
  const fixedSorted = [...fixed].sort((a, b) => a.week - b.week);
  for (const l of fixedSorted) {
    const perWeek = free[sourceIndex.get(l.sourceId)!]!;
    let rest = l.quantity;
    const take = (w: number) => {
      const q = Math.min(rest, perWeek[w]!);
      perWeek[w] = perWeek[w]! - q;
      rest -= q;
    };
    for (let w = l.week; w >= 0 && rest > 0; w--) take(w);
    for (let w = l.week + 1; w < horizon && rest > 0; w++) take(w);
    const n = needIndex.get(l.needId)!;
    kept[n] = kept[n]! + l.quantity;
  }
  const excludedOf: Array<Set<number> | undefined> = new Array(input.needs.length);
  const excludedSources = new Set<number>();
  for (const p of input.excludedPairs ?? []) {
    const s = sourceIndex.get(p.sourceId);
    const n = needIndex.get(p.needId);
    if (s === undefined || n === undefined) continue; // a pair naming a gone signal excludes nothing
    (excludedOf[n] ??= new Set()).add(s);
    excludedSources.add(s);
  }
  const sourceXyz = new Float64Array(3 * input.sources.length);
  input.sources.forEach((s, i) => xyzInto(sourceXyz, i, s.lat, s.lng));
  const needXyz = new Float64Array(3 * input.needs.length);
  input.needs.forEach((n, i) => xyzInto(needXyz, i, n.lat, n.lng));
  const quanta = input.quantumBySpec ?? {};
  return {
    horizon,
    sources: input.sources,
    needs: input.needs,
    free,
    kept,
    excludedOf,
    excludedSources,
    acceptedOf: input.needs.map((n) => new Set(n.acceptedResourceSpecIds)),
    sourceXyz,
    needXyz,
    quantumOfSpec: (spec) => quanta[spec] ?? 1,
  };
}

/** May source s serve need n at all (resource accepted, pair not declined)? Weeks are checked apart. */
export function isAllowed(inst: Instance, s: number, n: number): boolean {
  return inst.acceptedOf[n]!.has(inst.sources[s]!.resourceSpecId) && !inst.excludedOf[n]?.has(s);
}

/** Great-circle km between a source and a need, or null when either has no location. */
export function distanceKm(inst: Instance, s: number, n: number): number | null {
  const a = inst.sources[s]!;
  const b = inst.needs[n]!;
  if (!isLocated(a.lat, a.lng) || !isLocated(b.lat, b.lng)) return null;
  return haversineKm({ lat: a.lat!, lng: a.lng! }, { lat: b.lat!, lng: b.lng! });
}

/** The transport cost of one unit on an arc (stage 3): great-circle km between the unit vectors, the
 * same distance as haversineKm to ~1e-12 km. atan2(|a x b|, a . b) is accurate at every distance and
 * cheap enough for the pricing loop, which costs millions of pairs. Unlocated: UNKNOWN_DISTANCE_KM. */
export function arcCost(inst: Instance, s: number, n: number): number {
  const a = inst.sourceXyz;
  const b = inst.needXyz;
  const ax = a[3 * s]!, ay = a[3 * s + 1]!, az = a[3 * s + 2]!;
  const bx = b[3 * n]!, by = b[3 * n + 1]!, bz = b[3 * n + 2]!;
  if (Number.isNaN(ax) || Number.isNaN(bx)) return UNKNOWN_DISTANCE_KM;
  const cx = ay * bz - az * by;
  const cy = az * bx - ax * bz;
  const cz = ax * by - ay * bx;
  return EARTH_RADIUS_KM * Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), ax * bx + ay * by + az * bz);
}

/** Earliest week in which s has free supply, or -1. */
export function firstSupplyWeek(inst: Instance, s: number): number {
  const perWeek = inst.free[s]!;
  for (let w = 0; w < perWeek.length; w++) if (perWeek[w]! > 0) return w;
  return -1;
}
