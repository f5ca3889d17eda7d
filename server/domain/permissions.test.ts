import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import {
  anonymousViewer,
  assert,
  canActOnBehalfOf,
  canClaimSignal,
  canEditSignal,
  canReadBoard,
  canReinforceSignal,
  canVerifyOrganization,
  canWithdrawSignal,
  canWriteBoard,
  type Viewer,
} from "./permissions";

const owner: Viewer = { userId: "u-owner", boardRole: "member", orgIds: ["org-a"] };
const member: Viewer = { userId: "u-member", boardRole: "member", orgIds: [] };
const steward: Viewer = { userId: "u-steward", boardRole: "steward", orgIds: [] };
const outsider: Viewer = { userId: "u-out", boardRole: null, orgIds: ["org-a"] };
const signal = { ownerId: "u-owner" };

describe("board access", () => {
  it("lets anyone read a public board", () => {
    expect(canReadBoard(anonymousViewer, { visibility: "public" })).toBe(true);
    expect(canReadBoard(outsider, { visibility: "public" })).toBe(true);
  });

  it("lets only members read a members-only board", () => {
    expect(canReadBoard(anonymousViewer, { visibility: "members" })).toBe(false);
    expect(canReadBoard(outsider, { visibility: "members" })).toBe(false);
    expect(canReadBoard(member, { visibility: "members" })).toBe(true);
    expect(canReadBoard(steward, { visibility: "members" })).toBe(true);
  });

  it("lets members and stewards write", () => {
    expect([anonymousViewer, outsider, member, steward].map(canWriteBoard)).toEqual([false, false, true, true]);
  });

  it("does not trust a board role without a user", () => {
    expect(canWriteBoard({ userId: null, boardRole: "steward", orgIds: [] })).toBe(false);
  });
});

describe("organization verification", () => {
  it("is for the board's stewards only", () => {
    expect([anonymousViewer, outsider, member, owner, steward].map(canVerifyOrganization)).toEqual([false, false, false, false, true]);
    expect(canVerifyOrganization({ userId: null, boardRole: "steward", orgIds: [] })).toBe(false);
  });
});

describe("signal permissions", () => {
  it("lets only the owner edit", () => {
    expect(canEditSignal(owner, signal)).toBe(true);
    expect(canEditSignal(member, signal)).toBe(false);
    expect(canEditSignal(steward, signal)).toBe(false);
    expect(canEditSignal({ ...owner, boardRole: null }, signal)).toBe(false); // left the board
  });

  it("lets the owner or a steward withdraw", () => {
    expect(canWithdrawSignal(owner, signal)).toBe(true);
    expect(canWithdrawSignal(steward, signal)).toBe(true);
    expect(canWithdrawSignal(member, signal)).toBe(false);
    expect(canWithdrawSignal(anonymousViewer, signal)).toBe(false);
  });

  it("lets members other than the owner reinforce and claim", () => {
    for (const can of [canReinforceSignal, canClaimSignal]) {
      expect(can(member, signal)).toBe(true);
      expect(can(steward, signal)).toBe(true);
      expect(can(owner, signal)).toBe(false);
      expect(can(outsider, signal)).toBe(false);
      expect(can(anonymousViewer, signal)).toBe(false);
    }
  });
});

describe("canActOnBehalfOf", () => {
  it("needs membership of the organization", () => {
    expect(canActOnBehalfOf(owner, "org-a")).toBe(true);
    expect(canActOnBehalfOf(owner, "org-b")).toBe(false);
    expect(canActOnBehalfOf(member, "org-a")).toBe(false);
    expect(canActOnBehalfOf({ userId: null, boardRole: null, orgIds: ["org-a"] }, "org-a")).toBe(false);
  });
});

describe("assert", () => {
  it("passes silently when ok", () => {
    expect(() => assert(true)).not.toThrow();
  });

  it("throws FORBIDDEN by default, or the code and message given", () => {
    try {
      assert(false);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe("FORBIDDEN");
      expect((e as DomainError).status).toBe(403);
    }
    expect(() => assert(false, "NOT_A_MEMBER", "Join the board first")).toThrow(
      expect.objectContaining({ code: "NOT_A_MEMBER", message: "Join the board first" }),
    );
  });
});
