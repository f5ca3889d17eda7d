import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { collectStartupGarbage } from "./startup-garbage";

describe("collectStartupGarbage", () => {
  it("collects without leaving the collector reachable from new contexts", () => {
    expect(runInNewContext("typeof gc")).toBe("undefined");
    collectStartupGarbage();
    expect(runInNewContext("typeof gc")).toBe("undefined");
  });
});
