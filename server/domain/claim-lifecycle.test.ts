import { describe, expect, it } from "vitest";
import {
  allowedTransitions,
  CLAIM_STATUSES,
  claimActorRoles,
  claimIsStale,
  isLive,
  lapseClaim,
  LIVE_CLAIM_STATUSES,
  transitionClaim,
  type ClaimStatus,
  type SignalKind,
} from "./claim-lifecycle";
import { DomainError } from "./errors";

const OWNER = "owner";
const CLAIMER = "claimer";
const STRANGER = "stranger";

const KG = { unit: "kg", divisible: true };
const EACH = { unit: "each", divisible: false };

function attempt(kind: SignalKind, from: ClaimStatus, actorId: string, to: ClaimStatus, quantity?: number, claimQty = 10, spec = KG) {
  return transitionClaim({
    kind,
    claim: { status: from, quantity: claimQty, claimerId: CLAIMER },
    signalOwnerId: OWNER,
    actorId,
    to,
    spec,
    ...(quantity === undefined ? {} : { quantity }),
  });
}

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a DomainError, nothing was thrown");
}

describe("who is who", () => {
  it("makes the claimer the provider of a request and the owner the provider of an offer", () => {
    const claim = { status: "claimed" as const, quantity: 1, claimerId: CLAIMER };
    const roles = (kind: SignalKind, actorId: string) => claimActorRoles({ kind, claim, signalOwnerId: OWNER, actorId });
    expect(roles("need", CLAIMER)).toEqual(["provider", "claimer"]);
    expect(roles("order", OWNER)).toEqual(["receiver"]);
    expect(roles("capacity", OWNER)).toEqual(["provider"]);
    expect(roles("stock", CLAIMER)).toEqual(["receiver", "claimer"]);
    expect(roles("need", STRANGER)).toEqual(["other"]);
  });
});

describe("transitionClaim on a need (claimer provides, owner receives)", () => {
  it("lets the claimer progress and ship, and the owner confirm delivery", () => {
    expect(attempt("need", "claimed", CLAIMER, "in_progress")).toEqual({ status: "in_progress", quantity: 10, returned: 0, delivered: 0 });
    expect(attempt("need", "in_progress", CLAIMER, "shipped").status).toBe("shipped");
    expect(attempt("need", "claimed", CLAIMER, "shipped").status).toBe("shipped");
    expect(attempt("need", "shipped", OWNER, "delivered")).toEqual({ status: "delivered", quantity: 10, returned: 0, delivered: 10 });
    expect(attempt("need", "claimed", OWNER, "delivered").delivered).toBe(10);
    expect(attempt("need", "in_progress", OWNER, "delivered").delivered).toBe(10);
  });

  it("does not let a provider declare its own delivery", () => {
    const e = errorOf(() => attempt("need", "shipped", CLAIMER, "delivered"));
    expect(e.code).toBe("FORBIDDEN");
    expect(e.extra).toMatchObject({ from: "shipped", to: "delivered", allowed: [] });
  });

  it("does not let the receiver ship or release someone else's claim", () => {
    expect(errorOf(() => attempt("need", "claimed", OWNER, "shipped")).code).toBe("FORBIDDEN");
    expect(errorOf(() => attempt("need", "claimed", OWNER, "released")).code).toBe("FORBIDDEN");
  });
});

describe("transitionClaim on an offer (owner provides, claimer receives)", () => {
  it("lets the owner ship booked capacity and the claimer confirm it", () => {
    expect(attempt("capacity", "claimed", OWNER, "in_progress").status).toBe("in_progress");
    expect(attempt("stock", "claimed", OWNER, "shipped").status).toBe("shipped");
    expect(attempt("stock", "shipped", CLAIMER, "delivered").delivered).toBe(10);
  });

  it("lets the claimer release a reservation but not ship it", () => {
    expect(attempt("stock", "claimed", CLAIMER, "released")).toEqual({ status: "released", quantity: 10, returned: 10, delivered: 0 });
    expect(errorOf(() => attempt("stock", "claimed", CLAIMER, "shipped")).code).toBe("FORBIDDEN");
  });
});

describe("releasing", () => {
  it("keeps the status and lowers the quantity on a partial release", () => {
    expect(attempt("need", "in_progress", CLAIMER, "released", 3)).toEqual({ status: "in_progress", quantity: 7, returned: 3, delivered: 0 });
    expect(attempt("need", "claimed", CLAIMER, "released", 0.1, 0.3)).toEqual({ status: "claimed", quantity: 0.2, returned: 0.1, delivered: 0 });
  });

  it("treats a quantity equal to the claim as a full release", () => {
    expect(attempt("need", "claimed", CLAIMER, "released", 10)).toEqual({ status: "released", quantity: 10, returned: 10, delivered: 0 });
  });

  it("rejects bad release quantities on the quantity field", () => {
    for (const q of [0, -1, 10.001, 11, Number.NaN, Number.POSITIVE_INFINITY, 1.0005]) {
      const e = errorOf(() => attempt("need", "claimed", CLAIMER, "released", q));
      expect(e.code, String(q)).toBe("VALIDATION_FAILED");
      expect(Object.keys(e.fields!)).toEqual(["quantity"]);
    }
  });

  it("releases only whole numbers of a counted unit, and any 3-decimal share of a divisible one", () => {
    const e = errorOf(() => attempt("need", "claimed", CLAIMER, "released", 2.5, 10, EACH));
    expect(e.code).toBe("VALIDATION_FAILED");
    expect(e.fields).toEqual({ quantity: ['Must be a whole number: "each" is counted, not measured'] });
    expect(attempt("need", "claimed", CLAIMER, "released", 3, 10, EACH)).toEqual({ status: "claimed", quantity: 7, returned: 3, delivered: 0 });
    expect(attempt("need", "claimed", CLAIMER, "released", 2.5, 10, KG)).toEqual({ status: "claimed", quantity: 7.5, returned: 2.5, delivered: 0 });
  });

  it("rejects a quantity on anything but a release", () => {
    const e = errorOf(() => attempt("need", "claimed", CLAIMER, "in_progress", 2));
    expect(e.code).toBe("VALIDATION_FAILED");
    expect(e.fields).toHaveProperty("quantity");
  });

  it("cannot take back goods once shipped", () => {
    const e = errorOf(() => attempt("need", "shipped", CLAIMER, "released"));
    expect(e.code).toBe("INVALID_TRANSITION");
    expect(e.extra).toEqual({ from: "shipped", to: "released", allowed: [] });
  });
});

describe("invalid transitions", () => {
  it("never reaches lapsed through transitionClaim", () => {
    for (const actor of [OWNER, CLAIMER]) {
      const e = errorOf(() => attempt("need", "claimed", actor, "lapsed"));
      expect(e.code).toBe("INVALID_TRANSITION");
    }
  });

  it("rejects same-status and backward moves, listing what the actor could do", () => {
    const same = errorOf(() => attempt("need", "in_progress", CLAIMER, "in_progress"));
    expect(same.code).toBe("INVALID_TRANSITION");
    expect(same.extra).toEqual({ from: "in_progress", to: "in_progress", allowed: ["shipped", "released"] });
    expect(errorOf(() => attempt("need", "shipped", CLAIMER, "claimed")).code).toBe("INVALID_TRANSITION");
  });

  it("allows nothing out of a terminal state", () => {
    for (const from of ["delivered", "released", "lapsed"] as const)
      for (const to of CLAIM_STATUSES)
        for (const actor of [OWNER, CLAIMER]) {
          const e = errorOf(() => attempt("order", from, actor, to));
          expect(e.code, `${from}->${to}`).toBe("INVALID_TRANSITION");
          expect(e.extra?.allowed).toEqual([]);
        }
  });

  it("forbids strangers whatever the state", () => {
    for (const from of CLAIM_STATUSES) expect(errorOf(() => attempt("need", from, STRANGER, "delivered")).code).toBe("FORBIDDEN");
  });
});

describe("allowedTransitions", () => {
  it("matches what transitionClaim accepts, for every kind, state, actor and target", () => {
    for (const kind of ["need", "order", "capacity", "stock"] as const)
      for (const from of CLAIM_STATUSES)
        for (const actorId of [OWNER, CLAIMER, STRANGER]) {
          const allowed = allowedTransitions({ kind, claim: { status: from, quantity: 10, claimerId: CLAIMER }, signalOwnerId: OWNER, actorId });
          for (const to of CLAIM_STATUSES) {
            let ok = true;
            try {
              attempt(kind, from, actorId, to);
            } catch {
              ok = false;
            }
            expect(ok, `${kind} ${from}->${to} by ${actorId}`).toBe(allowed.includes(to));
          }
        }
  });

  it("offers the buttons each side expects", () => {
    const claim = { status: "claimed" as const, quantity: 5, claimerId: CLAIMER };
    expect(allowedTransitions({ kind: "need", claim, signalOwnerId: OWNER, actorId: CLAIMER })).toEqual(["in_progress", "shipped", "released"]);
    expect(allowedTransitions({ kind: "need", claim, signalOwnerId: OWNER, actorId: OWNER })).toEqual(["delivered"]);
    expect(allowedTransitions({ kind: "capacity", claim, signalOwnerId: OWNER, actorId: OWNER })).toEqual(["in_progress", "shipped"]);
    expect(allowedTransitions({ kind: "capacity", claim, signalOwnerId: OWNER, actorId: CLAIMER })).toEqual(["delivered", "released"]);
  });
});

describe("lapsing", () => {
  it("returns the whole quantity from claimed or in_progress", () => {
    expect(lapseClaim({ status: "claimed", quantity: 4.5 })).toEqual({ status: "lapsed", returned: 4.5 });
    expect(lapseClaim({ status: "in_progress", quantity: 1 })).toEqual({ status: "lapsed", returned: 1 });
  });

  it("refuses other states", () => {
    for (const status of ["shipped", "delivered", "released", "lapsed"] as const) {
      const e = errorOf(() => lapseClaim({ status, quantity: 1 }));
      expect(e.code).toBe("INVALID_TRANSITION");
      expect(e.extra).toEqual({ from: status, to: "lapsed", allowed: [] });
    }
  });

  it("finds stale claims only among claimed and in_progress, at the window", () => {
    const now = new Date("2025-06-10T00:00:00Z");
    const old = new Date(now.getTime() - 72 * 3_600_000);
    expect(claimIsStale({ status: "claimed", lastProgressAt: old }, now, 72)).toBe(true);
    expect(claimIsStale({ status: "in_progress", lastProgressAt: old }, now, 72)).toBe(true);
    expect(claimIsStale({ status: "in_progress", lastProgressAt: old }, now, 73)).toBe(false);
    for (const status of ["shipped", "delivered", "released", "lapsed"] as const) {
      expect(claimIsStale({ status, lastProgressAt: new Date(0) }, now, 1)).toBe(false);
    }
  });
});

describe("liveness", () => {
  it("counts claimed, in_progress, shipped and delivered against the signal", () => {
    expect(LIVE_CLAIM_STATUSES).toEqual(["claimed", "in_progress", "shipped", "delivered"]);
    expect(CLAIM_STATUSES.filter(isLive)).toEqual([...LIVE_CLAIM_STATUSES]);
    expect(isLive("released")).toBe(false);
    expect(isLive("lapsed")).toBe(false);
  });
});
