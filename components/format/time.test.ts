import { describe, expect, it } from "vitest";
import { availabilityText, dateInputToIso, dueText, formatHoursSpan, formatRelative, isoToDateInput } from "./time";

const NOW = Date.parse("2026-03-10T12:00:00Z");
const plus = (h: number) => new Date(NOW + h * 3_600_000).toISOString();

describe("formatRelative", () => {
  it("picks a natural unit", () => {
    expect(formatRelative(plus(0), NOW)).toBe("now");
    expect(formatRelative(plus(0.5), NOW)).toBe("in 30 minutes");
    expect(formatRelative(plus(-3), NOW)).toBe("3 hours ago");
    expect(formatRelative(plus(72), NOW)).toBe("in 3 days");
    expect(formatRelative(plus(24), NOW)).toBe("tomorrow");
    expect(formatRelative(plus(-24 * 90), NOW)).toBe("3 months ago");
    expect(formatRelative("not a date", NOW)).toBe("");
  });
});

describe("dueText and availabilityText", () => {
  it("reads a deadline", () => {
    expect(dueText(plus(72), NOW)).toBe("due in 3 days");
    expect(dueText(plus(-48), NOW)).toBe("was due 2 days ago");
  });

  it("reads an availability window", () => {
    expect(availabilityText(null, null, NOW)).toBeNull();
    expect(availabilityText(plus(-5), null, NOW)).toBe("available now");
    expect(availabilityText(null, plus(-48), NOW)).toBe("availability ended 2 days ago");
    expect(availabilityText(null, plus(120), NOW)).toMatch(/^available now, until .+ \(in 5 days\)$/);
    expect(availabilityText(plus(48), plus(120), NOW)).toMatch(/^available from .+ to .+$/);
  });
});

describe("date inputs", () => {
  it("turns a day into the start or the last minute of that day, in local time", () => {
    expect(dateInputToIso("2026-03-01", "start")).toBe(new Date(2026, 2, 1, 0, 0).toISOString());
    expect(dateInputToIso("2026-03-01", "end")).toBe(new Date(2026, 2, 1, 23, 59).toISOString());
  });

  it("rejects what is not a real day", () => {
    expect(dateInputToIso("2026-02-30", "start")).toBeUndefined();
    expect(dateInputToIso("01/03/2026", "start")).toBeUndefined();
    expect(dateInputToIso("", "end")).toBeUndefined();
  });

  it("round-trips through the input value", () => {
    expect(isoToDateInput(dateInputToIso("2026-12-31", "end"))).toBe("2026-12-31");
    expect(isoToDateInput(null)).toBe("");
  });
});

describe("formatHoursSpan", () => {
  it("is short", () => {
    expect(formatHoursSpan(0.2)).toBe("less than an hour");
    expect(formatHoursSpan(1)).toBe("1 hour");
    expect(formatHoursSpan(-30)).toBe("30 hours");
    expect(formatHoursSpan(72)).toBe("3 days");
  });
});
