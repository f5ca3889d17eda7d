import { describe, expect, it } from "vitest";
import {
  addQty,
  compareQty,
  hasAtMostThreeDecimals,
  MAX_QUANTITY,
  roundQty,
  subQty,
  sumQty,
  toThousandths,
} from "./quantity";

describe("quantity arithmetic", () => {
  it("does not drift like plain floats do", () => {
    expect(0.1 + 0.2).not.toBe(0.3); // the problem this module exists for
    expect(addQty(0.1, 0.2)).toBe(0.3);
    expect(subQty(0.3, 0.1)).toBe(0.2);
    expect(sumQty([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1])).toBe(1);
  });

  it("rounds to 3 decimals, halves away from zero", () => {
    expect(roundQty(1.0005)).toBe(1.001);
    expect(roundQty(1.0004)).toBe(1);
    expect(roundQty(2.675)).toBe(2.675);
    expect(roundQty(-1.0005)).toBe(-1.001);
    expect(Object.is(roundQty(-0.0001), 0)).toBe(true);
  });

  it("is exact at the maximum quantity", () => {
    expect(addQty(MAX_QUANTITY - 0.001, 0.001)).toBe(MAX_QUANTITY);
    expect(subQty(MAX_QUANTITY, 0.001)).toBe(999_999_999.999);
    expect(toThousandths(MAX_QUANTITY)).toBe(1e12);
  });

  it("refuses non-finite numbers instead of storing NaN", () => {
    expect(() => roundQty(Number.NaN)).toThrow(RangeError);
    expect(() => addQty(1, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it("compares at stored precision", () => {
    expect(compareQty(0.1 + 0.2, 0.3)).toBe(0);
    expect(compareQty(1, 1.001)).toBe(-1);
    expect(compareQty(1.001, 1)).toBe(1);
  });
});

describe("hasAtMostThreeDecimals", () => {
  it("accepts up to three places, tolerating float noise", () => {
    for (const n of [1, 0.5, 12.345, 0.001, 0.1 + 0.2, MAX_QUANTITY, 999_999_999.999]) {
      expect(hasAtMostThreeDecimals(n), String(n)).toBe(true);
    }
  });

  it("rejects a real fourth place and non-finite numbers", () => {
    for (const n of [0.0005, 1.2345, 999_999_999.9995, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(hasAtMostThreeDecimals(n), String(n)).toBe(false);
    }
  });
});

describe("hasAtMostThreeDecimals across the range", () => {
  it("accepts every 3-decimal value a client could compute, and rejects one more digit", () => {
    // Deterministic sweep over magnitudes, so a too-loose or too-tight tolerance shows up somewhere.
    for (let exp = -3; exp <= 9; exp++) {
      for (const mantissa of [1, 1.234, 7.777, 9.999]) {
        const n = roundQty(mantissa * 10 ** exp);
        if (n <= 0 || n > MAX_QUANTITY) continue;
        expect(hasAtMostThreeDecimals(n), `${n}`).toBe(true);
        expect(hasAtMostThreeDecimals(n / 3 + (n - n / 3)), `${n} via arithmetic`).toBe(true);
        if (n + 0.0004 !== n) expect(hasAtMostThreeDecimals(n + 0.0004), `${n} + 0.0004`).toBe(false);
      }
    }
  });
});
