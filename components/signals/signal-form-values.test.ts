import { describe, expect, it } from "vitest";
import { createSignalSchema } from "@/server/domain/schemas";
import { validate } from "@/components/forms/form-errors";
import { buildSignalBody, EMPTY_SIGNAL_FORM } from "./signal-form-values";

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

  it("needs both coordinates for a location", () => {
    expect(buildSignalBody(values({ locationName: "Hub" })).fields).toHaveProperty(["location.lat"]);
    const { body } = buildSignalBody(values({ locationName: " Hub ", lat: "52.5", lng: "13.4" }));
    expect(body.location).toEqual({ name: "Hub", lat: 52.5, lng: 13.4 });
    const half = buildSignalBody(values({ lat: "52.5" })).body;
    const r = validate(createSignalSchema, half);
    expect(r.ok ? [] : Object.keys(r.fields)).toEqual(["location.lng"]);
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
});
