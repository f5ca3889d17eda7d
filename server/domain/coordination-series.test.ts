import { describe, expect, it } from "vitest";
import {
  buildSeries,
  capacityByWeek,
  quantityByWeek,
  seriesQuerySchema,
  seriesRange,
  seriesWeeks,
  stockByWeek,
  type LedgerAggregateRow,
} from "./coordination-series";

const NOW = new Date("2026-11-27T10:00:00Z"); // a Friday in 2026-W48
const W = seriesWeeks(NOW, 4);

const row = (r: Partial<LedgerAggregateRow>): LedgerAggregateRow => ({
  resourceSpecId: "a",
  action: "produce",
  week: null,
  quantity: 0,
  place: null,
  toPlace: null,
  providerOrgPlace: null,
  receiverOrgPlace: null,
  ...r,
});

describe("series weeks", () => {
  it("are the last N ISO weeks through next week, and the range runs Monday to Monday in UTC", () => {
    expect(W).toEqual(["2026-W46", "2026-W47", "2026-W48", "2026-W49"]);
    expect(seriesRange(W)).toEqual({ from: new Date("2026-11-09T00:00:00Z"), until: new Date("2026-12-07T00:00:00Z") });
    expect(seriesWeeks(new Date("2026-12-30T12:00:00Z"), 2)).toEqual(["2026-W53", "2027-W01"]);
  });

  it("takes 1 to 52 weeks, 8 by default", () => {
    expect(seriesQuerySchema.parse({}).weeks).toBe(8);
    expect(seriesQuerySchema.parse({ weeks: "52" }).weeks).toBe(52);
    for (const weeks of ["0", "53", "2.5", "x", ""]) expect(seriesQuerySchema.safeParse({ weeks }).success).toBe(false);
  });
});

describe("stock on hand at each week's end", () => {
  it("starts from everything before the first week and accumulates each week's on-hand change", () => {
    const s = stockByWeek(W, [
      row({ action: "produce", week: null, quantity: 100 }),
      row({ action: "consume", week: "2026-W47", quantity: 30 }),
      row({ action: "produce", week: "2026-W48", quantity: 0.1 }),
      row({ action: "produce", week: "2026-W48", quantity: 0.2 }),
      // A transfer between two counted organizations moves stock but does not change the total.
      row({ action: "transfer", week: "2026-W48", quantity: 50 }),
      // Custody given away leaves on hand; use and work change no stock at all.
      row({ action: "work", week: "2026-W46", quantity: 8 }),
      row({ resourceSpecId: "b", action: "raise", week: "2026-W49", quantity: 5 }),
    ]);
    expect(s.get("a")).toEqual([100, 70, 70.3, 70.3]);
    expect(s.get("b")).toEqual([0, 0, 0, 5]);
  });

  it("counts each side of an event in the region where it lands, falling back to its organization's place", () => {
    const rows = [
      row({ action: "produce", week: null, quantity: 40, place: "Berlin" }),
      row({ action: "produce", week: null, quantity: 7, providerOrgPlace: " berlin " }),
      // 25 shipped from Berlin to Lyon: Berlin loses them, Lyon gains them.
      row({ action: "transfer", week: "2026-W47", quantity: 25, place: "Berlin", toPlace: "Lyon" }),
      row({ action: "move", week: "2026-W48", quantity: 5, place: "Berlin", toPlace: "Berlin Mitte" }),
    ];
    expect(stockByWeek(W, rows, "berlin").get("a")).toEqual([47, 22, 17, 17]);
    expect(stockByWeek(W, rows, "lyon").get("a")).toEqual([0, 25, 25, 25]);
    expect(stockByWeek(W, rows).get("a")).toEqual([47, 47, 47, 47]);
  });
});

describe("capacity, demand due and demand met per week", () => {
  it("sums rated signals' calendars over the weeks shown, with booked and free", () => {
    const c = capacityByWeek(W, [
      {
        resourceSpecId: "a",
        rate: 200,
        availableFrom: new Date("2026-11-16T00:00:00Z"),
        availableUntil: new Date("2026-12-31T00:00:00Z"),
        createdAt: new Date("2026-11-01T00:00:00Z"),
        booked: new Map([["2026-W48", 150], ["2026-W49", 250]]),
        place: "Lyon",
        orgPlace: null,
      },
      {
        resourceSpecId: "a",
        rate: 10,
        availableFrom: null,
        availableUntil: new Date("2026-11-25T00:00:00Z"),
        createdAt: new Date("2026-11-10T00:00:00Z"),
        booked: new Map(),
        place: null,
        orgPlace: "Berlin",
      },
    ]);
    expect(c.get("a")).toEqual([
      { capacity: 10, booked: 0, free: 10 },
      { capacity: 210, booked: 0, free: 210 },
      { capacity: 210, booked: 150, free: 60 },
      { capacity: 200, booked: 250, free: 0 },
    ]);
    expect(capacityByWeek(W, [], "lyon").size).toBe(0);
  });

  it("sums quantities per week and region, ignoring weeks outside the range", () => {
    const q = quantityByWeek(W, [
      { resourceSpecId: "a", week: "2026-W47", quantity: 10, place: "Lyon", orgPlace: null },
      { resourceSpecId: "a", week: "2026-W47", quantity: 2.5, place: null, orgPlace: "Lyon" },
      { resourceSpecId: "a", week: "2026-W45", quantity: 99, place: "Lyon", orgPlace: null },
      { resourceSpecId: "a", week: "2026-W49", quantity: 4, place: "Milan", orgPlace: null },
    ], "lyon");
    expect(q.get("a")).toEqual([0, 12.5, 0, 0]);
  });

  it("builds one series per specification with any figure (or the one asked for), by name", () => {
    const series = buildSeries({
      weeks: W.slice(0, 2),
      specs: [
        { id: "z", name: "Visors", unit: "each" },
        { id: "a", name: "Filament", unit: "kg" },
        { id: "e", name: "Empty", unit: "each" },
        { id: "k", name: "Kept", unit: "h" },
      ],
      stock: new Map([["z", [3, 4]]]),
      capacity: new Map(),
      due: new Map([["a", [1.5, 0]]]),
      met: new Map([["a", [0, 1]]]),
      keep: "k",
    });
    expect(series.map((s) => s.resourceSpec.name)).toEqual(["Filament", "Kept", "Visors"]);
    expect(series[0]!.points[0]).toEqual({
      week: "2026-W46",
      startsAt: "2026-11-09T00:00:00.000Z",
      stockOnHand: 0,
      capacity: 0,
      booked: 0,
      free: 0,
      demandDue: 1.5,
      demandMet: 0,
    });
    expect(series[2]!.points.map((p) => p.stockOnHand)).toEqual([3, 4]);
  });
});
