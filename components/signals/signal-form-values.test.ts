import { describe, expect, it } from "vitest";
import { createSignalSchema } from "@/server/domain/schemas";
import { validate } from "@/components/forms/form-errors";
import { buildSignalBody, EMPTY_SIGNAL_FORM } from "./signal-form-values";
import { CHOOSE_A_PLACE } from "./place";

const SPEC = "123e4567-e89b-42d3-a456-426614174000";
const values = (over: Partial<typeof EMPTY_SIGNAL_FORM> = {}) => ({ ...EMPTY_SIGNAL_FORM, resourceSpecId: SPEC, quantity: "100", ...over });

describe("buildSignalBody", () => {
  it("builds a minimal need that the shared schema accepts", () => {
    const { body, fields } = buildSignalBody(values());
    expect(fields).toEqual({});
    expect(body).toEqual({ kind: "need", resourceSpecId: SPEC, quantity: 100 });
    expect(validate(createSignalSchema, body).ok).toBe(true);
  });

  it("sends a due date for requests and a window for offers, never both", () => {
    const need = buildSignalBody(values({ dueDate: "2026-05-01", availableFrom: "2026-04-01" })).body;
    expect(need.dueAt).toBe(new Date(2026, 4, 1, 23, 59).toISOString());
    expect(need).not.toHaveProperty("availableFrom");
    const stock = buildSignalBody(values({ kind: "stock", dueDate: "2026-05-01", availableFrom: "2026-04-01", availableUntil: "2026-04-30" })).body;
    expect(stock).not.toHaveProperty("dueAt");
    expect(stock.availableFrom).toBe(new Date(2026, 3, 1).toISOString());
    expect(stock.availableUntil).toBe(new Date(2026, 3, 30, 23, 59).toISOString());
  });

  it("sends the chosen place, named or not, and asks for a choice when only text was typed", () => {
    expect(buildSignalBody(values({ location: { name: " Hub ", lat: 52.5, lng: 13.4 }, locationText: "Hub" })).body.location).toEqual({ name: "Hub", lat: 52.5, lng: 13.4 });
    expect(buildSignalBody(values({ location: { lat: 52.5, lng: 13.4 }, locationText: "52.5,13.4" })).body.location).toEqual({ lat: 52.5, lng: 13.4 });
    const typed = buildSignalBody(values({ locationText: "Somewhere new" }));
    expect(typed.body).not.toHaveProperty("location");
    expect(typed.fields.location).toEqual([CHOOSE_A_PLACE]);
    expect(buildSignalBody(values()).fields).toEqual({});
  });

  it("says before sending what the server would refuse: a past due date, half of a counted thing", () => {
    const now = new Date(2026, 10, 27, 12, 0).getTime();
    const past = buildSignalBody(values({ dueDate: "2020-03-01" }), { now });
    expect(past.fields).toEqual({ dueAt: ["Must not be in the past"] });
    // Due "today" means by the end of today, which has not passed.
    expect(buildSignalBody(values({ dueDate: "2026-11-27" }), { now }).fields).toEqual({});
    expect(buildSignalBody(values({ kind: "stock", availableFrom: "2026-11-01", availableUntil: "2026-11-26" }), { now }).fields).toEqual({
      availableUntil: ["Must not be in the past"],
    });
    const each = { unit: "each", divisible: false };
    expect(buildSignalBody(values({ quantity: "2.5" }), { now, spec: each }).fields.quantity?.[0]).toMatch(/whole number/);
    expect(buildSignalBody(values({ quantity: "2" }), { now, spec: each }).fields).toEqual({});
    expect(buildSignalBody(values({ quantity: "2.5" }), { now, spec: { unit: "kg", divisible: true } }).fields).toEqual({});
  });

  it("leaves bad numbers for the schema to name", () => {
    const r = validate(createSignalSchema, buildSignalBody(values({ quantity: "lots" })).body);
    expect(r.ok ? [] : Object.keys(r.fields)).toEqual(["quantity"]);
  });

  it("asks for a resource", () => {
    expect(buildSignalBody(values({ resourceSpecId: "" })).fields).toHaveProperty("resourceSpecId");
  });

  it("trims the texts and sends the organization", () => {
    const { body } = buildSignalBody(values({ title: "  Shields ", note: " soon ", onBehalfOf: SPEC }));
    expect(body).toMatchObject({ title: "Shields", note: "soon", onBehalfOf: SPEC });
  });

  it("sends a rate per week for capacity only, and asks for the end of availability it needs", () => {
    const now = new Date(2026, 10, 27).getTime();
    const rated = buildSignalBody(values({ kind: "capacity", ratePerWeek: "200", availableUntil: "2026-12-31" }), { now });
    expect(rated.fields).toEqual({});
    expect(rated.body.rate).toEqual({ quantity: 200, period: "week" });
    expect(validate(createSignalSchema, rated.body).ok).toBe(true);
    expect(buildSignalBody(values({ kind: "capacity", ratePerWeek: "200" }), { now }).fields).toHaveProperty("availableUntil");
    expect(buildSignalBody(values({ kind: "stock", ratePerWeek: "200", availableUntil: "2026-12-31" }), { now }).body).not.toHaveProperty("rate");
    const half = buildSignalBody(values({ kind: "capacity", ratePerWeek: "2.5", availableUntil: "2026-12-31" }), { now, spec: { unit: "each", divisible: false } });
    expect(half.fields).toHaveProperty(["rate.quantity"]);
  });
});
