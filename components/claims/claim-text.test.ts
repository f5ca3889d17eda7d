import { describe, expect, it } from "vitest";
import { overClaimText } from "./claim-text";
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
});
