import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import {
  checkAvailabilityWindow,
  checkClaimable,
  checkQuantityEdit,
  deriveSignalStatus,
  isRequestKind,
  remainingQuantity,
  type SignalStatus,
} from "./signal-rules";

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
  const signal = { status: "open" as SignalStatus, quantity: 10, claimedQuantity: 7, ownerId: "owner" };

  it("accepts a claim up to the remaining quantity", () => {
    expect(() => checkClaimable({ signal, actorId: "maker", quantity: 3 })).not.toThrow();
    expect(() => checkClaimable({ signal: { ...signal, quantity: 0.3, claimedQuantity: 0.1 }, actorId: "maker", quantity: 0.2 })).not.toThrow();
  });

  it("refuses the owner", () => {
    expect(errorOf(() => checkClaimable({ signal, actorId: "owner", quantity: 1 })).code).toBe("OWN_SIGNAL");
  });

  it("refuses closed signals, but not fully claimed ones", () => {
    for (const status of ["withdrawn", "expired", "fulfilled"] as const) {
      expect(errorOf(() => checkClaimable({ signal: { ...signal, status }, actorId: "maker", quantity: 1 })).code).toBe("SIGNAL_NOT_OPEN");
    }
    const full = errorOf(() => checkClaimable({ signal: { ...signal, status: "claimed", claimedQuantity: 10 }, actorId: "maker", quantity: 1 }));
    expect(full.code).toBe("OVER_CLAIM");
    expect(full.extra).toEqual({ remaining: 0 });
  });

  it("reports what remains on an over-claim", () => {
    const e = errorOf(() => checkClaimable({ signal, actorId: "maker", quantity: 3.001 }));
    expect(e.code).toBe("OVER_CLAIM");
    expect(e.status).toBe(409);
    expect(e.extra).toEqual({ remaining: 3 });
  });

  it("rejects nonsense quantities on the quantity field", () => {
    for (const q of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1.0001, 2e9]) {
      const e = errorOf(() => checkClaimable({ signal: { ...signal, quantity: 3e9, claimedQuantity: 0 }, actorId: "maker", quantity: q }));
      expect(e.code, String(q)).toBe("VALIDATION_FAILED");
      expect(Object.keys(e.fields!)).toEqual(["quantity"]);
    }
  });
});

describe("checkQuantityEdit", () => {
  it("allows any valid quantity at or above what is claimed", () => {
    expect(() => checkQuantityEdit(5, 5)).not.toThrow();
    expect(() => checkQuantityEdit(0.3, 0.1 + 0.2)).not.toThrow();
    expect(() => checkQuantityEdit(100, 5)).not.toThrow();
  });

  it("refuses to cut below live claims", () => {
    const e = errorOf(() => checkQuantityEdit(4.999, 5));
    expect(e.code).toBe("QUANTITY_BELOW_CLAIMED");
    expect(e.extra).toEqual({ claimedQuantity: 5 });
    expect(e.fields).toHaveProperty("quantity");
  });

  it("still validates the number itself", () => {
    expect(errorOf(() => checkQuantityEdit(0, 0)).code).toBe("VALIDATION_FAILED");
  });
});

describe("checkAvailabilityWindow", () => {
  const d = (iso: string) => new Date(iso);
  it("needs the end after the start when both are set", () => {
    expect(() => checkAvailabilityWindow(d("2025-01-01T00:00:00Z"), d("2025-01-02T00:00:00Z"))).not.toThrow();
    expect(() => checkAvailabilityWindow(null, d("2025-01-02T00:00:00Z"))).not.toThrow();
    expect(() => checkAvailabilityWindow(d("2025-01-01T00:00:00Z"), undefined)).not.toThrow();
    const e = errorOf(() => checkAvailabilityWindow(d("2025-01-02T00:00:00Z"), d("2025-01-02T00:00:00Z")));
    expect(e.fields).toHaveProperty("availableUntil");
  });
});

describe("isRequestKind", () => {
  it("splits requests from offers", () => {
    expect((["need", "order", "capacity", "stock"] as const).map(isRequestKind)).toEqual([true, true, false, false]);
  });
});
