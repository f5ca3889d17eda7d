// The coordinator's figures over time (ADR 028): per resource specification and ISO week, stock on hand at
// the week's end, rated capacity booked and free, and demand due against demand met. Everything is
// counted per specification, whose one unit every figure is in, so a chart never adds kg to "each".
// The service aggregates rows in SQL; the folding, the region rule and the week arithmetic are here.
import { addWeeks } from "date-fns";
import { utc } from "@date-fns/utc";
import { z } from "zod";
import { calendarOf, weekKeyOf, weekStart, type WeekKey } from "./capacity-calendar";
import { coordinationQuerySchema } from "./coordination-query";
import { ACTION_EFFECTS, type EconomicAction } from "./ledger-actions";
import { fromThousandths, toThousandths } from "./quantity";
import { regionOf } from "./regions";

export const DEFAULT_SERIES_WEEKS = 8;
/** A year of weeks: enough to see a season, little enough to answer from one aggregate query. */
export const MAX_SERIES_WEEKS = 52;

export const seriesQuerySchema = coordinationQuerySchema.extend({
  weeks: z.coerce
    .number({ error: "Must be a whole number of weeks" })
    .int({ error: "Must be a whole number of weeks" })
    .min(1, { error: "At least 1 week" })
    .max(MAX_SERIES_WEEKS, { error: `At most ${MAX_SERIES_WEEKS} weeks` })
    .default(DEFAULT_SERIES_WEEKS),
});
export type SeriesQuery = z.infer<typeof seriesQuerySchema>;

/**
 * The `count` ISO weeks ending with next week, oldest first: next week is where bookings and due dates
 * already stand, and a coordinator plans one week ahead.
 */
export function seriesWeeks(now: Date, count: number): WeekKey[] {
  const next = addWeeks(now, 1, { in: utc });
  return Array.from({ length: count }, (_, i) => weekKeyOf(addWeeks(next, i - count + 1, { in: utc })));
}

/** [start of the first week, start of the week after the last): the range every query reads. */
export function seriesRange(weeks: WeekKey[]): { from: Date; until: Date } {
  return { from: weekStart(weeks[0]!)!, until: addWeeks(weekStart(weeks.at(-1)!)!, 1, { in: utc }) };
}

/** Whether a place (or, when it has none, its organization's) lies in the region asked for; no region: all. */
export function inRegion(region: string | null | undefined, place: string | null, orgPlace: string | null): boolean {
  return !region || regionOf(place, orgPlace).key === region;
}

/** Ledger events summed by everything that decides their effect on stock; `week` null: before the first week. */
export interface LedgerAggregateRow {
  resourceSpecId: string;
  action: EconomicAction;
  week: WeekKey | null;
  quantity: number;
  /** Where the event happened; `toPlace` where the resource ended up, when elsewhere. */
  place: string | null;
  toPlace: string | null;
  /** The provider's and receiver's organizations' own places, the fallback of a place-less event. */
  providerOrgPlace: string | null;
  receiverOrgPlace: string | null;
}

/**
 * On-hand stock at the end of each week, per specification: the opening balance (every event before the
 * first week) plus each week's change, accumulated. Only the on-hand side counts (what is physically
 * there to ship); each side of an event counts in the region of the place it lands at.
 */
export function stockByWeek(weeks: WeekKey[], rows: LedgerAggregateRow[], region?: string | null): Map<string, number[]> {
  const index = new Map(weeks.map((w, i) => [w, i]));
  const deltas = new Map<string, { opening: number; perWeek: number[] }>();
  for (const r of rows) {
    const eff = ACTION_EFFECTS[r.action];
    const q = toThousandths(r.quantity);
    let change = 0;
    if (eff.from.onHand !== 0 && inRegion(region, r.place, r.providerOrgPlace)) change += eff.from.onHand * q;
    // The receiving side: the provider itself for single-agent actions (a move lands at toPlace).
    const toOrgPlace = eff.singleAgent ? r.providerOrgPlace : r.receiverOrgPlace;
    if (eff.to.onHand !== 0 && inRegion(region, r.toPlace ?? r.place, toOrgPlace)) change += eff.to.onHand * q;
    if (change === 0) continue;
    const d = deltas.get(r.resourceSpecId) ?? { opening: 0, perWeek: weeks.map(() => 0) };
    if (r.week === null) d.opening += change;
    else if (index.has(r.week)) d.perWeek[index.get(r.week)!]! += change;
    deltas.set(r.resourceSpecId, d);
  }
  const out = new Map<string, number[]>();
  for (const [spec, d] of deltas) {
    let level = d.opening;
    out.set(spec, d.perWeek.map((w) => fromThousandths((level += w))));
  }
  return out;
}

export interface RatedCapacityRow {
  resourceSpecId: string;
  rate: number;
  availableFrom: Date | null;
  availableUntil: Date;
  createdAt: Date;
  booked: ReadonlyMap<WeekKey, number>;
  place: string | null;
  orgPlace: string | null;
}

export interface CapacityWeek {
  capacity: number;
  booked: number;
  free: number;
}

/** Rated capacity per specification and week: each signal's calendar (ADR 025), summed over signals. */
export function capacityByWeek(weeks: WeekKey[], rows: RatedCapacityRow[], region?: string | null): Map<string, CapacityWeek[]> {
  const index = new Map(weeks.map((w, i) => [w, i]));
  const acc = new Map<string, Array<{ capacity: number; booked: number; free: number }>>();
  for (const r of rows) {
    if (!inRegion(region, r.place, r.orgPlace)) continue;
    const cal = calendarOf({ rate: { quantity: r.rate, period: "week" }, availableFrom: r.availableFrom, availableUntil: r.availableUntil, createdAt: r.createdAt, booked: r.booked });
    const sums = acc.get(r.resourceSpecId) ?? weeks.map(() => ({ capacity: 0, booked: 0, free: 0 }));
    for (const w of cal) {
      const i = index.get(w.week);
      if (i === undefined) continue;
      sums[i]!.capacity += toThousandths(w.capacity);
      sums[i]!.booked += toThousandths(w.booked);
      sums[i]!.free += toThousandths(w.free);
    }
    acc.set(r.resourceSpecId, sums);
  }
  return new Map(
    [...acc].map(([spec, sums]) => [
      spec,
      sums.map((s) => ({ capacity: fromThousandths(s.capacity), booked: fromThousandths(s.booked), free: fromThousandths(s.free) })),
    ]),
  );
}

/** A quantity of a specification in one week at one place (demand due, demand met). */
export interface WeeklyQuantityRow {
  resourceSpecId: string;
  week: WeekKey;
  quantity: number;
  place: string | null;
  orgPlace: string | null;
}

export function quantityByWeek(weeks: WeekKey[], rows: WeeklyQuantityRow[], region?: string | null): Map<string, number[]> {
  const index = new Map(weeks.map((w, i) => [w, i]));
  const acc = new Map<string, number[]>();
  for (const r of rows) {
    const i = index.get(r.week);
    if (i === undefined || !inRegion(region, r.place, r.orgPlace)) continue;
    const sums = acc.get(r.resourceSpecId) ?? weeks.map(() => 0);
    sums[i]! += toThousandths(r.quantity);
    acc.set(r.resourceSpecId, sums);
  }
  return new Map([...acc].map(([spec, sums]) => [spec, sums.map(fromThousandths)]));
}

// ---- the answer ------------------------------------------------------------------------------------

export interface SeriesPointDto {
  week: WeekKey;
  /** Monday 00:00 UTC. */
  startsAt: string;
  /** On hand across the covered organizations when the week ended (or, for this week and next, now). */
  stockOnHand: number;
  capacity: number;
  booked: number;
  free: number;
  /** Needs and orders due in the week (their full quantity). */
  demandDue: number;
  /** Delivered in the week against needs and orders (the ledger's deliveries linked to their claims). */
  demandMet: number;
}

export interface ResourceSeriesDto {
  resourceSpec: { id: string; name: string; unit: string };
  points: SeriesPointDto[];
}

export interface CoordinationSeriesDto {
  boards: string[];
  weeks: WeekKey[];
  /** The week `now` falls in, so a chart can mark it. */
  currentWeek: WeekKey;
  series: ResourceSeriesDto[];
}

/** Folds the three sources into one series per specification that has any figure, sorted by name. */
export function buildSeries(args: {
  weeks: WeekKey[];
  specs: ReadonlyArray<{ id: string; name: string; unit: string }>;
  stock: ReadonlyMap<string, number[]>;
  capacity: ReadonlyMap<string, CapacityWeek[]>;
  due: ReadonlyMap<string, number[]>;
  met: ReadonlyMap<string, number[]>;
  /** A specification asked for by name is shown even with nothing to show. */
  keep?: string | null;
}): ResourceSeriesDto[] {
  const zero = { capacity: 0, booked: 0, free: 0 };
  return args.specs
    .filter((s) => s.id === args.keep || [args.stock, args.capacity, args.due, args.met].some((m) => m.has(s.id)))
    .map((spec) => ({
      resourceSpec: { id: spec.id, name: spec.name, unit: spec.unit },
      points: args.weeks.map((week, i) => ({
        week,
        startsAt: weekStart(week)!.toISOString(),
        stockOnHand: args.stock.get(spec.id)?.[i] ?? 0,
        ...(args.capacity.get(spec.id)?.[i] ?? zero),
        demandDue: args.due.get(spec.id)?.[i] ?? 0,
        demandMet: args.met.get(spec.id)?.[i] ?? 0,
      })),
    }))
    .sort((a, b) => a.resourceSpec.name.localeCompare(b.resourceSpec.name) || a.resourceSpec.id.localeCompare(b.resourceSpec.id));
}
