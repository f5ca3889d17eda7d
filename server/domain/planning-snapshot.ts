// Building a session's snapshot from the rows the database gave (ADR 036): each need's remaining quantity
// and due week, each source's free supply per week of the horizon. Pure; the clock is passed in.
import { addWeeks } from "date-fns";
import { utc } from "@date-fns/utc";
import { weekKeyOf, weekStart, weeksOverlapping, type WeekKey } from "./capacity-calendar";
import { roundQty, subQty } from "./quantity";
import type { SessionSnapshot, SnapshotNeed, SnapshotSource, SnapshotSpec } from "./planning-session";

/** The ISO weeks of a horizon starting with the week of `now`. */
export function horizonWeeks(now: Date, count: number): WeekKey[] {
  const first = weekStart(weekKeyOf(now))!;
  return Array.from({ length: count }, (_, i) => weekKeyOf(addWeeks(first, i, { in: utc })));
}

const WEEK_MS = 7 * 24 * 3_600_000;

/**
 * Index of the week of `d` in the horizon, clamped into it (earlier: 0, later or none: the last week).
 * Arithmetic on Monday 00:00 UTC (ISO weeks are seven UTC days) rather than a calendar library per date:
 * a snapshot computes this for tens of thousands of needs.
 */
export function weekIndexOf(weeks: WeekKey[], d: Date | null, firstMonday = weekStart(weeks[0]!)!): number {
  if (!d) return weeks.length - 1;
  const i = Math.floor((d.getTime() - firstMonday.getTime()) / WEEK_MS);
  return Math.min(weeks.length - 1, Math.max(0, i));
}

export type PartyRow = Omit<SnapshotNeed, "kind" | "quantity" | "dueAt" | "dueWeek">;

export interface NeedRow extends PartyRow {
  kind: "need" | "order";
  remaining: number;
  dueAt: Date | null;
}

export interface SourceRow extends PartyRow {
  kind: "capacity" | "stock";
  /** Quantity not claimed on the signal itself. */
  remaining: number;
  rateQuantity: number | null;
  availableFrom: Date | null;
  availableUntil: Date | null;
  createdAt: Date;
  /** What live claims booked of each week of this signal (plans' claims on needs included). */
  booked: ReadonlyMap<WeekKey, number>;
  /** What live claims on other signals (adopted plans' claims on needs) booked of this one, all weeks. */
  bookedByPlans: number;
}

/** A source's free supply per week of the horizon (ADR 036): a rated capacity week by week, else one lump. */
export function supplyOf(s: SourceRow, weeks: WeekKey[]): SnapshotSource["supply"] {
  let total = Math.max(0, subQty(s.remaining, s.bookedByPlans));
  if (total <= 0) return [];
  if (s.rateQuantity !== null && s.availableUntil) {
    const window = new Set(weeksOverlapping(s.availableFrom ?? s.createdAt, s.availableUntil));
    const out: SnapshotSource["supply"] = [];
    weeks.forEach((week, i) => {
      if (!window.has(week) || total <= 0) return;
      const free = Math.min(total, Math.max(0, subQty(s.rateQuantity!, s.booked.get(week) ?? 0)));
      if (free > 0) out.push({ week: i, quantity: roundQty(free) });
      total = subQty(total, free);
    });
    return out;
  }
  const from = s.availableFrom ? weekKeyOf(s.availableFrom) : weeks[0]!;
  if (from > weeks[weeks.length - 1]!) return [];
  return [{ week: from < weeks[0]! ? 0 : weeks.indexOf(from), quantity: roundQty(total) }];
}

function partyOf(r: PartyRow): PartyRow {
  return { id: r.id, title: r.title, resourceSpecId: r.resourceSpecId, lat: r.lat, lng: r.lng, place: r.place, ownerId: r.ownerId, ownerName: r.ownerName, orgId: r.orgId, orgName: r.orgName };
}

export function buildSnapshot(args: {
  now: Date;
  horizonWeeks: number;
  specs: SnapshotSpec[];
  substitutes: SessionSnapshot["substitutes"];
  needs: NeedRow[];
  sources: SourceRow[];
}): SessionSnapshot {
  const weeks = horizonWeeks(args.now, args.horizonWeeks);
  const firstMonday = weekStart(weeks[0]!)!;
  // Objects are built field by field: rest/spread over tens of thousands of rows cost a snapshot ~0.2 s.
  const needs: SnapshotNeed[] = [];
  for (const n of args.needs) {
    if (!(n.remaining > 0)) continue;
    const dueAt = n.dueAt?.toISOString() ?? null;
    needs.push({ ...partyOf(n), kind: n.kind, quantity: roundQty(n.remaining), dueAt, dueWeek: weekIndexOf(weeks, n.dueAt, firstMonday) });
  }
  const sources: SnapshotSource[] = [];
  for (const row of args.sources) {
    const supply = supplyOf(row, weeks);
    if (supply.length) sources.push({ ...partyOf(row), kind: row.kind, rated: row.rateQuantity !== null, supply });
  }
  let demand = 0;
  for (const n of needs) demand += n.quantity;
  let supply = 0;
  for (const s of sources) for (const e of s.supply) supply += e.quantity;
  return {
    version: 1,
    takenAt: args.now.toISOString(),
    weeks,
    specs: args.specs,
    substitutes: args.substitutes,
    needs,
    sources,
    totals: { demand: roundQty(demand), supply: roundQty(supply) },
  };
}
