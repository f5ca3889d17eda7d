import { describe, expect, it } from "vitest";
import { signal } from "@/components/test/fixtures";
import { deadlineState, overdueText } from "./deadline";

const now = Date.parse("2026-11-27T12:00:00Z");
const ago = (hours: number) => new Date(now - hours * 3_600_000).toISOString();

describe("deadlineState", () => {
  it("calls a live request past its due date overdue, by whole hours or days", () => {
    expect(deadlineState(signal({ kind: "need", dueAt: ago(24 * 3 + 5) }), now)).toEqual({ state: "overdue", text: "Overdue by 3 days" });
    expect(deadlineState(signal({ kind: "order", status: "claimed", dueAt: ago(5.5) }), now)).toEqual({ state: "overdue", text: "Overdue by 5 hours" });
    expect(deadlineState(signal({ kind: "need", dueAt: ago(-1) }), now)).toBeNull();
    expect(deadlineState(signal({ kind: "need", dueAt: null }), now)).toBeNull();
  });

  it("is not late once nobody waits: fulfilled, withdrawn or expired requests", () => {
    for (const status of ["fulfilled", "withdrawn", "expired"] as const) {
      expect(deadlineState(signal({ kind: "need", status, dueAt: ago(48) }), now), status).toBeNull();
    }
  });

  it("says an offer's availability ended, before and after the sweep expires it", () => {
    expect(deadlineState(signal({ kind: "stock", availableUntil: ago(1) }), now)).toEqual({ state: "ended", text: "Availability ended" });
    expect(deadlineState(signal({ kind: "capacity", status: "expired", availableUntil: ago(100) }), now)?.state).toBe("ended");
    expect(deadlineState(signal({ kind: "capacity", availableUntil: ago(-1) }), now)).toBeNull();
    // An offer has no due date: a stray one means nothing.
    expect(deadlineState(signal({ kind: "stock", dueAt: ago(10), availableUntil: null }), now)).toBeNull();
  });
});

describe("overdueText", () => {
  it("reads naturally at every scale", () => {
    expect([0.2, 1, 2.9, 24, 47, 49, 24 * 400].map((h) => overdueText(h * 3_600_000))).toEqual([
      "Overdue by less than an hour",
      "Overdue by 1 hour",
      "Overdue by 2 hours",
      "Overdue by 1 day",
      "Overdue by 1 day",
      "Overdue by 2 days",
      "Overdue by 400 days",
    ]);
  });
});
