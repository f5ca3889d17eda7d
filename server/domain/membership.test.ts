import { describe, expect, it } from "vitest";
import { memberRemovalEvent, type Removal } from "./membership";

const removal = (r: Partial<Removal> & Pick<Removal, "actor" | "target">): Removal => ({ stewards: 2, ...r });
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return "none";
};

describe("memberRemovalEvent", () => {
  it("a member leaves: member.left", () => {
    expect(memberRemovalEvent(removal({ actor: { userId: "a", boardRole: "member" }, target: { userId: "a", role: "member" } }))).toBe("member.left");
  });

  it("a steward leaves while another steward remains", () => {
    const r = removal({ actor: { userId: "s", boardRole: "steward" }, target: { userId: "s", role: "steward" }, stewards: 2 });
    expect(memberRemovalEvent(r)).toBe("member.left");
  });

  it("the last steward can neither leave nor be removed", () => {
    const leave = removal({ actor: { userId: "s", boardRole: "steward" }, target: { userId: "s", role: "steward" }, stewards: 1 });
    expect(code(() => memberRemovalEvent(leave))).toBe("LAST_STEWARD");
    const other = removal({ actor: { userId: "s", boardRole: "steward" }, target: { userId: "t", role: "steward" }, stewards: 1 });
    expect(code(() => memberRemovalEvent(other))).toBe("LAST_STEWARD");
  });

  it("a steward removes a member, or another steward while one remains: member.removed", () => {
    const steward = { userId: "s", boardRole: "steward" as const };
    expect(memberRemovalEvent(removal({ actor: steward, target: { userId: "m", role: "member" }, stewards: 1 }))).toBe("member.removed");
    expect(memberRemovalEvent(removal({ actor: steward, target: { userId: "t", role: "steward" }, stewards: 2 }))).toBe("member.removed");
  });

  it("only a steward removes someone else", () => {
    expect(code(() => memberRemovalEvent(removal({ actor: { userId: "a", boardRole: "member" }, target: { userId: "b", role: "member" } })))).toBe("FORBIDDEN");
    expect(code(() => memberRemovalEvent(removal({ actor: { userId: "a", boardRole: null }, target: { userId: "b", role: "member" } })))).toBe("FORBIDDEN");
  });

  it("leaving a board one is not in, or removing a non-member, is refused", () => {
    expect(code(() => memberRemovalEvent(removal({ actor: { userId: "a", boardRole: null }, target: { userId: "a", role: null } })))).toBe("NOT_A_MEMBER");
    expect(code(() => memberRemovalEvent(removal({ actor: { userId: "s", boardRole: "steward" }, target: { userId: "x", role: null } })))).toBe("NOT_FOUND");
  });
});
