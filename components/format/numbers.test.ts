import { describe, expect, it } from "vitest";
import { countOf, formatDistance, formatPercent, formatQuantity, heatColour, remainingText } from "./numbers";

describe("numbers", () => {
  it("formats quantities with at most 3 decimals", () => {
    expect(formatQuantity(1234.5)).toBe("1,234.5");
    expect(formatQuantity(0.12345)).toBe("0.123");
  });

  it("counts with the singular for exactly one", () => {
    expect(countOf(1, "need")).toBe("1 need");
    expect(countOf(0, "need")).toBe("0 needs");
    expect(countOf(2000, "source")).toBe("2,000 sources");
    expect(countOf(1, "person needs", "people need")).toBe("1 person needs");
    expect(countOf(3, "person needs", "people need")).toBe("3 people need");
  });

  it("says what is still open", () => {
    expect(remainingText({ remainingQuantity: 30, quantity: 100, unit: "each" })).toBe("30 of 100 each remaining");
  });

  it("formats shares and distances", () => {
    expect(formatPercent(0.734)).toBe("73%");
    expect(formatDistance(0.42)).toBe("420 m");
    expect(formatDistance(3.27)).toBe("3.3 km");
    expect(formatDistance(27.6)).toBe("28 km");
    expect(formatDistance(1234)).toBe("1,234 km");
  });

  it("moves the heat colour from pale sand to deep red, clamped", () => {
    expect(heatColour(0)).toBe("hsl(45 30% 68%)");
    expect(heatColour(0.5)).toBe("hsl(25 58% 57%)");
    expect(heatColour(1)).toBe("hsl(5 85% 46%)");
    expect(heatColour(7)).toBe(heatColour(1));
    expect(heatColour(Number.NaN)).toBe(heatColour(0));
  });
});
