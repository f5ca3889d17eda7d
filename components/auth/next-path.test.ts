import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_AUTH, safeNextPath } from "./next-path";

describe("safeNextPath", () => {
  it("accepts paths on this site", () => {
    expect(safeNextPath("/boards/fablabs?kind=need")).toBe("/boards/fablabs?kind=need");
    expect(safeNextPath(["/claims", "/x"])).toBe("/claims");
  });

  it("falls back to the commons board for anything else", () => {
    for (const bad of [undefined, "", "boards", "//evil.example", "/\\evil.example", "https://evil.example", "javascript:alert(1)", "/sign-in", "/sign-up?next=/x", "/a\nb"]) {
      expect(safeNextPath(bad), String(bad)).toBe(DEFAULT_AFTER_AUTH);
    }
    expect(DEFAULT_AFTER_AUTH).toBe("/boards/commons");
  });
});
