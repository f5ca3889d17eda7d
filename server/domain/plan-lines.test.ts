import { describe, expect, it } from "vitest";
import { committedProblems, coverageOf } from "./plan-lines";
import type { LineFacts, SessionSnapshot } from "./planning-session";

const party = { resourceSpecId: "r", lat: null, lng: null, place: null, orgId: null, orgName: null };
const snapshot: SessionSnapshot = {
  version: 1,
  takenAt: "2026-11-25T10:00:00.000Z",
  weeks: ["2026-W48", "2026-W49", "2026-W50"],
  specs: [{ id: "r", name: "R", unit: "each", divisible: false }],
  substitutes: [],
  needs: [{ ...party, id: "n", kind: "need", title: "Need", quantity: 20, dueAt: null, dueWeek: 1, ownerId: "x", ownerName: "X" }],
  sources: [{ ...party, id: "s", kind: "capacity", title: "Source", rated: true, supply: [{ week: 0, quantity: 5 }, { week: 1, quantity: 10 }], ownerId: "y", ownerName: "Y" }],
  totals: { demand: 20, supply: 15 },
};
const line = (p: Partial<LineFacts>): LineFacts => ({ id: "l", sourceId: "s", needId: "n", week: 1, quantity: 5, status: "accepted", ...p });
const check = (lines: LineFacts[], changed: LineFacts) => committedProblems(snapshot, lines, snapshot.sources[0]!, snapshot.needs[0]!, changed);

describe("committed lines against the snapshot", () => {
  it("accepts lines within the supply up to each week", () => {
    const lines = [line({ id: "a", week: 0, quantity: 5 }), line({ id: "b", week: 1, quantity: 10 })];
    expect(check(lines, lines[1]!)).toEqual({});
  });

  it("refuses a week-0 line beyond what week 0 offers: later supply cannot serve earlier weeks", () => {
    const l = line({ week: 0, quantity: 6 });
    expect(Object.keys(check([l], l))).toEqual(["week"]);
  });

  it("refuses more than the need asks, a week past its due week, and a week outside the horizon", () => {
    const big = line({ quantity: 15 });
    expect(check([big, line({ id: "c", quantity: 6, status: "changed" })], big).quantity?.[0]).toMatch(/asks for 20/);
    expect(check([line({ week: 2 })], line({ week: 2 })).week?.[0]).toMatch(/due by 2026-W49/);
    expect(check([line({ week: 3 })], line({ week: 3 })).week?.[0]).toMatch(/session's weeks/);
  });

  it("refuses part of a counted unit", () => {
    const l = line({ quantity: 2.5 });
    expect(check([l], l).quantity?.[0]).toMatch(/whole number/);
  });

  it("suggested and declined lines do not count against supply", () => {
    const l = line({ id: "a", quantity: 15 });
    expect(check([l, line({ id: "b", quantity: 9, status: "suggested" }), line({ id: "c", quantity: 9, status: "declined" })], l)).toEqual({});
  });
});

describe("coverage", () => {
  it("splits demand into accepted, suggested and uncovered, and counts who has answered", () => {
    const c = coverageOf(snapshot, [line({ id: "a", quantity: 4 }), line({ id: "b", quantity: 6, status: "suggested" }), line({ id: "c", quantity: 3, status: "declined" })]);
    expect(c.totals).toEqual({ demand: 20, accepted: 4, suggested: 6, uncovered: 10, lines: 3, answered: 2 });
    expect(c.participants).toEqual([{ id: "y", name: "Y", lines: 3, answered: 2, accepted: 1, declined: 1 }]);
  });
});
