import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import { checkSignalDates, PAST_PROBLEM, promisedAtProblems, signalDateProblems } from "./signal-dates";

const now = new Date("2026-11-27T12:00:00Z");
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);

describe("signalDateProblems on create", () => {
  it("accepts future deadlines, and a start of availability in the past", () => {
    expect(signalDateProblems({ kind: "need", given: { dueAt: hours(1) }, now })).toEqual({});
    expect(signalDateProblems({ kind: "order", given: {}, now })).toEqual({});
    expect(signalDateProblems({ kind: "stock", given: { availableFrom: hours(-500), availableUntil: hours(24) }, now })).toEqual({});
    expect(signalDateProblems({ kind: "capacity", given: { availableFrom: hours(-1) }, now })).toEqual({});
  });

  it("refuses a due date or an end of availability in the past (a need due in 2020)", () => {
    expect(signalDateProblems({ kind: "need", given: { dueAt: new Date("2020-03-01T00:00:00Z") }, now })).toEqual({ dueAt: [PAST_PROBLEM] });
    expect(signalDateProblems({ kind: "order", given: { dueAt: hours(-0.01) }, now })).toEqual({ dueAt: [PAST_PROBLEM] });
    expect(signalDateProblems({ kind: "stock", given: { availableUntil: hours(-2) }, now })).toEqual({ availableUntil: [PAST_PROBLEM] });
  });

  it("refuses the dates of the other side: no due date on an offer, no window on a request", () => {
    expect(signalDateProblems({ kind: "capacity", given: { dueAt: hours(5) }, now })).toEqual({
      dueAt: ["Offers (capacity, stock) have no due date; use availableUntil"],
    });
    expect(signalDateProblems({ kind: "need", given: { availableFrom: hours(1), availableUntil: hours(5) }, now })).toEqual({
      availableFrom: ["Requests (need, order) have no availability window; use dueAt"],
      availableUntil: ["Requests (need, order) have no availability window; use dueAt"],
    });
  });

  it("needs the window to end after it starts", () => {
    expect(signalDateProblems({ kind: "stock", given: { availableFrom: hours(10), availableUntil: hours(10) }, now })).toEqual({
      availableUntil: ["Must be after availableFrom"],
    });
  });
});

describe("signalDateProblems on edit", () => {
  it("treats null as clearing, which is never in the past nor of the wrong side", () => {
    expect(signalDateProblems({ kind: "need", given: { dueAt: null }, now })).toEqual({});
    expect(signalDateProblems({ kind: "stock", given: { dueAt: null }, now })).toEqual({});
  });

  it("leaves dates it was not given alone, even an overdue one", () => {
    expect(signalDateProblems({ kind: "need", given: {}, stored: { dueAt: hours(-100) }, now })).toEqual({});
  });

  it("checks one moved end of the window against the other end as stored", () => {
    const stored = { availableFrom: hours(10), availableUntil: hours(20) };
    expect(signalDateProblems({ kind: "capacity", given: { availableUntil: hours(5) }, stored, now })).toEqual({
      availableUntil: ["Must be after availableFrom"],
    });
    expect(signalDateProblems({ kind: "capacity", given: { availableFrom: hours(30) }, stored, now })).toEqual({
      availableUntil: ["Must be after availableFrom"],
    });
    expect(signalDateProblems({ kind: "capacity", given: { availableFrom: hours(15) }, stored, now })).toEqual({});
  });
});

describe("checkSignalDates", () => {
  it("throws one VALIDATION_FAILED naming every field", () => {
    let err: unknown;
    try {
      checkSignalDates({ kind: "stock", given: { dueAt: hours(1), availableUntil: hours(-1) }, now });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe("VALIDATION_FAILED");
    expect(Object.keys((err as DomainError).fields!)).toEqual(["dueAt", "availableUntil"]);
    expect(() => checkSignalDates({ kind: "stock", given: { availableUntil: hours(1) }, now })).not.toThrow();
  });
});

describe("promisedAtProblems", () => {
  it("refuses a promise for a date already gone (a claim promised for 2019)", () => {
    expect(promisedAtProblems(new Date("2019-05-01T00:00:00Z"), now)).toEqual({ promisedAt: [PAST_PROBLEM] });
    expect(promisedAtProblems(hours(3), now)).toEqual({});
    expect(promisedAtProblems(undefined, now)).toEqual({});
  });
});
