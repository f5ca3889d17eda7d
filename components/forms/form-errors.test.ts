import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError } from "@/components/api/client";
import { apiFieldErrors, errorMessage, fieldError, issuesToFieldErrors, numberInput, validate } from "./form-errors";

describe("validate", () => {
  const schema = z.object({ name: z.string().min(1, "Required"), location: z.object({ lat: z.number({ error: "Must be a number" }) }) });

  it("answers the parsed data", () => {
    expect(validate(schema, { name: "x", location: { lat: 1 } })).toEqual({ ok: true, data: { name: "x", location: { lat: 1 } } });
  });

  it("answers errors keyed by dotted path, as the API does", () => {
    const r = validate(schema, { name: "", location: { lat: "x" } });
    expect(r).toEqual({ ok: false, fields: { name: ["Required"], "location.lat": ["Must be a number"] } });
  });
});

describe("helpers", () => {
  it("groups issues without repeating messages", () => {
    expect(
      issuesToFieldErrors([
        { path: [], message: "Whole" },
        { path: ["a"], message: "m" },
        { path: ["a"], message: "m" },
      ]),
    ).toEqual({ _root: ["Whole"], a: ["m"] });
  });

  it("finds the first matching key", () => {
    expect(fieldError({ location: ["Required"] }, "location.lat", "location")).toBe("Required");
    expect(fieldError({}, "x")).toBeUndefined();
    expect(fieldError({ availableUntil: ["Must be after availableFrom"] }, "availableUntil")).toBe("Must be after the available-from date");
  });

  it("reads number inputs", () => {
    expect(numberInput(" 12.5 ")).toBe(12.5);
    expect(numberInput("")).toBeUndefined();
    expect(numberInput("abc")).toBe("abc");
  });

  it("words common failures", () => {
    expect(errorMessage(new ApiError(429, "RATE_LIMITED", "x"))).toBe("Too many attempts, try again in a minute");
    expect(errorMessage(new ApiError(400, "VALIDATION_FAILED", "Invalid input", { name: ["x"] }))).toBe(
      "Please correct the highlighted fields.",
    );
    expect(errorMessage(new ApiError(409, "SLUG_TAKEN", "The board address is taken"))).toBe("The board address is taken");
    expect(apiFieldErrors(new ApiError(400, "X", "x", { a: ["b"] }))).toEqual({ a: ["b"] });
    expect(apiFieldErrors(new Error("x"))).toEqual({});
  });
});
