import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { calendarOf, checkBookings, rateProblems, trimBookings, weekKeyOf, weekStart, weeksOverlapping, withBookings } from "./capacity-calendar";
import { sumQty } from "./quantity";

const rate = { quantity: 200, period: "week" as const };
const now = new Date("2026-11-27T12:00:00Z"); // a Friday in 2026-W48
const window = { availableFrom: new Date("2026-11-30T00:00:00Z"), availableUntil: new Date("2026-12-28T00:00:00Z"), createdAt: now };

describe("ISO weeks in UTC", () => {
  it("names the week of a date the way ISO 8601 does, at the turn of the year too", () => {
    expect(weekKeyOf(new Date("2026-11-27T12:00:00Z"))).toBe("2026-W48");
    expect(weekKeyOf(new Date("2026-12-31T23:59:59Z"))).toBe("2026-W53");
    expect(weekKeyOf(new Date("2027-01-04T00:00:00Z"))).toBe("2027-W01");
    expect(weekKeyOf(new Date("2024-12-30T00:00:00Z"))).toBe("2025-W01");
  });

  it("starts a week on Monday 00:00 UTC and refuses keys that name no week", () => {
    expect(weekStart("2026-W49")?.toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(weekStart("2026-W53")?.toISOString()).toBe("2026-12-28T00:00:00.000Z");
    expect(weekStart("2025-W53")).toBeNull(); // 2025 has 52 weeks
    expect(weekStart("2026-W00")).toBeNull();
    expect(weekStart("2026-W7")).toBeNull();
    expect(weekStart("next week")).toBeNull();
  });

  it("round-trips every week key it produces", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }), (d) => {
        const key = weekKeyOf(d);
        const start = weekStart(key)!;
        expect(weekKeyOf(start)).toBe(key);
        expect(start.getUTCDay()).toBe(1);
        expect(d.getTime() - start.getTime()).toBeGreaterThanOrEqual(0);
        expect(d.getTime() - start.getTime()).toBeLessThan(7 * 24 * 3600 * 1000);
      }),
    );
  });

  it("lists the weeks a window overlaps, partial first and last weeks included", () => {
    expect(weeksOverlapping(new Date("2026-11-27T12:00:00Z"), new Date("2026-12-08T00:00:00Z"))).toEqual(["2026-W48", "2026-W49", "2026-W50"]);
    expect(weeksOverlapping(window.availableFrom, window.availableUntil)).toEqual(["2026-W49", "2026-W50", "2026-W51", "2026-W52"]);
  });
});

describe("a rate on a signal", () => {
  it("belongs to capacity only, needs the end of availability, and spans at most 104 weeks", () => {
    expect(rateProblems({ kind: "capacity", rate, ...window, now })).toEqual({});
    expect(rateProblems({ kind: "stock", rate, ...window, now })).toHaveProperty("rate");
    expect(rateProblems({ kind: "capacity", rate, availableFrom: null, availableUntil: null, now })).toHaveProperty("availableUntil");
    expect(rateProblems({ kind: "capacity", rate, availableFrom: null, availableUntil: new Date("2029-01-01T00:00:00Z"), now })).toHaveProperty("availableUntil");
    expect(rateProblems({ kind: "need", rate: null, availableFrom: null, availableUntil: null, now })).toEqual({});
  });

  it("shows each week's capacity, booked and free", () => {
    const cal = calendarOf({ rate, ...window, booked: new Map([["2026-W50", 150]]) });
    expect(cal.map((w) => [w.week, w.booked, w.free])).toEqual([
      ["2026-W49", 0, 200],
      ["2026-W50", 150, 50],
      ["2026-W51", 0, 200],
      ["2026-W52", 0, 200],
    ]);
    expect(cal[0]!.startsAt).toBe("2026-11-30T00:00:00.000Z");
  });
});

describe("bookings", () => {
  const base = { rate, ...window, now, booked: new Map([["2026-W50", 150]]) };
  const code = (f: () => void) => {
    try {
      f();
      return "ok";
    } catch (e) {
      return (e as { code: string }).code;
    }
  };

  it("takes weeks inside the window with room, and refuses the week that lacks it with what it has free", () => {
    expect(code(() => checkBookings({ ...base, bookings: [{ week: "2026-W49", quantity: 200 }, { week: "2026-W50", quantity: 50 }] }))).toBe("ok");
    try {
      checkBookings({ ...base, bookings: [{ week: "2026-W49", quantity: 10 }, { week: "2026-W50", quantity: 51 }] });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: "OVERBOOKED", status: 409, extra: { week: "2026-W50", free: 50 } });
    }
  });

  it("refuses a week outside the window, a week given twice, a week that is over, and no weeks at all", () => {
    expect(code(() => checkBookings({ ...base, bookings: [{ week: "2027-W01", quantity: 1 }] }))).toBe("VALIDATION_FAILED");
    expect(code(() => checkBookings({ ...base, bookings: [{ week: "2026-W49", quantity: 1 }, { week: "2026-W49", quantity: 1 }] }))).toBe("VALIDATION_FAILED");
    const later = new Date("2026-12-15T00:00:00Z"); // in 2026-W51
    expect(code(() => checkBookings({ ...base, now: later, bookings: [{ week: "2026-W50", quantity: 1 }] }))).toBe("VALIDATION_FAILED");
    expect(code(() => checkBookings({ ...base, now: later, bookings: [{ week: "2026-W51", quantity: 1 }] }))).toBe("ok");
    expect(code(() => checkBookings({ ...base, bookings: [] }))).toBe("VALIDATION_FAILED");
    expect(code(() => checkBookings({ ...base, bookings: undefined }))).toBe("VALIDATION_FAILED");
  });

  it("are refused on a signal without a rate, and not needed there", () => {
    const unrated = { ...base, rate: null };
    expect(code(() => checkBookings({ ...unrated, bookings: [{ week: "2026-W49", quantity: 1 }] }))).toBe("VALIDATION_FAILED");
    expect(code(() => checkBookings({ ...unrated, bookings: undefined }))).toBe("ok");
  });

  it("add to and come off the week totals exactly", () => {
    const after = withBookings(new Map([["2026-W50", 0.1]]), [{ week: "2026-W50", quantity: 0.2 }, { week: "2026-W51", quantity: 1 }]);
    expect(after.get("2026-W50")).toBe(0.3);
    expect(withBookings(after, [{ week: "2026-W50", quantity: 0.2 }], -1).get("2026-W50")).toBe(0.1);
  });

  it("a partial release gives back the latest weeks first and keeps the total right", () => {
    const bookings = [
      { week: "2026-W49", quantity: 100 },
      { week: "2026-W50", quantity: 50 },
      { week: "2026-W51", quantity: 30 },
    ];
    expect(trimBookings(bookings, 60)).toEqual([
      { week: "2026-W49", quantity: 100 },
      { week: "2026-W50", quantity: 20 },
    ]);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        (thousandths, r) => {
          const bs = thousandths.map((t, i) => ({ week: `2026-W${String(10 + i)}`, quantity: t / 1000 }));
          const total = sumQty(bs.map((b) => b.quantity));
          const released = (r % (thousandths.reduce((a, b) => a + b, 0) + 1)) / 1000;
          const kept = trimBookings(bs, released);
          expect(sumQty(kept.map((b) => b.quantity))).toBe(sumQty([total, -released]));
          for (const k of kept) expect(k.quantity).toBeGreaterThan(0);
        },
      ),
    );
  });
});
