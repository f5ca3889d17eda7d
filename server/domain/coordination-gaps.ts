// The coordinator's view (ADR 026): for each resource specification and region, open demand against free
// supply, and the gap between them. Pure: the service reads grouped rows from the database and passes the
// clock; this file decides what counts.
//
// - Demand is what needs and orders still ask for that has not been delivered, split into what nobody has
//   claimed yet and what is claimed but not yet delivered. Only the unclaimed part makes a gap: claimed
//   demand has someone on it (the at-risk list watches whether they keep their word).
// - Free supply is what could be claimed now or within two weeks: the free weeks of rated capacity (this
//   ISO week and next, never more than the signal's unclaimed total), the unclaimed quantity of unrated
//   capacity and of stock offered in that window. Supply is compared only within its own region: moving
//   goods between regions is a decision for people, not an assumption of the sum.
// - Quantities of different specifications are never added: one specification has one unit.
import { weekKeyOf, weekStart, type Rate, type WeekKey } from "./capacity-calendar";
import { compareQty, subQty, sumQty } from "./quantity";
import type { CoordinationBoardDto } from "./coordination-query";
import { regionOf, type Region } from "./regions";

export type OfferOrRequestKind = "need" | "order" | "capacity" | "stock";

/** Open signals of one kind, specification and pair of place names, summed (one row of a GROUP BY). */
export interface SignalGroup {
  resourceSpecId: string;
  kind: OfferOrRequestKind;
  /** The signals' own place name. */
  place: string | null;
  /** The place of the organization they are posted for. */
  orgPlace: string | null;
  quantity: number;
  claimed: number;
  delivered: number;
  signals: number;
}

/** An open capacity signal with a rate per week, and what live claims booked of each week. */
export interface RatedCapacity {
  resourceSpecId: string;
  place: string | null;
  orgPlace: string | null;
  quantity: number;
  claimed: number;
  rate: Rate;
  availableFrom: Date | null;
  availableUntil: Date;
  createdAt: Date;
  booked: ReadonlyMap<WeekKey, number>;
}

export interface SpecRef {
  id: string;
  name: string;
  unit: string;
}

export interface GapFilter {
  resource?: string | undefined;
  region?: string | undefined;
}

export interface GapRow {
  resourceSpec: SpecRef;
  region: Region;
  demand: {
    /** Asked for and not yet delivered. */
    open: number;
    unclaimed: number;
    claimedNotDelivered: number;
    signals: number;
  };
  supply: {
    /** Free capacity this ISO week and next. */
    capacity: number;
    /** Unclaimed stock on offer. */
    stock: number;
    total: number;
    signals: number;
  };
  /** Unclaimed demand minus free supply; 0 when supply covers it. */
  gap: number;
}

export interface Heatmap {
  resources: SpecRef[];
  regions: Region[];
  /** cells[i][j]: the gap of resources[i] in regions[j] (0 where there is none). */
  cells: number[][];
}

export interface GapsView {
  /** The two ISO weeks free capacity is counted over. */
  weeks: { current: WeekKey; next: WeekKey; from: string; until: string };
  rows: GapRow[];
  heatmap: Heatmap;
  /** What the filters can choose from: every specification and region with anything open, before filtering. */
  options: { resources: SpecRef[]; regions: Region[] };
}

/** GET /coordination/gaps. */
export type GapsAnswer = GapsView & { boards: CoordinationBoardDto[]; unitRule: string };

export const UNIT_RULE =
  "Each resource specification has one unit; quantities of different specifications are never added together.";

const WEEK_MS = 7 * 24 * 3_600_000;

/** This ISO week and next: [Monday of this week, Monday after next), UTC. */
export function supplyWindow(now: Date): { current: WeekKey; next: WeekKey; from: Date; until: Date } {
  const current = weekKeyOf(now);
  const from = weekStart(current)!;
  const next = weekKeyOf(new Date(from.getTime() + WEEK_MS));
  return { current, next, from, until: new Date(from.getTime() + 2 * WEEK_MS) };
}

/**
 * What a rated capacity has free over this week and next, never more than its unclaimed total. Each of the
 * two weeks counts when it overlaps the signal's window (as in calendarOf), with the rate less its bookings.
 */
export function ratedFree(c: RatedCapacity, now: Date): number {
  const window = supplyWindow(now);
  const from = (c.availableFrom ?? c.createdAt).getTime();
  const until = c.availableUntil.getTime();
  const weeks = [
    { key: window.current, start: window.from.getTime() },
    { key: window.next, start: window.from.getTime() + WEEK_MS },
  ].filter((w) => w.start < until && w.start + WEEK_MS > from);
  const free = sumQty(weeks.map((w) => Math.max(0, subQty(c.rate.quantity, c.booked.get(w.key) ?? 0))));
  const unclaimed = Math.max(0, subQty(c.quantity, c.claimed));
  return compareQty(free, unclaimed) > 0 ? unclaimed : free;
}

interface Acc {
  spec: string;
  region: Region;
  open: number[];
  unclaimed: number[];
  claimedNotDelivered: number[];
  demandSignals: number;
  capacity: number[];
  stock: number[];
  supplySignals: number;
}

const nonNegative = (n: number) => (n > 0 ? n : 0);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function byName<T extends { name: string }>(a: T, b: T) {
  return a.name.localeCompare(b.name);
}

export function computeGaps(args: {
  groups: SignalGroup[];
  rated: RatedCapacity[];
  specs: ReadonlyMap<string, SpecRef>;
  now: Date;
  filter: GapFilter;
}): GapsView {
  const window = supplyWindow(args.now);
  const cells = new Map<string, Acc>();
  const regionNames = new Map<string, Region>();
  const acc = (spec: string, place: string | null, orgPlace: string | null): Acc => {
    const found = regionOf(place, orgPlace);
    // The first spelling met names the region for everyone ("Berlin" and "berlin" are one region).
    const region = regionNames.get(found.key) ?? (regionNames.set(found.key, found), found);
    const key = `${spec}\u0000${region.key}`;
    let a = cells.get(key);
    if (!a) {
      a = { spec, region, open: [], unclaimed: [], claimedNotDelivered: [], demandSignals: 0, capacity: [], stock: [], supplySignals: 0 };
      cells.set(key, a);
    }
    return a;
  };

  // Spellings in code-point order, so the name a region shows does not depend on the order rows arrive in
  // or on the database's collation: of "Berlin" and "berlin", "Berlin" names the region.
  const nameOf = (g: SignalGroup) => regionOf(g.place, g.orgPlace).name;
  const groups = [...args.groups].sort((x, y) => cmp(nameOf(x), nameOf(y)));
  for (const g of groups) {
    const a = acc(g.resourceSpecId, g.place, g.orgPlace);
    if (g.kind === "need" || g.kind === "order") {
      a.open.push(nonNegative(subQty(g.quantity, g.delivered)));
      a.unclaimed.push(nonNegative(subQty(g.quantity, g.claimed)));
      a.claimedNotDelivered.push(nonNegative(subQty(g.claimed, g.delivered)));
      a.demandSignals += g.signals;
    } else {
      (g.kind === "stock" ? a.stock : a.capacity).push(nonNegative(subQty(g.quantity, g.claimed)));
      a.supplySignals += g.signals;
    }
  }
  for (const c of args.rated) {
    const a = acc(c.resourceSpecId, c.place, c.orgPlace);
    a.capacity.push(ratedFree(c, args.now));
    a.supplySignals += 1;
  }

  const all: GapRow[] = [];
  for (const a of cells.values()) {
    const spec = args.specs.get(a.spec);
    if (!spec) continue;
    const unclaimed = sumQty(a.unclaimed);
    const capacity = sumQty(a.capacity);
    const stock = sumQty(a.stock);
    const total = sumQty([capacity, stock]);
    const row: GapRow = {
      resourceSpec: spec,
      region: a.region,
      demand: { open: sumQty(a.open), unclaimed, claimedNotDelivered: sumQty(a.claimedNotDelivered), signals: a.demandSignals },
      supply: { capacity, stock, total, signals: a.supplySignals },
      gap: nonNegative(subQty(unclaimed, total)),
    };
    // "Anything open": demand not yet delivered, or supply that could still be claimed.
    if (row.demand.open > 0 || total > 0) all.push(row);
  }

  const options = {
    resources: [...new Map(all.map((r) => [r.resourceSpec.id, r.resourceSpec])).values()].sort(byName),
    regions: [...new Map(all.map((r) => [r.region.key, r.region])).values()].sort(byName),
  };
  const rows = all
    .filter((r) => (!args.filter.resource || r.resourceSpec.id === args.filter.resource) && (!args.filter.region || r.region.key === args.filter.region))
    .sort((a, b) => b.gap - a.gap || b.demand.unclaimed - a.demand.unclaimed || byName(a.resourceSpec, b.resourceSpec) || byName(a.region, b.region));

  return {
    weeks: { current: window.current, next: window.next, from: window.from.toISOString(), until: window.until.toISOString() },
    rows,
    heatmap: heatmapOf(rows),
    options,
  };
}

/** Resources × regions of unmet demand, the largest totals first on both axes. */
export function heatmapOf(rows: GapRow[]): Heatmap {
  const unmet = rows.filter((r) => r.gap > 0);
  const totals = (key: (r: GapRow) => string) => {
    const t = new Map<string, number>();
    for (const r of unmet) t.set(key(r), sumQty([t.get(key(r)) ?? 0, r.gap]));
    return t;
  };
  const specTotals = totals((r) => r.resourceSpec.id);
  const regionTotals = totals((r) => r.region.key);
  const resources = [...new Map(unmet.map((r) => [r.resourceSpec.id, r.resourceSpec])).values()].sort(
    (a, b) => specTotals.get(b.id)! - specTotals.get(a.id)! || byName(a, b),
  );
  const regions = [...new Map(unmet.map((r) => [r.region.key, r.region])).values()].sort(
    (a, b) => regionTotals.get(b.key)! - regionTotals.get(a.key)! || byName(a, b),
  );
  const gapOf = new Map(unmet.map((r) => [`${r.resourceSpec.id}\u0000${r.region.key}`, r.gap]));
  return {
    resources,
    regions,
    cells: resources.map((s) => regions.map((g) => gapOf.get(`${s.id}\u0000${g.key}`) ?? 0)),
  };
}
