import { describe, expect, it } from "vitest";
import { heatStep } from "./heat-scale";

describe("heatStep", () => {
  it("is 0 without a gap and 5 for the largest, by fifths between", () => {
    expect(heatStep(0, 100)).toBe(0);
    expect(heatStep(100, 100)).toBe(5);
    expect(heatStep(1, 100)).toBe(1);
    expect(heatStep(41, 100)).toBe(3);
    expect(heatStep(5, 0)).toBe(0);
  });
});
