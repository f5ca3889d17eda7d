import { describe, expect, it } from "vitest";
import {
  computeIntensity,
  defaultIntensityConfig,
  formatHours,
  hasEvaporated,
  hoursUntilEvaporation,
  intensityScore,
  type IntensityInput,
} from "./intensity";

const NOW = new Date("2025-06-01T12:00:00Z");
const H = 3_600_000;
const hoursFromNow = (h: number) => new Date(NOW.getTime() + h * H);

const base: IntensityInput = {
  kind: "need",
  quantity: 10,
  claimedQuantity: 0,
  dueAt: null,
  availableUntil: null,
  reinforcementCount: 0,
  refreshedAt: NOW,
};
const at = (over: Partial<IntensityInput>, now = NOW) => computeIntensity({ ...base, ...over }, now);

describe("computeIntensity parts", () => {
  it("computes each part as documented", () => {
    const { intensity, parts } = at({ claimedQuantity: 2, dueAt: hoursFromNow(168), reinforcementCount: 3 });
    expect(parts.unmet).toBe(0.8);
    expect(parts.urgency).toBe(0.5); // half of the 336-hour horizon left
    expect(parts.reinforcement).toBe(0.632); // 1 - e^-1
    expect(parts.freshness).toBe(1);
    expect(parts.overdueFade).toBe(1);
    expect(parts.hoursSinceRefresh).toBe(0);
    expect(parts.hoursUntilDue).toBe(168);
    expect(parts.overdueHours).toBeNull();
    expect(parts.weights).toEqual({ unmet: 0.5, urgency: 0.3, reinforcement: 0.2 });
    // 1 × 0.8 × (0.5 + 0.3·0.5 + 0.2·0.632)
    expect(intensity).toBe(0.621);
  });

  it("gives an undated signal a modest urgency of 0.2", () => {
    expect(at({}).parts.urgency).toBe(0.2);
    expect(at({}).parts.hoursUntilDue).toBeNull();
    expect(at({}).intensity).toBe(0.56); // 0.5 + 0.3·0.2
  });

  it("stops urgency rising at the due date: 1 when due now or overdue", () => {
    expect(at({ dueAt: NOW }).parts.urgency).toBe(1);
    expect(at({ dueAt: hoursFromNow(-500) }).parts.urgency).toBe(1);
    expect(at({ dueAt: hoursFromNow(-500) }).parts.hoursUntilDue).toBe(-500);
    expect(at({ dueAt: hoursFromNow(-500) }).parts.overdueHours).toBe(500);
    expect(at({ dueAt: NOW }).parts.overdueHours).toBeNull();
    expect(at({ dueAt: hoursFromNow(5) }).parts.overdueHours).toBeNull();
    expect(at({}).parts.overdueHours).toBeNull();
  });

  it("sets urgency to 0 at and beyond the horizon", () => {
    expect(at({ dueAt: hoursFromNow(336) }).parts.urgency).toBe(0);
    expect(at({ dueAt: hoursFromNow(5000) }).parts.urgency).toBe(0);
  });

  it("takes urgency from the due date for requests and from the end of availability for offers", () => {
    const dates = { dueAt: hoursFromNow(1000), availableUntil: hoursFromNow(1) };
    expect(at({ kind: "need", ...dates }).parts.urgency).toBe(0);
    expect(at({ kind: "order", ...dates }).parts.urgency).toBe(0);
    expect(at({ kind: "capacity", ...dates }).parts.urgency).toBe(0.997);
    expect(at({ kind: "stock", ...dates }).parts.urgency).toBe(0.997);
  });

  it("is 0 when fully (or over-) claimed, however urgent", () => {
    expect(at({ claimedQuantity: 10, dueAt: NOW, reinforcementCount: 50 }).intensity).toBe(0);
    expect(at({ claimedQuantity: 12 }).parts.unmet).toBe(0);
    expect(at({ quantity: 0.3, claimedQuantity: 0.1 + 0.2 }).intensity).toBe(0);
  });

  it("treats a refresh in the future (clock skew) as fresh, not fresher", () => {
    const r = at({ refreshedAt: hoursFromNow(5) });
    expect(r.parts.freshness).toBe(1);
    expect(r.parts.hoursSinceRefresh).toBe(0);
  });
});

describe("past the date", () => {
  it("gives an offer whose availability has ended no heat, and says why", () => {
    for (const kind of ["capacity", "stock"] as const) {
      const ended = at({ kind, availableUntil: hoursFromNow(-48), reinforcementCount: 5 });
      expect(ended.intensity).toBe(0);
      expect(ended.parts.overdueFade).toBe(0);
      expect(ended.parts.overdueHours).toBe(48);
      expect(ended.parts.unmet).toBe(1); // the other parts still say what the offer was
      expect(ended.parts.explanation).toMatch(/^availability ended 2 days ago: no heat · 100% unmet/);
    }
    // Ending exactly now is ended; a minute before it is the hottest an offer gets.
    expect(at({ kind: "stock", availableUntil: NOW }).intensity).toBe(0);
    expect(at({ kind: "stock", availableUntil: NOW }).parts.explanation).toMatch(/^availability ends now: no heat/);
    expect(at({ kind: "stock", availableUntil: hoursFromNow(1 / 60) }).intensity).toBe(0.8);
  });

  it("fades an overdue request with the signal's half-life, so weeks overdue is not the hottest", () => {
    const fresh = at({}).intensity; // undated, fresh, unreinforced: 0.56
    const dueNow = at({ dueAt: NOW }).intensity;
    const anHour = at({ dueAt: hoursFromNow(-1) });
    const aWeek = at({ dueAt: hoursFromNow(-168) });
    const threeWeeks = at({ dueAt: hoursFromNow(-504) });
    expect(dueNow).toBe(0.8);
    expect(anHour.intensity).toBe(0.797); // 0.8 × 0.5^(1/168): still pulls
    expect(anHour.parts.overdueFade).toBe(0.996);
    expect(aWeek.parts.overdueFade).toBe(0.5);
    expect(aWeek.intensity).toBe(0.4);
    expect(aWeek.intensity).toBeLessThan(fresh);
    expect(threeWeeks.intensity).toBe(0.1);
    expect(threeWeeks.parts.urgency).toBe(1); // urgency itself stays at its top; the fade does the work
  });

  it("is not revived by a refresh: only a new date is", () => {
    const overdue = { dueAt: hoursFromNow(-336), refreshedAt: NOW };
    expect(at(overdue).parts.freshness).toBe(1);
    expect(at(overdue).intensity).toBe(0.2);
    expect(at({ ...overdue, dueAt: hoursFromNow(24) }).intensity).toBeGreaterThan(0.7);
  });

  it("fades with the configured half-life", () => {
    const fast = { ...defaultIntensityConfig, halfLifeHours: 24 };
    expect(computeIntensity({ ...base, dueAt: hoursFromNow(-24) }, NOW, fast).parts.overdueFade).toBe(0.5);
  });
});

describe("intensityScore", () => {
  it("is the intensity before rounding", () => {
    const input = { ...base, claimedQuantity: 1 / 3, dueAt: hoursFromNow(-7.77), reinforcementCount: 2, refreshedAt: hoursFromNow(-3.3333) };
    const score = intensityScore(input, NOW);
    expect(Math.round(score * 1000) / 1000).toBe(computeIntensity(input, NOW).intensity);
    expect(score).not.toBe(computeIntensity(input, NOW).intensity);
  });
});

describe("evaporation", () => {
  it("halves at one half-life and quarters at two", () => {
    const fresh = at({ dueAt: hoursFromNow(400) });
    const one = at({ dueAt: hoursFromNow(400), refreshedAt: hoursFromNow(-168) });
    const two = at({ dueAt: hoursFromNow(400), refreshedAt: hoursFromNow(-336) });
    expect(one.parts.freshness).toBe(0.5);
    expect(two.parts.freshness).toBe(0.25);
    expect(one.intensity).toBe(fresh.intensity / 2);
    expect(two.intensity).toBe(fresh.intensity / 4);
  });

  it("evaporates exactly when freshness falls below expireBelow", () => {
    const limit = hoursUntilEvaporation(); // 168 × log2(20) ≈ 726 h
    expect(limit).toBeCloseTo(726.08, 1);
    expect(hasEvaporated({ ...base, refreshedAt: hoursFromNow(-(limit - 0.01)) }, NOW)).toBe(false);
    expect(hasEvaporated({ ...base, refreshedAt: hoursFromNow(-(limit + 0.01)) }, NOW)).toBe(true);
    expect(hasEvaporated(base, NOW)).toBe(false);
  });

  it("follows the config it is given", () => {
    const fast = { ...defaultIntensityConfig, halfLifeHours: 1, expireBelow: 0.5 };
    const input = { ...base, refreshedAt: hoursFromNow(-1.5) };
    expect(computeIntensity(input, NOW, fast).parts.freshness).toBe(0.354);
    expect(hasEvaporated(input, NOW, fast)).toBe(true);
    expect(hasEvaporated(input, NOW)).toBe(false);
  });
});

describe("monotonicity and bounds", () => {
  const hoursGrid = [-100, 0, 1, 24, 100, 335, 336, 1000];

  it("rises with the unmet share", () => {
    const values = [10, 8, 5, 2, 0].map((c) => at({ claimedQuantity: c }).intensity);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(new Set(values).size).toBe(values.length);
  });

  it("rises as the due date nears, up to the date", () => {
    const values = [...hoursGrid].filter((h) => h >= 0).reverse().map((h) => at({ dueAt: hoursFromNow(h) }).intensity);
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
    expect(values.at(-1)!).toBeGreaterThan(values[0]!);
  });

  it("rises with reinforcement, with diminishing returns", () => {
    const values = [0, 1, 2, 3, 10, 100].map((n) => at({ reinforcementCount: n }).intensity);
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThan(values[i - 1]!);
    expect(values[1]! - values[0]!).toBeGreaterThan(values[5]! - values[4]!);
  });

  it("falls as the signal goes unrefreshed", () => {
    const values = [0, 1, 24, 168, 500, 2000].map((h) => at({ refreshedAt: hoursFromNow(-h) }).intensity);
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeLessThan(values[i - 1]!);
  });

  it("stays within [0, 1] across extreme inputs", () => {
    for (const dueH of hoursGrid)
      for (const claimed of [0, 5, 10, 20])
        for (const count of [0, 1, 1_000_000])
          for (const ageH of [-10, 0, 10_000]) {
            const r = at({ dueAt: hoursFromNow(dueH), claimedQuantity: claimed, reinforcementCount: count, refreshedAt: hoursFromNow(-ageH) });
            expect(r.intensity).toBeGreaterThanOrEqual(0);
            expect(r.intensity).toBeLessThanOrEqual(1);
            for (const k of ["unmet", "urgency", "reinforcement", "freshness", "overdueFade"] as const) {
              expect(r.parts[k]).toBeGreaterThanOrEqual(0);
              expect(r.parts[k]).toBeLessThanOrEqual(1);
            }
          }
    expect(at({ dueAt: NOW, reinforcementCount: 1e9 }).intensity).toBe(1);
    expect(at({ kind: "stock", availableUntil: hoursFromNow(0.001), reinforcementCount: 1e9 }).intensity).toBe(1);
  });

  it("rounds the number and the parts to 3 decimals", () => {
    const r = at({ claimedQuantity: 1 / 3, dueAt: hoursFromNow(7.77), refreshedAt: hoursFromNow(-3.3333) });
    const late = at({ dueAt: hoursFromNow(-7.77) });
    for (const v of [r.intensity, r.parts.unmet, r.parts.urgency, r.parts.freshness, r.parts.hoursSinceRefresh, r.parts.hoursUntilDue!, late.parts.overdueFade, late.parts.overdueHours!]) {
      expect(Math.round(v * 1000) / 1000).toBe(v);
    }
  });
});

describe("explanation", () => {
  it("reads like the example in the design", () => {
    const r = at({ claimedQuantity: 2, dueAt: hoursFromNow(47), reinforcementCount: 3, refreshedAt: hoursFromNow(-22) });
    expect(r.parts.explanation).toBe("80% unmet · due in 2 days (urgency 0.86) · reinforced by 3 · 91% fresh");
  });

  it("covers overdue, undated, unreinforced and offers", () => {
    expect(at({ dueAt: hoursFromNow(-72) }).parts.explanation).toBe("100% unmet · overdue by 3 days, fading (74% left) · not yet reinforced · 100% fresh");
    expect(at({ claimedQuantity: 10 }).parts.explanation).toMatch(/^fully claimed · no due date \(urgency 0.2\)/);
    expect(at({ kind: "capacity", availableUntil: hoursFromNow(5) }).parts.explanation).toContain("available for 5 hours");
    expect(at({ kind: "stock", availableUntil: hoursFromNow(-1) }).parts.explanation).toBe("availability ended 1 hour ago: no heat · 100% unmet · not yet reinforced · 100% fresh");
    expect(at({ kind: "stock" }).parts.explanation).toContain("no end of availability (urgency 0.2)");
    expect(at({ dueAt: hoursFromNow(-0.5) }).parts.explanation).toContain("due now");
  });

  it("formats durations for a card", () => {
    expect(formatHours(0.2)).toBe("less than an hour");
    expect(formatHours(1)).toBe("1 hour");
    expect(formatHours(23)).toBe("23 hours");
    expect(formatHours(24)).toBe("1 day");
    expect(formatHours(47)).toBe("2 days");
    expect(formatHours(-240)).toBe("10 days");
  });
});
