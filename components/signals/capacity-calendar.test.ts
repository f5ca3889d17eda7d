import { describe, expect, it } from "vitest";
import { rateSummary, weekLabel } from "./capacity-calendar";

describe("capacity calendar words", () => {
  it("names a week by its number and its Monday, in UTC", () => {
    expect(weekLabel({ week: "2026-W49", startsAt: "2026-11-30T00:00:00.000Z" })).toBe("Week 49 (from 30 Nov)");
    expect(weekLabel({ week: "2027-W01", startsAt: "2027-01-04T00:00:00.000Z" })).toBe("Week 1 (from 4 Jan)");
  });

  it("sums a rated signal up as its rate and what this week and next have free; nothing for an unrated one", () => {
    const week = (w: string, free: number) => ({ week: w, startsAt: "2026-11-30T00:00:00.000Z", capacity: 200, booked: 200 - free, free });
    expect(rateSummary({ unit: "each", rate: { quantity: 200, period: "week" }, calendar: [week("2026-W49", 50), week("2026-W50", 200)] })).toBe(
      "200 each a week · this week 50 free, next week 200 free",
    );
    expect(rateSummary({ unit: "h", rate: { quantity: 30, period: "week" }, calendar: [week("2026-W52", 0)] })).toBe("30 h a week · this week 0 free");
    expect(rateSummary({ unit: "each", rate: null, calendar: null })).toBeNull();
  });
});
