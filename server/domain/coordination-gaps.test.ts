import { describe, expect, it } from "vitest";
import { weekKeyOf } from "./capacity-calendar";
import { computeGaps, ratedFree, supplyWindow, type RatedCapacity, type SignalGroup } from "./coordination-gaps";

// Wednesday of ISO week 2026-W48.
const NOW = new Date("2026-11-25T12:00:00Z");
const SHIELD = { id: "spec-shield", name: "Face shield", unit: "each" };
const GOWN = { id: "spec-gown", name: "Gown", unit: "each" };
const specs = new Map([SHIELD, GOWN].map((s) => [s.id, s]));

const group = (g: Partial<SignalGroup> & Pick<SignalGroup, "kind" | "quantity">): SignalGroup => ({
  resourceSpecId: SHIELD.id, place: "Berlin", orgPlace: null, claimed: 0, delivered: 0, signals: 1, ...g,
});
const rated = (r: Partial<RatedCapacity> = {}): RatedCapacity => ({
  resourceSpecId: SHIELD.id, place: "Berlin", orgPlace: null, quantity: 1000, claimed: 0,
  rate: { quantity: 100, period: "week" }, availableFrom: null, availableUntil: new Date("2027-01-31T00:00:00Z"),
  createdAt: new Date("2026-11-01T00:00:00Z"), booked: new Map(), ...r,
});

describe("supplyWindow", () => {
  it("is this ISO week and next, Monday to Monday in UTC", () => {
    const w = supplyWindow(NOW);
    expect(w).toMatchObject({ current: "2026-W48", next: "2026-W49" });
    expect(w.from.toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(w.until.toISOString()).toBe("2026-12-07T00:00:00.000Z");
  });
});

describe("ratedFree", () => {
  it("adds what is free this week and next, less bookings", () => {
    expect(ratedFree(rated({ booked: new Map([["2026-W48", 30], ["2026-W50", 100]]) }), NOW)).toBe(170);
  });
  it("never offers more than the signal's unclaimed total, nor weeks outside its window", () => {
    expect(ratedFree(rated({ quantity: 500, claimed: 450 }), NOW)).toBe(50);
    expect(ratedFree(rated({ availableFrom: new Date("2026-11-30T00:00:00Z") }), NOW)).toBe(100);
    expect(ratedFree(rated({ availableUntil: new Date("2026-11-26T00:00:00Z") }), NOW)).toBe(100);
  });
});

describe("computeGaps", () => {
  it("splits demand into unclaimed and claimed-not-delivered, counts free supply per region, and sorts by gap", () => {
    const view = computeGaps({
      groups: [
        group({ kind: "need", quantity: 100, claimed: 60, delivered: 20 }),
        group({ kind: "order", quantity: 50, place: " berlin " }),
        group({ kind: "stock", quantity: 40, claimed: 10 }),
        group({ kind: "need", quantity: 10, place: "Lyon", resourceSpecId: GOWN.id }),
        group({ kind: "need", quantity: 300, place: null, orgPlace: "Lyon" }),
        group({ kind: "capacity", quantity: 25, place: "Lyon" }),
      ],
      rated: [rated({ booked: new Map([["2026-W49", 80]]) })],
      specs,
      now: NOW,
      filter: {},
    });
    expect(view.rows.map((r) => [r.resourceSpec.name, r.region.name, r.gap])).toEqual([
      ["Face shield", "Lyon", 275],
      ["Gown", "Lyon", 10],
      ["Face shield", "Berlin", 0],
    ]);
    const berlin = view.rows[2]!;
    expect(berlin.demand).toEqual({ open: 130, unclaimed: 90, claimedNotDelivered: 40, signals: 2 });
    // 30 of stock unclaimed + rated capacity 100 (this week) + 20 (next week after 80 booked).
    expect(berlin.supply).toEqual({ capacity: 120, stock: 30, total: 150, signals: 2 });
    expect(view.heatmap.resources.map((r) => r.name)).toEqual(["Face shield", "Gown"]);
    expect(view.heatmap.regions.map((r) => r.name)).toEqual(["Lyon"]);
    expect(view.heatmap.cells).toEqual([[275], [10]]);
    expect(view.weeks.current).toBe(weekKeyOf(NOW));
  });

  it("filters by resource and region but keeps every option to choose from", () => {
    const groups = [group({ kind: "need", quantity: 5 }), group({ kind: "need", quantity: 7, place: "Lyon", resourceSpecId: GOWN.id })];
    const view = computeGaps({ groups, rated: [], specs, now: NOW, filter: { region: "lyon" } });
    expect(view.rows.map((r) => r.resourceSpec.id)).toEqual([GOWN.id]);
    expect(view.options.regions.map((r) => r.key)).toEqual(["berlin", "lyon"]);
    expect(view.options.resources.map((r) => r.id)).toEqual([SHIELD.id, GOWN.id]);
    expect(computeGaps({ groups, rated: [], specs, now: NOW, filter: { resource: SHIELD.id } }).rows).toHaveLength(1);
  });

  it("leaves out what has nothing open: delivered demand and fully claimed offers", () => {
    const view = computeGaps({
      groups: [group({ kind: "need", quantity: 5, claimed: 5, delivered: 5 }), group({ kind: "stock", quantity: 3, claimed: 3 })],
      rated: [],
      specs,
      now: NOW,
      filter: {},
    });
    expect(view.rows).toEqual([]);
    expect(view.heatmap).toEqual({ resources: [], regions: [], cells: [] });
  });

  it("adds decimals exactly (0.1 + 0.2 of a divisible unit is 0.3)", () => {
    const view = computeGaps({
      groups: [group({ kind: "need", quantity: 0.1 }), group({ kind: "need", quantity: 0.2, place: "BERLIN" })],
      rated: [],
      specs,
      now: NOW,
      filter: {},
    });
    expect(view.rows[0]!.demand.unclaimed).toBe(0.3);
    // Spellings are one region, named by the one first in code-point order, whatever order rows came in.
    expect(view.rows[0]!.region).toEqual({ key: "berlin", name: "BERLIN" });
  });
});
