import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import {
  availabilityHasEnded,
  checkClaimable,
  checkQuantityEdit,
  deadlineOf,
  deriveSignalStatus,
  isRequestKind,
  remainingQuantity,
  type SignalStatus,
} from "./signal-rules";
import type { UnitRule } from "./units";

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a DomainError, nothing was thrown");
}

describe("deriveSignalStatus", () => {
  const s = (status: SignalStatus, claimedQuantity: number, deliveredQuantity = 0, quantity = 10) =>
    deriveSignalStatus({ status, quantity, claimedQuantity, deliveredQuantity });

  it("is open while something is unclaimed", () => {
    expect(s("open", 0)).toBe("open");
    expect(s("open", 9.999)).toBe("open");
    expect(s("claimed", 5)).toBe("open"); // a release reopens it
  });

  it("is claimed when live claims cover the quantity", () => {
    expect(s("open", 10)).toBe("claimed");
    expect(s("open", 10, 4)).toBe("claimed");
    expect(deriveSignalStatus({ status: "open", quantity: 0.3, claimedQuantity: 0.1 + 0.2, deliveredQuantity: 0 })).toBe("claimed");
  });

  it("is fulfilled once deliveries cover the quantity", () => {
    expect(s("claimed", 10, 10)).toBe("fulfilled");
    expect(s("open", 10, 10)).toBe("fulfilled");
  });

  it("goes back from fulfilled when the quantity is raised", () => {
    expect(s("fulfilled", 10, 10, 12)).toBe("open");
  });

  it("never undoes withdrawn or expired", () => {
    expect(s("withdrawn", 10, 10)).toBe("withdrawn");
    expect(s("expired", 0)).toBe("expired");
  });
});

describe("remainingQuantity", () => {
  it("subtracts without drift and never goes below zero", () => {
    expect(remainingQuantity({ quantity: 1, claimedQuantity: 0.9 })).toBe(0.1);
    expect(remainingQuantity({ quantity: 5, claimedQuantity: 7 })).toBe(0);
  });
});

describe("checkClaimable", () => {
  const now = new Date("2026-11-27T12:00:00Z");
  const signal = { kind: "need" as const, status: "open" as SignalStatus, quantity: 10, claimedQuantity: 7, availableUntil: null };
  const KG = { unit: "kg", divisible: true };
  const EACH = { unit: "each", divisible: false };
  const claim = (over: Partial<typeof signal> | object, quantity: number, spec: UnitRule = KG) =>
    checkClaimable({ signal: { ...signal, ...over }, spec, quantity, now });

  it("accepts a claim up to the remaining quantity", () => {
    expect(() => claim({}, 3)).not.toThrow();
    expect(() => claim({ quantity: 0.3, claimedQuantity: 0.1 }, 0.2)).not.toThrow();
  });

  it("refuses closed signals, but not fully claimed ones", () => {
    for (const status of ["withdrawn", "expired", "fulfilled"] as const) {
      expect(errorOf(() => claim({ status }, 1)).code).toBe("SIGNAL_NOT_OPEN");
    }
    const full = errorOf(() => claim({ status: "claimed", claimedQuantity: 10 }, 1));
    expect(full.code).toBe("OVER_CLAIM");
    expect(full.extra).toEqual({ remaining: 0 });
  });

  it("refuses an offer whose availability has ended, with when it ended; a request past due stays claimable", () => {
    const ended = new Date("2026-11-27T11:59:00Z");
    for (const kind of ["capacity", "stock"] as const) {
      const e = errorOf(() => claim({ kind, availableUntil: ended }, 1));
      expect(e.code).toBe("AVAILABILITY_ENDED");
      expect(e.status).toBe(409);
      expect(e.extra).toEqual({ availableUntil: "2026-11-27T11:59:00.000Z" });
      expect(errorOf(() => claim({ kind, availableUntil: now }, 1)).code, "ends at this very moment").toBe("AVAILABILITY_ENDED");
      expect(() => claim({ kind, availableUntil: new Date("2026-11-27T12:01:00Z") }, 1)).not.toThrow();
      expect(() => claim({ kind, availableUntil: null }, 1)).not.toThrow();
    }
    expect(() => claim({ kind: "need", availableUntil: ended }, 1)).not.toThrow();
  });

  it("reports what remains on an over-claim", () => {
    const e = errorOf(() => claim({}, 3.001));
    expect(e.code).toBe("OVER_CLAIM");
    expect(e.status).toBe(409);
    expect(e.extra).toEqual({ remaining: 3 });
  });

  it("rejects nonsense quantities on the quantity field", () => {
    for (const q of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1.0001, 2e9]) {
      const e = errorOf(() => claim({ quantity: 3e9, claimedQuantity: 0 }, q));
      expect(e.code, String(q)).toBe("VALIDATION_FAILED");
      expect(Object.keys(e.fields!)).toEqual(["quantity"]);
    }
  });

  it("takes only whole numbers of a counted unit, before looking at what is left", () => {
    const e = errorOf(() => claim({}, 0.5, EACH));
    expect(e.code).toBe("VALIDATION_FAILED");
    expect(e.fields).toEqual({ quantity: ['Must be a whole number: "each" is counted, not measured'] });
    expect(errorOf(() => claim({}, 3.5, EACH)).code, "over the remainder too, but the shape comes first").toBe("VALIDATION_FAILED");
    expect(() => claim({}, 3, EACH)).not.toThrow();
    // The unit decides when the specification does not say (older events carry no `divisible`).
    expect(errorOf(() => claim({}, 0.5, { unit: "run" })).code).toBe("VALIDATION_FAILED");
    expect(() => claim({}, 0.5, { unit: "kg" })).not.toThrow();
  });
});

describe("checkQuantityEdit", () => {
  const KG = { unit: "kg", divisible: true };
  it("allows any valid quantity at or above what is claimed", () => {
    expect(() => checkQuantityEdit(5, 5, KG)).not.toThrow();
    expect(() => checkQuantityEdit(0.3, 0.1 + 0.2, KG)).not.toThrow();
    expect(() => checkQuantityEdit(100, 5, KG)).not.toThrow();
  });

  it("refuses to cut below live claims", () => {
    const e = errorOf(() => checkQuantityEdit(4.999, 5, KG));
    expect(e.code).toBe("QUANTITY_BELOW_CLAIMED");
    expect(e.extra).toEqual({ claimedQuantity: 5 });
    expect(e.fields).toHaveProperty("quantity");
  });

  it("still validates the number itself", () => {
    expect(errorOf(() => checkQuantityEdit(0, 0, KG)).code).toBe("VALIDATION_FAILED");
  });

  it("keeps a counted unit whole", () => {
    const e = errorOf(() => checkQuantityEdit(12.5, 0, { unit: "each", divisible: false }));
    expect(e.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(e.fields!)).toEqual(["quantity"]);
    expect(() => checkQuantityEdit(12, 0, { unit: "each", divisible: false })).not.toThrow();
  });
});

describe("isRequestKind", () => {
  it("splits requests from offers", () => {
    expect((["need", "order", "capacity", "stock"] as const).map(isRequestKind)).toEqual([true, true, false, false]);
  });
});

describe("deadlineOf and availabilityHasEnded", () => {
  const due = new Date("2026-12-01T00:00:00Z");
  const until = new Date("2026-12-05T00:00:00Z");
  it("reads the due date of a request and the end of availability of an offer", () => {
    expect(deadlineOf({ kind: "need", dueAt: due, availableUntil: until })).toBe(due);
    expect(deadlineOf({ kind: "order", dueAt: null, availableUntil: until })).toBeNull();
    expect(deadlineOf({ kind: "stock", dueAt: due, availableUntil: until })).toBe(until);
  });

  it("ends an offer at its availableUntil; requests and open-ended offers never end", () => {
    expect(availabilityHasEnded({ kind: "capacity", availableUntil: until }, new Date("2026-12-04T23:59:59Z"))).toBe(false);
    expect(availabilityHasEnded({ kind: "capacity", availableUntil: until }, until)).toBe(true);
    expect(availabilityHasEnded({ kind: "stock", availableUntil: null }, new Date("2099-01-01T00:00:00Z"))).toBe(false);
    expect(availabilityHasEnded({ kind: "need", availableUntil: until }, new Date("2099-01-01T00:00:00Z"))).toBe(false);
  });
});
