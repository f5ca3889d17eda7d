import { describe, expect, it } from "vitest";
import { claim, event, signal } from "@/components/test/fixtures";
import { describeEvent } from "./describe-event";

describe("describeEvent", () => {
  it("tells each kind of change in words", () => {
    expect(describeEvent(event({ seq: 1, type: "signal.created", data: { signal: signal() } }), "each")).toBe("Alice posted this need");
    expect(describeEvent(event({ seq: 2, type: "signal.reinforced", actor: { id: "u3", name: "Carol" } }), "each")).toBe("Carol needs this too");
    expect(describeEvent(event({ seq: 3, type: "signal.expired", actor: null }), "each")).toBe("It expired: nobody refreshed it in time");
    expect(describeEvent(event({ seq: 3, type: "signal.expired", actor: null, data: { reason: "evaporated" } }), "each")).toBe(
      "It expired: nobody refreshed it in time",
    );
    expect(describeEvent(event({ seq: 3, type: "signal.expired", actor: null, data: { reason: "availability_ended" } }), "each")).toBe(
      "It expired: its availability ended",
    );
    const c = claim({ quantity: 20, onBehalfOf: { id: "o1", name: "Fab Lab", kind: "makerspace" } });
    expect(describeEvent(event({ seq: 4, type: "claim.created", data: { claim: c } }), "each")).toBe("Bob for Fab Lab claimed 20 each");
  });

  it("tells claim moves, including partial releases", () => {
    const c = claim({ quantity: 20, status: "shipped" });
    const actor = { id: "u2", name: "Bob" };
    expect(describeEvent(event({ seq: 5, type: "claim.transitioned", actor, data: { claim: c, from: "in_progress", to: "shipped", returned: 0 } }), "each")).toBe(
      "Bob marked a claim of 20 each shipped",
    );
    const partial = claim({ quantity: 15, status: "claimed" });
    expect(describeEvent(event({ seq: 6, type: "claim.transitioned", actor, data: { claim: partial, from: "claimed", to: "claimed", returned: 5 } }), "each")).toBe(
      "Bob released 5 each of their claim",
    );
    expect(describeEvent(event({ seq: 7, type: "claim.transitioned", actor, data: { claim: c, to: "released", returned: 20 } }), "each")).toBe(
      "Bob released a claim of 20 each",
    );
    expect(describeEvent(event({ seq: 8, type: "claim.lapsed", actor: null, data: { claim: c, returned: 20 } }), "kg")).toBe(
      "A claim by Bob of 20 kg lapsed without progress",
    );
  });
});
