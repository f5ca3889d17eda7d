import { describe, expect, it } from "vitest";
import { freeInTime, rankMatches, trackRecordPart, type MatchSource } from "./matching";
import { subscriptionMatches, type SubscriptionRule } from "./subscriptions";

const now = new Date("2026-12-01T10:00:00Z"); // a Tuesday of 2026-W49
const BERLIN = { lat: 52.52, lng: 13.405 };
const POTSDAM = { lat: 52.3906, lng: 13.0645 }; // about 27 km from Berlin
const HAMBURG = { lat: 53.5511, lng: 9.9937 }; // about 255 km

const source = (over: Partial<MatchSource> & { id: string }): MatchSource => ({
  kind: "stock",
  resourceSpecId: "pla",
  resourceName: "PLA shield",
  unit: "each",
  remaining: 100,
  rate: null,
  calendar: null,
  availableFrom: null,
  availableUntil: null,
  location: BERLIN,
  agentKey: `user:${over.id}`,
  ...over,
});

const request = { resourceSpecId: "pla", remaining: 100, dueAt: new Date("2026-12-20T00:00:00Z"), location: BERLIN };
const accepted = new Map([
  ["pla", "PLA shield"],
  ["petg", "PETG shield"],
]);

describe("freeInTime", () => {
  it("sums a rated capacity's free weeks from now to the due week, after bookings, capped by what is unclaimed", () => {
    const rated = source({
      id: "r",
      kind: "capacity",
      rate: 30,
      remaining: 500,
      calendar: [
        { week: "2026-W48", free: 30 }, // over
        { week: "2026-W49", free: 30 },
        { week: "2026-W50", free: 10 }, // 20 booked
        { week: "2026-W51", free: 30 }, // the due week (Sunday 20 December)
        { week: "2026-W52", free: 30 }, // after the due date
      ],
    });
    expect(freeInTime(rated, request.dueAt, now)).toBe(70);
    expect(freeInTime({ ...rated, remaining: 40 }, request.dueAt, now)).toBe(40);
    expect(freeInTime(rated, null, now)).toBe(100);
  });

  it("counts unrated capacity only if it is available before the due date and not over", () => {
    const cap = source({ id: "c", kind: "capacity", remaining: 80 });
    expect(freeInTime({ ...cap, availableFrom: new Date("2026-12-10T00:00:00Z") }, request.dueAt, now)).toBe(80);
    expect(freeInTime({ ...cap, availableFrom: new Date("2026-12-21T00:00:00Z") }, request.dueAt, now)).toBe(0);
    expect(freeInTime({ ...cap, availableUntil: new Date("2026-11-30T00:00:00Z") }, request.dueAt, now)).toBe(0);
  });

  it("counts stock as what is unclaimed", () => {
    expect(freeInTime(source({ id: "s", remaining: 12.5 }), request.dueAt, now)).toBe(12.5);
    expect(freeInTime(source({ id: "s", remaining: 0 }), request.dueAt, now)).toBe(0);
  });
});

describe("rankMatches", () => {
  it("ranks by coverage, nearness, track record and resource, and says why in plain words", () => {
    const ranked = rankMatches({
      request,
      sources: [
        source({ id: "far", location: HAMBURG }),
        source({ id: "near", location: POTSDAM, remaining: 120 }),
        source({ id: "sub", resourceSpecId: "petg", resourceName: "PETG shield", location: POTSDAM }),
        source({ id: "small", location: BERLIN, remaining: 10 }),
      ],
      accepted,
      records: new Map([
        ["user:near", { delivered: 9, ended: 10 }],
        ["user:far", { delivered: 0, ended: 4 }],
      ]),
      now,
    });
    // The whole need from 255 km away (0.4 + 0.05 + 0.03 + 0.1) outranks a tenth of it next door (0.04 + 0.3 + 0.1 + 0.1).
    expect(ranked.map((r) => r.sourceId)).toEqual(["near", "sub", "far", "small"]);
    expect(ranked[0]!.reasons).toEqual(["same resource", "120 each in stock", "covers all 100 still needed", "27 km away", "delivered 9 of 10 past claims"]);
    expect(ranked[0]!.freeInTime).toBe(120);
    expect(ranked[0]!.trackRecord).toEqual({ delivered: 9, ended: 10, share: 0.9 });
    expect(ranked[1]!.reasons[0]).toBe("substitute: PETG shield");
    expect(ranked[1]!.reasons).toContain("no past claims yet");
    expect(ranked[1]!.trackRecord).toBeNull();
    expect(ranked[3]!.reasons).toContain("covers 10 of 100 still needed");
    expect(ranked[3]!.reasons).toContain("less than 1 km away");
    expect(ranked[2]!.reasons).toContain("delivered 0 of 4 past claims");
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score);
  });

  it("leaves out other resources and sources with nothing free in time; rated capacity says its rate", () => {
    const ranked = rankMatches({
      request,
      sources: [
        source({ id: "other", resourceSpecId: "masks" }),
        source({ id: "late", kind: "capacity", availableFrom: new Date("2027-01-05T00:00:00Z") }),
        source({ id: "rated", kind: "capacity", rate: 30, calendar: [{ week: "2026-W50", free: 30 }, { week: "2026-W51", free: 30 }] }),
      ],
      accepted,
      records: new Map(),
      now,
    });
    expect(ranked.map((r) => r.sourceId)).toEqual(["rated"]);
    expect(ranked[0]!.reasons).toContain("can make 60 before the due date (30/week)");
  });

  it("says when distance is unknown and scores it as far, not as near", () => {
    const ranked = rankMatches({
      request,
      sources: [source({ id: "nowhere", location: null }), source({ id: "here" })],
      accepted,
      records: new Map(),
      now,
    });
    expect(ranked.map((r) => r.sourceId)).toEqual(["here", "nowhere"]);
    expect(ranked[1]!.distanceKm).toBeNull();
    expect(ranked[1]!.reasons).toContain("distance unknown (no location)");
  });

  it("treats no history as an even chance, between a good and a bad record", () => {
    expect(trackRecordPart(null)).toBe(0.5);
    expect(trackRecordPart({ delivered: 9, ended: 10 })).toBeGreaterThan(0.5);
    expect(trackRecordPart({ delivered: 0, ended: 4 })).toBeLessThan(0.5);
  });
});

describe("subscriptionMatches", () => {
  const rule: SubscriptionRule = { resourceSpecIds: ["petg"], near: BERLIN, radiusKm: 50, boardIds: [], createdAt: new Date("2026-11-01T00:00:00Z") };
  const need = { kind: "need", boardId: "b1", resourceSpecId: "petg", location: POTSDAM, createdAt: now };

  it("matches a need for a subscribed resource within the radius, with its distance", () => {
    expect(subscriptionMatches(rule, need, ["petg"])).toBeCloseTo(27, 0);
  });

  it("matches a need whose resource one of the subscribed resources is a declared substitute for", () => {
    expect(subscriptionMatches(rule, { ...need, resourceSpecId: "pla" }, ["pla", "petg"])).not.toBeNull();
    // One direction only: a PLA subscriber does not hear of PETG needs because PETG substitutes for PLA.
    expect(subscriptionMatches({ ...rule, resourceSpecIds: ["pla"] }, need, ["petg"])).toBeNull();
  });

  it("does not match outside the radius, offers, other boards, unlocated needs or needs older than the subscription", () => {
    expect(subscriptionMatches(rule, { ...need, location: HAMBURG }, ["petg"])).toBeNull();
    expect(subscriptionMatches(rule, { ...need, kind: "capacity" }, ["petg"])).toBeNull();
    expect(subscriptionMatches({ ...rule, boardIds: ["b2"] }, need, ["petg"])).toBeNull();
    expect(subscriptionMatches(rule, { ...need, location: null }, ["petg"])).toBeNull();
    expect(subscriptionMatches(rule, { ...need, createdAt: new Date("2026-10-01T00:00:00Z") }, ["petg"])).toBeNull();
    expect(subscriptionMatches({ ...rule, boardIds: ["b1"] }, { ...need, kind: "order" }, ["petg"])).not.toBeNull();
  });
});
