// Whether a plan can still be adopted as it stands (ADR 037): the board may have moved on since people
// accepted their lines (others claimed the need, booked the week, withdrew a signal). Adoption re-checks
// every committed line against the signals as they are now, under their row locks, and refuses the whole
// plan with the offending lines rather than over-claim anything. Pure: the service reads the state.
import { compareQty, subQty, sumQty } from "./quantity";
import type { WeekKey } from "./capacity-calendar";
import type { LineFacts, SessionSnapshot } from "./planning-session";

export interface SignalNow {
  status: string;
  ownerId: string;
  quantity: number;
  claimedQuantity: number;
  availableUntil: Date | null;
  rateQuantity: number | null;
}

export interface AdoptionState {
  signals: ReadonlyMap<string, SignalNow>;
  /** Per rated source: what live claims booked of each week. */
  bookedWeeks: ReadonlyMap<string, ReadonlyMap<WeekKey, number>>;
  /** Per source: what adopted plans' claims booked of it, all weeks. */
  bookedByPlans: ReadonlyMap<string, number>;
  /** People who are still members of the board (a claim needs membership). */
  members: ReadonlySet<string>;
  currentWeek: WeekKey;
  now: Date;
}

export interface StaleLine {
  lineId: string;
  reason: string;
}

export function staleLines(snapshot: SessionSnapshot, lines: LineFacts[], state: AdoptionState): StaleLine[] {
  const stale: StaleLine[] = [];
  const flag = (ls: LineFacts[], reason: string) => ls.forEach((l) => stale.push({ lineId: l.id, reason }));
  const sources = new Map(snapshot.sources.map((s) => [s.id, s]));
  const needs = new Map(snapshot.needs.map((n) => [n.id, n]));
  const group = (key: (l: LineFacts) => string) => {
    const m = new Map<string, LineFacts[]>();
    for (const l of lines) m.set(key(l), [...(m.get(key(l)) ?? []), l]);
    return m;
  };
  for (const l of lines) {
    const week = snapshot.weeks[l.week]!;
    if (week < state.currentWeek) flag([l], `${week} is over`);
    const owner = sources.get(l.sourceId)?.ownerId;
    if (!owner || !state.members.has(owner)) flag([l], "the source's owner is no longer a member of the board");
    else if (owner === needs.get(l.needId)?.ownerId) flag([l], "the source and the need have the same owner");
  }
  for (const [needId, ls] of group((l) => l.needId)) {
    const n = state.signals.get(needId);
    const title = needs.get(needId)?.title ?? "the need";
    if (!n || n.status !== "open") {
      flag(ls, `"${title}" is ${n?.status ?? "gone"}`);
      continue;
    }
    const left = Math.max(0, subQty(n.quantity, n.claimedQuantity));
    const wanted = sumQty(ls.map((l) => l.quantity));
    if (compareQty(wanted, left) > 0) flag(ls, `"${title}" has ${left} left unclaimed; the plan gives it ${wanted}`);
  }
  for (const [sourceId, ls] of group((l) => l.sourceId)) {
    const s = state.signals.get(sourceId);
    const title = sources.get(sourceId)?.title ?? "the source";
    if (!s || s.status !== "open") {
      flag(ls, `"${title}" is ${s?.status ?? "gone"}`);
      continue;
    }
    if (s.availableUntil && s.availableUntil.getTime() <= state.now.getTime()) {
      flag(ls, `"${title}" is no longer available`);
      continue;
    }
    const free = Math.max(0, subQty(subQty(s.quantity, s.claimedQuantity), state.bookedByPlans.get(sourceId) ?? 0));
    const wanted = sumQty(ls.map((l) => l.quantity));
    if (compareQty(wanted, free) > 0) {
      flag(ls, `"${title}" has ${free} free; the plan takes ${wanted}`);
      continue;
    }
    if (s.rateQuantity === null) continue;
    const booked = state.bookedWeeks.get(sourceId);
    const byWeek = new Map<number, LineFacts[]>();
    for (const l of ls) byWeek.set(l.week, [...(byWeek.get(l.week) ?? []), l]);
    for (const [w, wl] of byWeek) {
      const week = snapshot.weeks[w]!;
      const weekFree = Math.max(0, subQty(s.rateQuantity, booked?.get(week) ?? 0));
      const inWeek = sumQty(wl.map((l) => l.quantity));
      if (compareQty(inWeek, weekFree) > 0) flag(wl, `"${title}" has ${weekFree} free in ${week}; the plan books ${inWeek}`);
    }
  }
  // One entry per line: the first reason found.
  const seen = new Set<string>();
  return stale.filter((s) => (seen.has(s.lineId) ? false : (seen.add(s.lineId), true)));
}
