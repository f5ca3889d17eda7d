import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MAX_LINEAGE_HOPS, mergeTraces, traceLineage, type LineageEvent } from "./lineage";

const SPEC = "spec-a";
const ev = (action: LineageEvent["action"], quantity: number, providerId: string, receiverId = providerId, resourceSpecId = SPEC): LineageEvent => ({
  action,
  quantity,
  providerId,
  receiverId,
  resourceSpecId,
});

describe("traceLineage", () => {
  it("follows a maker's shields to a hub, then proportionally to the wards that used them", () => {
    const [trace] = traceLineage(
      [
        ev("produce", 100, "maker"),
        ev("produce", 300, "other-maker"),
        ev("transfer", 60, "maker", "hub"),
        ev("transfer", 140, "other-maker", "hub"),
        // The hub holds 200, 60 of them (30%) the maker's: 30% of what leaves is attributed to the maker.
        ev("transfer", 100, "hub", "ward"),
        ev("consume", 50, "ward"),
        ev("move", 10, "hub"),
      ],
      "maker",
    );
    expect(trace).toMatchObject({ produced: 100, received: 0, given: 60, beyondHorizon: 0 });
    expect(trace!.flows).toEqual([
      { from: "maker", to: "hub", action: "transfer", hop: 1, quantity: 60 },
      { from: "hub", to: "ward", action: "transfer", hop: 2, quantity: 30 },
      { from: "ward", to: null, action: "consume", hop: 2, quantity: 15 },
    ]);
    expect(trace!.holdings).toEqual([
      { agentId: "hub", quantity: 30 },
      { agentId: "ward", quantity: 15 },
    ]);
  });

  it("counts what the origin received and passed on as given, and stops following after the last hop", () => {
    const chain = ["o", "a", "b", "c", "d", "e"];
    const events = [ev("transfer", 5, "supplier", "o"), ...chain.slice(0, -1).map((from, i) => ev("transfer", 5, from, chain[i + 1]!))];
    const [trace] = traceLineage(events, "o");
    expect(trace).toMatchObject({ produced: 0, received: 5, given: 5, beyondHorizon: 5 });
    expect(trace!.flows.map((f) => [f.from, f.to, f.hop])).toEqual([
      ["o", "a", 1],
      ["a", "b", 2],
      ["b", "c", 3],
    ]);
    expect(trace!.holdings).toEqual([]);
    expect(MAX_LINEAGE_HOPS).toBe(3);
  });

  it("adds up boards per resource", () => {
    const a = traceLineage([ev("produce", 4, "o"), ev("transfer", 4, "o", "x")], "o");
    const b = traceLineage([ev("produce", 6, "o"), ev("transfer", 6, "o", "x"), ev("produce", 1, "o", "o", "spec-b")], "o");
    const merged = mergeTraces([...a, ...b]);
    expect(merged.map((t) => [t.resourceSpecId, t.produced, t.given, t.flows[0]?.quantity ?? 0])).toEqual([
      [SPEC, 10, 10, 10],
      ["spec-b", 1, 0, 0],
    ]);
    expect(merged[0]!.holdings).toEqual([{ agentId: "x", quantity: 10 }]);
  });

  const agents = ["o", "a", "b", "c", "d"];
  const arbEvent = fc.record({
    action: fc.constantFrom("produce", "raise", "consume", "lower", "transfer", "transferCustody", "move", "use") as fc.Arbitrary<LineageEvent["action"]>,
    quantity: fc.integer({ min: 1, max: 50_000 }).map((n) => n / 1000),
    providerId: fc.constantFrom(...agents),
    receiverId: fc.constantFrom(...agents),
    resourceSpecId: fc.constantFrom("s1", "s2"),
  });

  it("never attributes more than flowed, and keeps every traced unit somewhere (property)", () => {
    fc.assert(
      fc.property(fc.array(arbEvent, { maxLength: 60 }), fc.integer({ min: 1, max: 4 }), (events, maxHops) => {
        const eps = 1e-6;
        for (const t of traceLineage(events, "o", maxHops)) {
          const mine = events.filter((e) => e.resourceSpecId === t.resourceSpecId);
          // Per edge: attributed (all hops together) <= what the ledger shows moving along it.
          const moved = new Map<string, number>();
          for (const e of mine) {
            const to = e.action === "consume" || e.action === "lower" ? "" : e.receiverId;
            const key = `${e.providerId}|${to}|${e.action}`;
            moved.set(key, (moved.get(key) ?? 0) + e.quantity);
          }
          const attributed = new Map<string, number>();
          for (const f of t.flows) {
            expect(f.quantity).toBeGreaterThan(0);
            expect(f.hop).toBeGreaterThanOrEqual(1);
            const key = `${f.from}|${f.to ?? ""}|${f.action}`;
            attributed.set(key, (attributed.get(key) ?? 0) + f.quantity);
          }
          for (const [key, q] of attributed) expect(q).toBeLessThanOrEqual((moved.get(key) ?? 0) + eps);
          // Conservation: what reached other agents = what left them + what they still hold + what went past the horizon.
          const into = t.flows.filter((f) => f.to !== null && f.to !== "o").reduce((a, f) => a + f.quantity, 0);
          const outOfOthers = t.flows.filter((f) => f.from !== "o").reduce((a, f) => a + f.quantity, 0);
          const held = t.holdings.reduce((a, h) => a + h.quantity, 0);
          expect(Math.abs(into - (outOfOthers + held + t.beyondHorizon))).toBeLessThan(eps * (1 + into));
          expect(t.given).toBeCloseTo(t.flows.filter((f) => f.from === "o").reduce((a, f) => a + f.quantity, 0), 6);
          expect(t.holdings.every((h) => h.agentId !== "o" && h.quantity > 0)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
