import { describe, expect, it } from "vitest";
import { regionOf, UNPLACED } from "./regions";

describe("regionOf", () => {
  it("compares place names without case or extra spaces, and keeps the name as written", () => {
    expect(regionOf(" Berlin  Mitte ")).toEqual({ key: "berlin mitte", name: "Berlin Mitte" });
    expect(regionOf("BERLIN mitte").key).toBe(regionOf("berlin Mitte").key);
  });
  it("falls back to the organization's place, then to unplaced", () => {
    expect(regionOf(null, "Lyon")).toEqual({ key: "lyon", name: "Lyon" });
    expect(regionOf("  ", "Lyon").key).toBe("lyon");
    expect(regionOf(undefined, null)).toEqual({ key: UNPLACED, name: "No place given" });
  });
});
