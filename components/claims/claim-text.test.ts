import { describe, expect, it } from "vitest";
import { claim, signal } from "@/components/test/fixtures";
import { overClaimText, receiverOf, shippedHint } from "./claim-text";
import { pressableTransitions } from "./labels";

describe("claim words", () => {
  it("says how much is left after an over-claim", () => {
    expect(overClaimText(5, "each")).toBe("Only 5 each left");
    expect(overClaimText(0, "kg")).toBe("Nothing is left to claim");
    expect(overClaimText(undefined, "kg")).toBe("Nothing is left to claim");
  });

  it("offers only the moves a person can press, in lifecycle order", () => {
    expect(pressableTransitions(["released", "delivered", "in_progress", "lapsed"])).toEqual(["in_progress", "delivered", "released"]);
    expect(pressableTransitions(undefined)).toEqual([]);
  });

  it("names who confirms a shipped claim: the owner of a request, the claimer of an offer", () => {
    const need = signal({ kind: "need", owner: { id: "o", name: "Marta" } });
    const stock = signal({ kind: "stock", owner: { id: "o", name: "Marta" } });
    const shipped = claim({ status: "shipped", claimer: { id: "c", name: "Rosa" }, allowedTransitions: [] });
    expect(receiverOf(need, shipped).name).toBe("Marta");
    expect(receiverOf(stock, shipped).name).toBe("Rosa");
    expect(shippedHint(need, shipped)).toBe("Shipped. Marta confirms delivery when it arrives.");
    expect(shippedHint(stock, shipped)).toBe("Shipped. Rosa confirms delivery when it arrives.");
    expect(shippedHint(need, { ...shipped, allowedTransitions: ["delivered"] })).toMatch(/^On its way to you/);
    expect(shippedHint(need, { ...shipped, status: "in_progress" })).toBeNull();
  });
});
