import { describe, expect, it } from "vitest";
import { atRiskOf, claimLate, needAtRisk, promiseOf, stockMismatch, type ClaimCandidate, type NeedCandidate, type StockCandidate } from "./coordination-at-risk";

const NOW = new Date("2026-11-25T12:00:00Z");
const H = 3_600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * H);
const where = { board: { slug: "b", name: "B" }, resourceSpecId: "spec", unit: "each", place: "Berlin", orgPlace: null };

const need = (n: Partial<NeedCandidate> = {}): NeedCandidate => ({
  ...where, id: "need-1", kind: "need", title: "Shields for the clinic", dueAt: at(48), quantity: 100, claimed: 0, delivered: 0,
  startedClaims: 0, waitingClaims: 0, ...n,
});
const claim = (c: Partial<ClaimCandidate> = {}): ClaimCandidate => ({
  ...where, id: "claim-1", signalId: "need-1", signalKind: "need", title: "Shields", status: "claimed", quantity: 20,
  promisedAt: null, signalDueAt: null, lastBookedWeek: null, claimer: "Fablab", ...c,
});
const stock = (s: Partial<StockCandidate> = {}): StockCandidate => ({
  ...where, id: "stock-1", title: "Gloves in the hub", quantity: 100, delivered: 30, organization: "Hub", ledgerOnHand: 70, ...s,
});

describe("needs due soon that nobody has started", () => {
  it("flags a need due within a week with nothing started, saying how much and why", () => {
    const item = needAtRisk(need({ claimed: 40, waitingClaims: 1 }), NOW)!;
    expect(item).toMatchObject({ kind: "need_unstarted", hours: 48, signalId: "need-1", claimId: null });
    expect(item.reason).toBe("100 each still to deliver, 1 claim for 40 each, none started, 60 each unclaimed");
    expect(needAtRisk(need(), NOW)!.reason).toBe("100 each still to deliver, nobody has claimed it");
  });
  it("leaves out needs due later, already started, or delivered; keeps overdue ones", () => {
    expect(needAtRisk(need({ dueAt: at(7 * 24 + 1) }), NOW)).toBeNull();
    expect(needAtRisk(need({ startedClaims: 1 }), NOW)).toBeNull();
    expect(needAtRisk(need({ claimed: 100, delivered: 100 }), NOW)).toBeNull();
    expect(needAtRisk(need({ dueAt: at(-5) }), NOW)!.hours).toBe(-5);
  });
});

describe("claims past their promise", () => {
  it("takes the claim's own date first, then the request's due date, then the end of its last booked week", () => {
    expect(promiseOf(claim({ promisedAt: at(-1), signalDueAt: at(10) }))!.at).toEqual(at(-1));
    expect(promiseOf(claim({ signalDueAt: at(-2) }))!.source).toBe("the need's due date");
    const monday = new Date("2026-11-16T00:00:00Z");
    expect(promiseOf(claim({ signalKind: "capacity", signalDueAt: at(-2), lastBookedWeek: monday }))!.at.toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(promiseOf(claim({ signalKind: "stock" }))).toBeNull();
  });
  it("flags only promises that have passed", () => {
    const late = claimLate(claim({ promisedAt: at(-26), status: "in_progress" }), NOW)!;
    expect(late).toMatchObject({ kind: "claim_late", claimId: "claim-1", signalId: "need-1", hours: -26 });
    expect(late.reason).toBe("Fablab's claim of 20 each is past its promised date and still in progress");
    expect(claimLate(claim({ promisedAt: at(3) }), NOW)).toBeNull();
    expect(claimLate(claim(), NOW)).toBeNull();
  });
});

describe("stock signals that no longer match the ledger", () => {
  it("compares what the signal still offers with the ledger's on-hand", () => {
    expect(stockMismatch(stock(), NOW)).toBeNull();
    const item = stockMismatch(stock({ ledgerOnHand: 40 }), NOW)!;
    expect(item).toMatchObject({ kind: "stock_mismatch", at: null, hours: null });
    expect(item.reason).toContain("Offers 70 each; Hub's ledger shows 40 each on hand");
  });
});

describe("atRiskOf", () => {
  it("puts the longest overdue first, then what falls due soonest, then mismatches; filters by region", () => {
    const items = atRiskOf({
      needs: [need({ id: "soon", dueAt: at(5) }), need({ id: "later", dueAt: at(100) }), need({ id: "elsewhere", dueAt: at(1), place: "Lyon" })],
      claims: [claim({ promisedAt: at(-30) })],
      stock: [stock({ ledgerOnHand: 0 })],
      now: NOW,
      filter: { region: "berlin" },
    });
    expect(items.map((i) => i.kind + ":" + i.signalId)).toEqual(["claim_late:need-1", "need_unstarted:soon", "need_unstarted:later", "stock_mismatch:stock-1"]);
  });
});
