// Rules over a session's lines (ADRs 036, 037): whether the committed lines fit the snapshot, and the
// coverage everyone watches converge. Pure: the services pass the snapshot and the lines in.
import { compareQty, roundQty, sumQty } from "./quantity";
import { isCommitted, type LineFacts, type SessionSnapshot, type SnapshotNeed, type SnapshotSource } from "./planning-session";
import type { FieldProblems } from "./errors";

/**
 * Problems with the committed lines of one source and one need, as they would stand after an answer.
 * A need may not get more than it asked for; a source's lines must fit its supply where supply of a week
 * serves that week or later: for every week k, what lines in weeks up to k take is at most what the
 * source offers up to k. No line may be later than its need's due week.
 */
export function committedProblems(
  snapshot: SessionSnapshot,
  after: LineFacts[],
  source: SnapshotSource,
  need: SnapshotNeed,
  changed: LineFacts,
): FieldProblems {
  const problems: FieldProblems = {};
  const add = (field: string, message: string) => (problems[field] ??= []).push(message);
  const H = snapshot.weeks.length;
  if (changed.week < 0 || changed.week >= H) add("week", `Must be one of the session's weeks, ${snapshot.weeks[0]} to ${snapshot.weeks[H - 1]}`);
  else if (changed.week > need.dueWeek) add("week", `"${need.title}" is due by ${snapshot.weeks[need.dueWeek]}: supply must come by then`);
  const counted = snapshot.specs.find((s) => s.id === source.resourceSpecId)?.divisible === false;
  if (counted && !Number.isInteger(changed.quantity)) add("quantity", "Must be a whole number: this resource is counted");
  const committed = after.filter(isCommitted);
  const toNeed = sumQty(committed.filter((l) => l.needId === need.id).map((l) => l.quantity));
  if (compareQty(toNeed, need.quantity) > 0) add("quantity", `"${need.title}" asks for ${need.quantity}; committed lines would give it ${toNeed}`);
  const fromSource = committed.filter((l) => l.sourceId === source.id);
  let offered = 0;
  let taken = 0;
  for (let k = 0; k < H; k++) {
    offered = sumQty([offered, ...source.supply.filter((e) => e.week === k).map((e) => e.quantity)]);
    taken = sumQty([taken, ...fromSource.filter((l) => l.week === k).map((l) => l.quantity)]);
    if (compareQty(taken, offered) > 0) {
      add(changed.week === k ? "week" : "quantity", `${source.title} offers ${offered} by ${snapshot.weeks[k]}; committed lines would take ${taken}`);
      break;
    }
  }
  return problems;
}

export interface NeedCoverage {
  needId: string;
  title: string;
  demand: number;
  /** Met by accepted and changed lines. */
  accepted: number;
  /** Offered by lines nobody has answered yet. */
  suggested: number;
  uncovered: number;
}

export interface ParticipantProgress {
  /** The organization a source speaks for, else its owner. */
  id: string;
  name: string;
  lines: number;
  answered: number;
  accepted: number;
  declined: number;
}

export interface Coverage {
  totals: { demand: number; accepted: number; suggested: number; uncovered: number; lines: number; answered: number };
  needs: NeedCoverage[];
  participants: ParticipantProgress[];
}

/** Demand against committed and suggested lines, per need and in total, and who has answered their lines. */
export function coverageOf(snapshot: SessionSnapshot, lines: LineFacts[]): Coverage {
  const acc = new Map<string, number>();
  const sug = new Map<string, number>();
  for (const l of lines) {
    if (isCommitted(l)) acc.set(l.needId, (acc.get(l.needId) ?? 0) + l.quantity);
    else if (l.status === "suggested") sug.set(l.needId, (sug.get(l.needId) ?? 0) + l.quantity);
  }
  const needs = snapshot.needs.map((n): NeedCoverage => {
    const accepted = roundQty(acc.get(n.id) ?? 0);
    const suggested = roundQty(sug.get(n.id) ?? 0);
    return { needId: n.id, title: n.title, demand: n.quantity, accepted, suggested, uncovered: Math.max(0, roundQty(n.quantity - accepted - suggested)) };
  });
  const sources = new Map(snapshot.sources.map((s) => [s.id, s]));
  const people = new Map<string, ParticipantProgress>();
  for (const l of lines) {
    const s = sources.get(l.sourceId);
    if (!s) continue;
    const id = s.orgId ?? s.ownerId;
    const p = people.get(id) ?? { id, name: s.orgName ?? s.ownerName, lines: 0, answered: 0, accepted: 0, declined: 0 };
    p.lines++;
    if (l.status !== "suggested") p.answered++;
    if (isCommitted(l)) p.accepted++;
    if (l.status === "declined") p.declined++;
    people.set(id, p);
  }
  const sum = (f: (n: NeedCoverage) => number) => sumQty(needs.map(f));
  return {
    totals: {
      demand: sum((n) => n.demand),
      accepted: sum((n) => n.accepted),
      suggested: sum((n) => n.suggested),
      uncovered: sum((n) => n.uncovered),
      lines: lines.length,
      answered: lines.filter((l) => l.status !== "suggested").length,
    },
    needs,
    participants: [...people.values()].sort((a, b) => a.name.localeCompare(b.name)),
  };
}
