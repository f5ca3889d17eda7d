import { describe, expect, it } from "vitest";
import { signal } from "@/components/test/fixtures";
import { buildSignalPatch, editValuesOf } from "./signal-patch";

describe("buildSignalPatch", () => {
  const s = signal({ title: "Shields", note: "PETG", quantity: 100, dueAt: new Date(2026, 4, 1, 23, 59).toISOString() });

  it("sends nothing when nothing changed", () => {
    expect(buildSignalPatch(s, editValuesOf(s))).toEqual({ body: {}, fields: {} });
  });

  it("sends only the changed fields", () => {
    const v = { ...editValuesOf(s), quantity: "120", note: "" };
    expect(buildSignalPatch(s, v).body).toEqual({ quantity: 120, note: null });
  });

  it("moves or clears a due date", () => {
    expect(buildSignalPatch(s, { ...editValuesOf(s), dueDate: "2026-06-01" }).body).toEqual({
      dueAt: new Date(2026, 5, 1, 23, 59).toISOString(),
    });
    expect(buildSignalPatch(s, { ...editValuesOf(s), dueDate: "" }).body).toEqual({ dueAt: null });
  });

  it("will not clear an offer's window, which the API cannot unset", () => {
    const offer = signal({ kind: "capacity", availableFrom: new Date(2026, 0, 5).toISOString() });
    const r = buildSignalPatch(offer, { ...editValuesOf(offer), availableFrom: "" });
    expect(r.fields).toHaveProperty("availableFrom");
  });

  it("says before sending what the server would refuse: a due date moved into the past, half a counted thing", () => {
    const now = new Date(2026, 4, 10, 12, 0).getTime();
    expect(buildSignalPatch(s, { ...editValuesOf(s), dueDate: "2026-05-09" }, now).fields).toEqual({ dueAt: ["Must not be in the past"] });
    expect(buildSignalPatch(s, { ...editValuesOf(s), dueDate: "2026-05-10" }, now).fields).toEqual({});
    // The stored due date has passed, but an edit of the note leaves it alone, as the server does.
    expect(buildSignalPatch(s, { ...editValuesOf(s), note: "PLA" }, now).fields).toEqual({});
    expect(buildSignalPatch(s, { ...editValuesOf(s), quantity: "99.5" }, now).fields.quantity?.[0]).toMatch(/whole number/);
  });
});
