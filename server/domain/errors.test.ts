import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DomainError, ERROR_CODES, errorStatus, fromZodError, isDomainError, toErrorBody, type ErrorCode } from "./errors";

describe("errorStatus", () => {
  it("maps every code to the status the public API promises", () => {
    const byStatus: Record<number, ErrorCode[]> = {};
    for (const code of ERROR_CODES) (byStatus[errorStatus[code]] ??= []).push(code);
    expect(byStatus).toEqual({
      400: ["VALIDATION_FAILED", "MALFORMED_JSON", "IMPORT_REJECTED", "MALFORMED_URL", "MALFORMED_REQUEST", "SAME_SPEC", "NOT_A_REQUEST"],
      401: ["UNAUTHENTICATED", "INVALID_CREDENTIALS"],
      403: ["FORBIDDEN", "INTAKE_CLOSED", "NOT_A_MEMBER", "NOT_A_STEWARD", "CROSS_ORIGIN_REQUEST", "OWN_SIGNAL", "NOT_YOUR_LINE"],
      404: ["NOT_FOUND"],
      409: [
        "EMAIL_TAKEN",
        "SLUG_TAKEN",
        "ALREADY_MEMBER",
        "LAST_STEWARD",
        "OVER_CLAIM",
        "OVERBOOKED",
        "INVALID_TRANSITION",
        "SIGNAL_NOT_OPEN",
        "AVAILABILITY_ENDED",
        "ALREADY_REINFORCED",
        "INTAKE_ALREADY_DECIDED",
        "QUANTITY_BELOW_CLAIMED",
        "INSUFFICIENT_STOCK",
        "SUBSTITUTE_EXISTS",
        "SUBSCRIPTION_LIMIT",
        "SESSION_NOT_OPEN",
        "NOTHING_TO_ADOPT",
        "SESSION_BUSY",
        "PLAN_STALE",
      ],
      405: ["METHOD_NOT_ALLOWED"],
      410: ["CURSOR_EXPIRED"],
      413: ["PAYLOAD_TOO_LARGE"],
      415: ["UNSUPPORTED_MEDIA_TYPE"],
      431: ["HEADERS_TOO_LARGE"],
      408: ["REQUEST_TIMEOUT"],
      429: ["RATE_LIMITED"],
      500: ["INTERNAL"],
      503: ["SERVER_BUSY"],
    });
  });
});

describe("DomainError", () => {
  it("carries its code, message, fields, extra and derived status", () => {
    const e = new DomainError("OVER_CLAIM", "Only 3 left", undefined, { remaining: 3 });
    expect(e).toBeInstanceOf(Error);
    expect(isDomainError(e)).toBe(true);
    expect(isDomainError(new Error("x"))).toBe(false);
    expect(e.name).toBe("DomainError");
    expect(e.code).toBe("OVER_CLAIM");
    expect(e.message).toBe("Only 3 left");
    expect(e.status).toBe(409);
    expect(e.extra).toEqual({ remaining: 3 });
    expect(e.fields).toBeUndefined();
    expect(new DomainError("NOT_FOUND", "gone").status).toBe(404);
  });
});

describe("toErrorBody", () => {
  it("merges extra into the error object", () => {
    const e = new DomainError("OVER_CLAIM", "Only 3 left", undefined, { remaining: 3 });
    expect(toErrorBody(e)).toEqual({ error: { code: "OVER_CLAIM", message: "Only 3 left", remaining: 3 } });
  });

  it("includes fields only when there are some", () => {
    const withFields = new DomainError("VALIDATION_FAILED", "bad", { name: ["Must not be empty"] });
    expect(toErrorBody(withFields).error.fields).toEqual({ name: ["Must not be empty"] });
    expect("fields" in toErrorBody(new DomainError("VALIDATION_FAILED", "bad", {})).error).toBe(false);
    expect("fields" in toErrorBody(new DomainError("FORBIDDEN", "no")).error).toBe(false);
  });

  it("never lets extra overwrite the code, message or fields", () => {
    const e = new DomainError("FORBIDDEN", "no", undefined, { code: "INTERNAL", message: "hijack", fields: { x: ["y"] } });
    expect(toErrorBody(e)).toEqual({ error: { code: "FORBIDDEN", message: "no" } });
  });

  it("survives a JSON round trip unchanged", () => {
    const e = new DomainError("INVALID_TRANSITION", "nope", undefined, { from: "shipped", to: "released", allowed: [] });
    const body = toErrorBody(e);
    expect(JSON.parse(JSON.stringify(body))).toEqual(body);
  });
});

describe("fromZodError", () => {
  const schema = z.object({
    name: z.string().min(1, { error: "Must not be empty" }),
    location: z.object({ lat: z.number().max(90, { error: "Too far north" }) }),
  });

  it("maps issues to dotted paths", () => {
    const r = schema.safeParse({ name: "", location: { lat: 91 } });
    expect(r.success).toBe(false);
    const e = fromZodError(r.error!);
    expect(e.code).toBe("VALIDATION_FAILED");
    expect(e.status).toBe(400);
    expect(e.fields).toEqual({ name: ["Must not be empty"], "location.lat": ["Too far north"] });
    expect(e.message).toContain("name");
    expect(e.message).toContain("location.lat");
  });

  it("puts issues about the whole input under _root", () => {
    const r = schema.safeParse("not an object");
    const e = fromZodError(r.error!);
    expect(Object.keys(e.fields!)).toEqual(["_root"]);
    expect(e.message).toMatch(/^Invalid input at _root: /);
  });

  it("keeps several messages for one field, without repeats", () => {
    const s = z.object({
      pw: z.string().refine((v) => v.length > 3, { error: "Too short" }).refine((v) => /\d/.test(v), { error: "Needs a digit" }),
    });
    const r = s.safeParse({ pw: "ab" });
    expect(fromZodError(r.error!).fields).toEqual({ pw: ["Too short", "Needs a digit"] });
  });

  it("indexes array items by position", () => {
    const r = z.object({ tags: z.array(z.string()) }).safeParse({ tags: ["a", 2] });
    expect(fromZodError(r.error!).fields).toHaveProperty(["tags.1"]);
  });
});
