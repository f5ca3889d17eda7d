import { describe, expect, it } from "vitest";
import { at, signal } from "@/components/test/fixtures";
import { compareSignals, DEFAULT_FILTERS, distanceFrom, listQueryParams, matchesExactFilters, normalizeFilters } from "./filters";

const f = (over: Partial<typeof DEFAULT_FILTERS> = {}) => normalizeFilters({ ...DEFAULT_FILTERS, ...over });

describe("normalizeFilters", () => {
  it("trims the search, compacts the place and needs a place for the distance sort", () => {
    expect(f({ q: "  shield ", near: "52.5, 13.4" })).toMatchObject({ q: "shield", near: "52.5,13.4" });
    expect(f({ sort: "distance" }).sort).toBe("intensity");
    expect(f({ sort: "distance", near: "52.5,13.4" }).sort).toBe("distance");
    expect(f({ near: "nowhere" }).near).toBe("");
  });
});

describe("listQueryParams", () => {
  it("sends open and claimed by default, and every status for 'any'", () => {
    expect(listQueryParams(f(), null)).toEqual({
      kind: undefined,
      status: "open,claimed",
      resourceSpecId: undefined,
      q: undefined,
      near: undefined,
      sort: "intensity",
      limit: 50,
      cursor: undefined,
    });
    expect(listQueryParams(f({ status: "all" }), null).status).toBe("open,claimed,fulfilled,withdrawn,expired");
    expect(listQueryParams(f({ status: "expired", kind: "stock", q: "x", near: "1,2", sort: "distance" }), "o50")).toMatchObject({
      status: "expired",
      kind: "stock",
      q: "x",
      near: "1,2",
      sort: "distance",
      cursor: "o50",
    });
  });
});

describe("matchesExactFilters", () => {
  it("checks kind, status and resource", () => {
    const s = signal({ kind: "need", status: "claimed" });
    expect(matchesExactFilters(s, f())).toBe(true);
    expect(matchesExactFilters(s, f({ status: "open" }))).toBe(false);
    expect(matchesExactFilters({ ...s, status: "withdrawn" }, f())).toBe(false);
    expect(matchesExactFilters({ ...s, status: "withdrawn" }, f({ status: "all" }))).toBe(true);
    expect(matchesExactFilters(s, f({ kind: "order" }))).toBe(false);
    expect(matchesExactFilters(s, f({ resourceSpecId: "spec-1" }))).toBe(true);
    expect(matchesExactFilters(s, f({ resourceSpecId: "spec-2" }))).toBe(false);
  });
});

describe("compareSignals", () => {
  const sort = (key: Parameters<typeof compareSignals>[0], list: ReturnType<typeof signal>[]) =>
    [...list].sort(compareSignals(key)).map((s) => s.title);

  it("orders like the API", () => {
    const a = signal({ title: "a", intensity: 0.2, createdAt: at(1), dueAt: at(500) });
    const b = signal({ title: "b", intensity: 0.8, createdAt: at(2), dueAt: null });
    const c = signal({ title: "c", intensity: 0.5, createdAt: at(3), dueAt: at(100) });
    const d = signal({ title: "d", kind: "stock", intensity: 0.1, createdAt: at(0), availableUntil: at(50) });
    expect(sort("intensity", [a, b, c, d])).toEqual(["b", "c", "a", "d"]);
    expect(sort("new", [a, b, c, d])).toEqual(["c", "b", "a", "d"]);
    expect(sort("due", [a, b, c, d])).toEqual(["d", "c", "a", "b"]);
    expect(sort("distance", [{ ...a, distanceKm: 5 }, { ...b }, { ...c, distanceKm: 1 }])).toEqual(["c", "a", "b"]);
  });
});

describe("distanceFrom", () => {
  it("measures from the list's place to the signal's", () => {
    const s = signal({ location: { name: null, lat: 52.52, lng: 13.405 } });
    expect(distanceFrom(f({ near: "52.52,13.40" }), s)).toBe(0.3);
    expect(distanceFrom(f(), s)).toBeUndefined();
    expect(distanceFrom(f({ near: "52.52,13.40" }), signal())).toBeUndefined();
  });
});
