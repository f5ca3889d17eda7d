import { describe, expect, it } from "vitest";
import { weekStart } from "./capacity-calendar";
import { horizonWeeks, supplyOf, weekIndexOf, type SourceRow } from "./planning-snapshot";

const NOW = new Date("2026-11-25T10:00:00Z"); // a Wednesday of 2026-W48
const weeks = horizonWeeks(NOW, 4);
const source = (p: Partial<SourceRow>): SourceRow => ({
  id: "s", title: "S", resourceSpecId: "r", lat: null, lng: null, place: null, ownerId: "o", ownerName: "O", orgId: null, orgName: null,
  kind: "capacity", remaining: 100, rateQuantity: null, availableFrom: null, availableUntil: null, createdAt: NOW, booked: new Map(), bookedByPlans: 0, ...p,
});

describe("planning snapshot", () => {
  it("names the horizon's ISO weeks from the week of now, and clamps due dates into it", () => {
    expect(weeks).toEqual(["2026-W48", "2026-W49", "2026-W50", "2026-W51"]);
    expect(weekIndexOf(weeks, null)).toBe(3);
    expect(weekIndexOf(weeks, new Date("2026-11-01T00:00:00Z"))).toBe(0);
    expect(weekIndexOf(weeks, new Date("2026-12-06T23:59:59Z"))).toBe(1); // Sunday of W49
    expect(weekIndexOf(weeks, new Date("2026-12-07T00:00:00Z"))).toBe(2); // Monday of W50
    expect(weekIndexOf(weeks, new Date("2027-06-01T00:00:00Z"))).toBe(3);
  });

  it("a rated capacity offers its rate less what is booked, each week of its window, within what is left of it", () => {
    const rated = source({
      rateQuantity: 30, availableUntil: weekStart("2026-W51")!, remaining: 70, bookedByPlans: 10,
      booked: new Map([["2026-W49", 25]]),
    });
    // W48 30, W49 5, W50 25 would make 60, but only 70 - 10 = 60 is left: all of it; W51 is past the window.
    expect(supplyOf(rated, weeks)).toEqual([
      { week: 0, quantity: 30 },
      { week: 1, quantity: 5 },
      { week: 2, quantity: 25 },
    ]);
    // 40 - 10 = 30 left: the first week takes it all.
    expect(supplyOf({ ...rated, remaining: 40 }, weeks)).toEqual([{ week: 0, quantity: 30 }]);
  });

  it("stock and unrated capacity are one lump at the week they become available; nothing left, nothing offered", () => {
    expect(supplyOf(source({ kind: "stock", remaining: 12, bookedByPlans: 2 }), weeks)).toEqual([{ week: 0, quantity: 10 }]);
    expect(supplyOf(source({ availableFrom: new Date("2026-12-09T00:00:00Z") }), weeks)).toEqual([{ week: 2, quantity: 100 }]);
    expect(supplyOf(source({ availableFrom: new Date("2027-02-01T00:00:00Z") }), weeks)).toEqual([]);
    expect(supplyOf(source({ remaining: 5, bookedByPlans: 5 }), weeks)).toEqual([]);
  });
});
