// Unit checks of the planner's objective, stage by stage, on instances small enough to reason about.
import { describe, expect, it } from "vitest";
import { planAllocation } from "./index";
import type { PlannerInput, PlannerNeed, PlannerSource } from "./types";

const src = (id: string, spec: string, supply: PlannerSource["supply"], lat: number | null = 50, lng: number | null = 8): PlannerSource => ({ id, resourceSpecId: spec, supply, lat, lng, label: id });
const need = (id: string, quantity: number, dueWeek = 3, specs = ["pla"], lat: number | null = 50, lng: number | null = 8): PlannerNeed => ({ id, acceptedResourceSpecIds: specs, quantity, dueWeek, lat, lng, label: id });
const plan = (p: Partial<PlannerInput>) => planAllocation({ horizonWeeks: 4, sources: [], needs: [], ...p });
const metOf = (r: ReturnType<typeof planAllocation>, id: string) => r.needs.find((n) => n.needId === id)!.met;

describe("planAllocation", () => {
  it("meets the most demand: a need reachable by only one source does not lose it to a flexible one", () => {
    const r = plan({ sources: [src("a", "pla", [{ week: 0, quantity: 10 }]), src("b", "petg", [{ week: 0, quantity: 10 }])], needs: [need("only-pla", 10), need("either", 10, 3, ["petg", "pla"])] });
    expect(r.stages.totalMet).toBe(20);
    expect(metOf(r, "only-pla")).toBe(10);
  });

  it("leximin: a need with almost no reachable supply does not pin the others", () => {
    // "starved" can only use week-0 supply (1 unit); the others share 30 of week-2 supply.
    const r = plan({
      sources: [src("early", "pla", [{ week: 0, quantity: 1 }]), src("late", "pla", [{ week: 2, quantity: 30 }])],
      needs: [need("starved", 10, 0), need("x", 20), need("y", 10)],
    });
    expect(r.stages.sortedShares[0]).toBeCloseTo(0.1, 9);
    expect(r.stages.sortedShares[1]).toBeCloseTo(1, 9); // 30 units cover x and y: 20 + 10
    expect(metOf(r, "x")).toBe(20);
  });

  it("least transport: the near source serves, the far one does not", () => {
    const r = plan({ sources: [src("near", "pla", [{ week: 0, quantity: 5 }], 50, 8), src("far", "pla", [{ week: 0, quantity: 5 }], 52, 13)], needs: [need("n", 5, 3, ["pla"], 50.01, 8)] });
    const lines = r.lines.filter((l) => !l.kept);
    expect(lines.map((l) => l.sourceId)).toEqual(["near"]);
    expect(lines[0]!.reasons[0]).toMatch(/^nearest free capacity: 5 units in week 0, 1\.1 km$/);
  });

  it("weeks: supply is never used before its week, and a lump serves a later due week", () => {
    const r = plan({ sources: [src("lump", "pla", [{ week: 1, quantity: 8 }])], needs: [need("early", 4, 0), need("later", 4, 3)] });
    expect(metOf(r, "early")).toBe(0);
    const line = r.lines.find((l) => l.needId === "later")!;
    expect(line.week).toBe(1);
    expect(line.reasons).toContain("ready in week 1, before the due week 3");
  });

  it("keeps kept lines, counts them, and never suggests a declined pair", () => {
    const r = plan({
      sources: [src("a", "pla", [{ week: 0, quantity: 10 }]), src("b", "pla", [{ week: 0, quantity: 10 }], 51, 9)],
      needs: [need("n", 12), need("m", 4)],
      fixedLines: [{ sourceId: "a", needId: "n", week: 0, quantity: 6 }],
      excludedPairs: [{ sourceId: "a", needId: "m" }],
    });
    expect(r.lines.filter((l) => l.kept)).toEqual([expect.objectContaining({ sourceId: "a", needId: "n", quantity: 6, reasons: ["kept: accepted by its maker"] })]);
    expect(r.lines.some((l) => !l.kept && l.sourceId === "a" && l.needId === "m")).toBe(false);
    expect(metOf(r, "n")).toBe(12);
    expect(metOf(r, "m")).toBe(4);
  });

  it("rounds to quanta without losing the total: 3 units over 4 equal needs", () => {
    const r = plan({ sources: [src("a", "pla", [{ week: 0, quantity: 3 }])], needs: [need("p", 2), need("q", 2), need("r", 2), need("s", 2)] });
    expect(r.stages.sortedShares).toEqual([0.375, 0.375, 0.375, 0.375]);
    for (const n of r.needs) expect(Number.isInteger(n.met) && Math.abs(n.met - 0.75) < 1).toBe(true);
    expect(r.totals.met).toBe(3);
    expect(r.lines.find((l) => !l.kept)!.reasons).toContain("all supply reachable in time is shared: every need in this group of 4 gets 37%");
  });

  it("says when a substitute is used and refuses bad input with VALIDATION_FAILED", () => {
    const r = planAllocation({ horizonWeeks: 2, sources: [src("a", "petg", [{ week: 0, quantity: 1 }])], needs: [need("n", 1, 1, ["pla", "petg"])], specLabels: { pla: "PLA shield", petg: "PETG shield" } });
    expect(r.lines[0]!.reasons).toContain("substitute: PETG shield for PLA shield");
    expect(() => plan({ needs: [need("n", -1)] })).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
    expect(() => plan({ needs: [need("n", 1, 9)] })).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
  });
});
