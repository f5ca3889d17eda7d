import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import { checkQuantityForUnit, defaultDivisible, isDivisible, isWholeQuantity } from "./units";

describe("defaultDivisible", () => {
  it("divides measures of mass, length, area, volume, time and energy", () => {
    for (const unit of ["kg", "g", "m", "cm", "m²", "litre", "l", "ml", "h", "hours", "min", "kWh", "KG", " Kg. ", "kg of PETG", "m of fabric"]) {
      expect(defaultDivisible(unit), unit).toBe(true);
    }
  });

  it("counts everything else: pieces, runs, packs", () => {
    for (const unit of ["each", "run", "box of 100", "sheet", "pair", "roll", "kit", "pcs", "10 m roll", "", "shield"]) {
      expect(defaultDivisible(unit), unit).toBe(false);
    }
  });
});

describe("isDivisible", () => {
  it("follows the specification when it says, and the unit when it does not", () => {
    expect(isDivisible({ unit: "each", divisible: true })).toBe(true);
    expect(isDivisible({ unit: "kg", divisible: false })).toBe(false);
    expect(isDivisible({ unit: "kg" })).toBe(true);
    expect(isDivisible({ unit: "each", divisible: null })).toBe(false);
  });
});

describe("isWholeQuantity", () => {
  it("is whole at the stored precision", () => {
    expect([3, 0, 1e9, 2.0004, 0.1 + 0.2 + 0.7].map(isWholeQuantity)).toEqual([true, true, true, true, true]);
    expect([0.5, 2.001, 2.999, Number.NaN].map(isWholeQuantity)).toEqual([false, false, false, false]);
  });
});

describe("checkQuantityForUnit", () => {
  it("refuses a fraction of a counted unit on the named field, and lets measures through", () => {
    let err: unknown;
    try {
      checkQuantityForUnit(0.5, { unit: "each", divisible: false }, "promisedQuantity");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe("VALIDATION_FAILED");
    expect((err as DomainError).fields).toEqual({ promisedQuantity: ['Must be a whole number: "each" is counted, not measured'] });
    expect(() => checkQuantityForUnit(5, { unit: "each", divisible: false })).not.toThrow();
    expect(() => checkQuantityForUnit(0.5, { unit: "kg", divisible: true })).not.toThrow();
  });
});
