import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  ACTION_EFFECTS,
  applyDeltas,
  ECONOMIC_ACTIONS,
  effectsOf,
  foldStock,
  locationKey,
  partyProblems,
  stockKey,
  storedReceiver,
  type EconomicAction,
  type EffectInput,
  type LedgerLocation,
  type StockLevel,
} from "./ledger-actions";
import { DomainError } from "./errors";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
const SPEC = "00000000-0000-4000-8000-0000000000f1";
const HERE: LedgerLocation = { name: "Workshop", lat: 52.52, lng: 13.405 };
const THERE: LedgerLocation = { name: "Clinic", lat: 41.39, lng: 2.17 };

function ev(action: EconomicAction, quantity: number, over: Partial<EffectInput> = {}): EffectInput {
  return { action, resourceSpecId: SPEC, quantity, providerId: A, receiverId: storedReceiver({ action, providerId: A, receiverId: B }), location: HERE, toLocation: null, ...over };
}

/** Effects as readable [agent, place name, onHand, accounting] rows. */
const readable = (e: EffectInput) =>
  effectsOf(e).map((d) => [d.agentId === A ? "A" : "B", d.location?.name ?? null, d.onHand / 1000, d.accounting / 1000]);

describe("effects of each action (the table in ADR 021)", () => {
  it.each([
    ["produce", [["A", "Workshop", 5, 5]]],
    ["raise", [["A", "Workshop", 5, 5]]],
    ["consume", [["A", "Workshop", -5, -5]]],
    ["lower", [["A", "Workshop", -5, -5]]],
    ["transfer", [["A", "Workshop", -5, -5], ["B", "Workshop", 5, 5]]],
    ["transferCustody", [["A", "Workshop", -5, 0], ["B", "Workshop", 5, 0]]],
    ["use", []],
    ["work", []],
  ] as const)("%s", (action, expected) => {
    expect(readable(ev(action, 5))).toEqual(expected);
  });

  it("move: the same organization's stock leaves one place and arrives at the other", () => {
    expect(readable(ev("move", 2.5, { toLocation: THERE }))).toEqual([
      ["A", "Workshop", -2.5, -2.5],
      ["A", "Clinic", 2.5, 2.5],
    ]);
  });

  it("a transfer to another place lands at the receiver's toLocation", () => {
    expect(readable(ev("transfer", 3, { toLocation: THERE }))).toEqual([
      ["A", "Workshop", -3, -3],
      ["B", "Clinic", 3, 3],
    ]);
  });

  it("quantities are exact thousandths (0.1 + 0.2 is 0.3)", () => {
    const fold = foldStock([ev("produce", 0.1), ev("produce", 0.2)]);
    expect([...fold.values()]).toEqual([{ onHand: 300, accounting: 300 }]);
  });

  it("every action is in the table", () => {
    expect(Object.keys(ACTION_EFFECTS).sort()).toEqual([...ECONOMIC_ACTIONS].sort());
  });
});

describe("parties and places", () => {
  const check = (e: Parameters<typeof partyProblems>[0]) => Object.keys(partyProblems(e));
  it("one-agent actions take no other receiver; transfers need another one", () => {
    expect(check({ action: "produce", providerId: A, receiverId: B, location: null, toLocation: null })).toEqual(["receiver"]);
    expect(check({ action: "produce", providerId: A, receiverId: A, location: null, toLocation: null })).toEqual([]);
    expect(check({ action: "transfer", providerId: A, location: null, toLocation: null })).toEqual(["receiver"]);
    expect(check({ action: "transferCustody", providerId: A, receiverId: A, location: null, toLocation: null })).toEqual(["receiver"]);
    expect(check({ action: "transfer", providerId: A, receiverId: B, location: null, toLocation: null })).toEqual([]);
    expect(check({ action: "work", providerId: A, receiverId: B, location: null, toLocation: null })).toEqual([]);
  });
  it("a move needs a different toLocation; actions in one place refuse one", () => {
    expect(check({ action: "move", providerId: A, location: HERE, toLocation: null })).toEqual(["toLocation"]);
    expect(check({ action: "move", providerId: A, location: HERE, toLocation: HERE })).toEqual(["toLocation"]);
    expect(check({ action: "move", providerId: A, location: HERE, toLocation: THERE })).toEqual([]);
    expect(check({ action: "produce", providerId: A, location: HERE, toLocation: THERE })).toEqual(["toLocation"]);
  });
  it("the stored receiver is the provider for one-agent actions", () => {
    expect(storedReceiver({ action: "consume", providerId: A, receiverId: null })).toBe(A);
    expect(storedReceiver({ action: "transfer", providerId: A, receiverId: B })).toBe(B);
  });
  it("places are told apart by coordinates and name; no place is its own stock", () => {
    expect(locationKey(null)).toBe("");
    expect(locationKey(HERE)).not.toBe(locationKey({ ...HERE, name: null }));
    expect(locationKey({ ...HERE, lat: 52.5200001 })).toBe(locationKey(HERE)); // below a decimetre: one place
  });
});

describe("applyDeltas: never negative on hand without a correction", () => {
  it("409 INSUFFICIENT_STOCK with what is on hand; a correction may go below zero", () => {
    const stock = foldStock([ev("produce", 4)]);
    const take = effectsOf(ev("consume", 5));
    let err: unknown;
    try {
      applyDeltas(stock, take, { correction: false, unit: "each" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe("INSUFFICIENT_STOCK");
    expect((err as DomainError).extra).toMatchObject({ onHand: 4, agent: A });
    const corrected = applyDeltas(stock, take, { correction: true, unit: "each" });
    expect([...corrected.values()]).toEqual([{ onHand: -1000, accounting: -1000 }]);
  });
  it("accounting is not guarded: custody given away and consumed leaves a negative tally", () => {
    let stock: Map<string, StockLevel> = foldStock([ev("produce", 4)]);
    const custody = effectsOf(ev("transferCustody", 4));
    stock = new Map([...stock, ...applyDeltas(stock, custody, { correction: false, unit: "each" })]);
    const used = effectsOf({ ...ev("consume", 4), providerId: B, receiverId: B });
    const after = applyDeltas(stock, used, { correction: false, unit: "each" });
    expect(after.get(stockKey(used[0]!))).toEqual({ onHand: 0, accounting: -4000 });
  });
});

// ---- properties ---------------------------------------------------------------------------------

const AGENTS = [A, B, "00000000-0000-4000-8000-00000000000c"];
const PLACES: Array<LedgerLocation | null> = [null, HERE, THERE];

/** Any event whose parties fit its action (what the API lets through partyProblems). */
export const arbEvent = fc
  .record({
    action: fc.constantFrom(...ECONOMIC_ACTIONS),
    provider: fc.constantFrom(...AGENTS),
    other: fc.constantFrom(...AGENTS),
    spec: fc.constantFrom(SPEC, "00000000-0000-4000-8000-0000000000f2"),
    quantity: fc.integer({ min: 1, max: 20_000 }).map((t) => t / 1000),
    at: fc.constantFrom(...PLACES),
    to: fc.constantFrom(...PLACES),
    correction: fc.boolean(),
  })
  .filter((r) => {
    const receiverId = ACTION_EFFECTS[r.action].singleAgent ? null : r.other;
    const toLocation = r.action === "move" || r.action === "transfer" || r.action === "transferCustody" ? r.to : null;
    return Object.keys(partyProblems({ action: r.action, providerId: r.provider, receiverId, location: r.at, toLocation })).length === 0;
  })
  .map((r) => ({
    effect: {
      action: r.action,
      resourceSpecId: r.spec,
      quantity: r.quantity,
      providerId: r.provider,
      receiverId: storedReceiver({ action: r.action, providerId: r.provider, receiverId: r.other }),
      location: r.at,
      toLocation: r.action === "move" || r.action === "transfer" || r.action === "transferCustody" ? r.to : null,
    } satisfies EffectInput,
    correction: r.correction,
  }));

describe("properties", () => {
  it("the maintained projection equals the fold of the accepted events; on-hand never goes below zero without a correction", () => {
    fc.assert(
      fc.property(fc.array(arbEvent, { maxLength: 60 }), (attempts) => {
        let projection = new Map<string, StockLevel>();
        const accepted: EffectInput[] = [];
        let corrected = false;
        for (const a of attempts) {
          try {
            const changed = applyDeltas(projection, effectsOf(a.effect), { correction: a.correction, unit: "kg" });
            projection = new Map([...projection, ...changed]);
            accepted.push(a.effect);
            if (a.correction) corrected = true;
          } catch (e) {
            expect((e as DomainError).code).toBe("INSUFFICIENT_STOCK");
            expect(a.correction).toBe(false);
          }
          if (!corrected) for (const level of projection.values()) expect(level.onHand).toBeGreaterThanOrEqual(0);
        }
        const fold = foldStock(accepted);
        const nonZero = (m: Map<string, StockLevel>) =>
          new Map([...m].filter(([, v]) => v.onHand !== 0 || v.accounting !== 0));
        expect(nonZero(projection)).toEqual(nonZero(fold));
      }),
      { numRuns: 300 },
    );
  });

  it("a refused event changes nothing: applyDeltas returns new levels and never mutates the current ones", () => {
    fc.assert(
      fc.property(fc.array(arbEvent, { maxLength: 20 }), arbEvent, (history, next) => {
        const current = foldStock(history.map((h) => h.effect));
        const snapshot = JSON.stringify([...current]);
        try {
          applyDeltas(current, effectsOf(next.effect), { correction: next.correction, unit: "kg" });
        } catch {
          /* refused */
        }
        expect(JSON.stringify([...current])).toBe(snapshot);
      }),
      { numRuns: 200 },
    );
  });
});
