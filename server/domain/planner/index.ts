// TEMPORARY: replaced by the real planner on merge.
// A simple greedy allocation behind the planner's exact signature, so planning sessions can be built and
// tested before the real (leximin, least-transport) planner lands. It respects everything the contract
// promises about feasibility (supply per week, supply serves its week or later, due weeks, fixed lines,
// excluded pairs, quanta) but not the objective's optimality: needs are served in rounds of equal shares
// (a rough water-filling), each from its nearest sources.
import { haversineKm } from "../geo";
import type { PlannerInput, PlannerLine, PlannerResult, PlannerSource } from "./types";

export type * from "./types";

const EPS = 1e-9;

export function planAllocation(input: PlannerInput): PlannerResult {
  const H = input.horizonWeeks;
  // Free supply per source per week, after the kept lines took theirs (latest earlier weeks first).
  const free = new Map<string, number[]>();
  for (const s of input.sources) {
    const weeks = new Array<number>(H).fill(0);
    for (const e of s.supply) if (e.week >= 0 && e.week < H) weeks[e.week]! += e.quantity;
    free.set(s.id, weeks);
  }
  const met = new Map<string, number>();
  const lines: PlannerLine[] = [];
  const sourceById = new Map(input.sources.map((s) => [s.id, s]));
  const needById = new Map(input.needs.map((n) => [n.id, n]));
  for (const f of input.fixedLines ?? []) {
    take(free.get(f.sourceId), f.week, f.quantity);
    met.set(f.needId, (met.get(f.needId) ?? 0) + f.quantity);
    const s = sourceById.get(f.sourceId);
    const n = needById.get(f.needId);
    lines.push({ ...f, distanceKm: s && n ? distance(s, n) : null, reasons: ["kept: accepted by its participant"], kept: true });
  }
  const excluded = new Set((input.excludedPairs ?? []).map((p) => `${p.sourceId}|${p.needId}`));
  const bySpec = new Map<string, PlannerSource[]>();
  for (const s of input.sources) {
    if (!bySpec.has(s.resourceSpecId)) bySpec.set(s.resourceSpecId, []);
    bySpec.get(s.resourceSpecId)!.push(s);
  }
  const candidates = new Map(
    input.needs.map((n) => {
      const list = n.acceptedResourceSpecIds.flatMap((spec) => bySpec.get(spec) ?? []).filter((s) => !excluded.has(`${s.id}|${n.id}`));
      const withKm = list.map((s) => ({ s, km: distance(s, n) }));
      withKm.sort((a, b) => (a.km ?? Infinity) - (b.km ?? Infinity));
      return [n.id, withKm];
    }),
  );
  const quantum = (spec: string) => input.quantumBySpec?.[spec] ?? 1;
  const added = new Map<string, PlannerLine>();
  // Rounds: each need may rise to the round's share of its quantity.
  for (const target of [0.25, 0.5, 0.75, 1]) {
    for (const n of input.needs) {
      for (const { s, km } of candidates.get(n.id) ?? []) {
        let want = n.quantity * target - (met.get(n.id) ?? 0);
        if (want <= EPS) break;
        const weeks = free.get(s.id)!;
        if (available(weeks, H - 1) <= EPS) continue;
        const q = quantum(s.resourceSpecId);
        // The latest week supply can serve it from, so earlier supply stays for earlier-due needs.
        for (let w = Math.min(n.dueWeek, H - 1); w >= 0 && want > EPS; w--) {
          const avail = available(weeks, w);
          const amount = Math.floor(Math.min(avail, want) / q + EPS) * q;
          if (amount <= EPS) continue;
          take(weeks, w, amount);
          want -= amount;
          met.set(n.id, (met.get(n.id) ?? 0) + amount);
          const key = `${s.id}|${n.id}|${w}`;
          const line = added.get(key);
          if (line) line.quantity = round(line.quantity + amount);
          else {
            const l: PlannerLine = { sourceId: s.id, needId: n.id, week: w, quantity: round(amount), distanceKm: km, reasons: [], kept: false };
            added.set(key, l);
            lines.push(l);
          }
        }
      }
    }
  }
  for (const l of added.values()) {
    const s = sourceById.get(l.sourceId)!;
    l.reasons = [`nearest free supply: ${l.quantity} from ${s.label} in week ${l.week + 1}${l.distanceKm === null ? "" : `, ${Math.round(l.distanceKm)} km`}`];
  }
  const needs = input.needs.map((n) => {
    const m = round(met.get(n.id) ?? 0);
    return { needId: n.id, quantity: n.quantity, met: m, share: n.quantity > 0 ? m / n.quantity : 1 };
  });
  const demand = sum(input.needs.map((n) => n.quantity));
  const supply = sum(input.sources.flatMap((s) => s.supply.map((e) => e.quantity)));
  const totalMet = sum(needs.map((n) => n.met));
  return {
    lines,
    needs,
    stages: {
      totalMet,
      sortedShares: needs.map((n) => n.share).sort((a, b) => a - b),
      transport: sum(lines.map((l) => l.quantity * (l.distanceKm ?? 0))),
    },
    totals: { demand, supply, met: totalMet, uncovered: round(demand - totalMet) },
  };
}

/** Supply usable in week w: what is free in w and every earlier week. */
function available(weeks: number[], w: number): number {
  let a = 0;
  for (let i = 0; i <= w; i++) a += weeks[i]!;
  return a;
}

/** Takes `amount` for week w from week w, then the latest earlier weeks. */
function take(weeks: number[] | undefined, w: number, amount: number) {
  if (!weeks) return;
  let left = amount;
  for (let i = Math.min(w, weeks.length - 1); i >= 0 && left > EPS; i--) {
    const t = Math.min(weeks[i]!, left);
    weeks[i]! -= t;
    left -= t;
  }
}

function distance(a: { lat: number | null; lng: number | null }, b: { lat: number | null; lng: number | null }): number | null {
  if (a.lat === null || a.lng === null || b.lat === null || b.lng === null) return null;
  return haversineKm({ lat: a.lat, lng: a.lng }, { lat: b.lat, lng: b.lng });
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const sum = (xs: number[]) => round(xs.reduce((a, b) => a + b, 0));
