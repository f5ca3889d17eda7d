import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { fromZodError } from "./errors";
import {
  createAccountSchema,
  createBoardSchema,
  createClaimSchema,
  createOrganizationSchema,
  createSignalSchema,
  createTokenSchema,
  locationSchema,
  patchSignalSchema,
  resourceSpecSchema,
  signInSchema,
  transitionClaimSchema,
} from "./schemas";

const UUID = "123e4567-e89b-42d3-a456-426614174000";
const HUGE = "x".repeat(1_000_000);

/** The field keys a failed parse reports, as the API would send them. */
function badFields(schema: z.ZodType, input: unknown): string[] {
  const r = schema.safeParse(input);
  if (r.success) throw new Error(`expected ${JSON.stringify(input).slice(0, 100)} to be rejected`);
  return Object.keys(fromZodError(r.error).fields ?? {}).sort();
}

describe("accounts and tokens", () => {
  const good = { email: "  Ada@Example.ORG ", password: "correct horse", name: "  Ada  " };

  it("trims and lowercases the email, trims the name, keeps the password as typed", () => {
    expect(createAccountSchema.parse({ ...good, password: " spaced pass " })).toEqual({
      email: "ada@example.org",
      password: " spaced pass ",
      name: "Ada",
    });
  });

  it("drops unknown keys instead of failing", () => {
    expect(createAccountSchema.parse({ ...good, admin: true })).not.toHaveProperty("admin");
  });

  it("rejects bad emails, short or huge passwords, empty or huge names, wrong types", () => {
    expect(badFields(createAccountSchema, { ...good, email: "not-an-email" })).toEqual(["email"]);
    expect(badFields(createAccountSchema, { ...good, email: `${"a".repeat(250)}@x.org` })).toEqual(["email"]);
    expect(badFields(createAccountSchema, { ...good, password: "short" })).toEqual(["password"]);
    expect(badFields(createAccountSchema, { ...good, password: HUGE })).toEqual(["password"]);
    expect(badFields(createAccountSchema, { ...good, name: "   " })).toEqual(["name"]);
    expect(badFields(createAccountSchema, { ...good, name: HUGE })).toEqual(["name"]);
    expect(badFields(createAccountSchema, { ...good, name: 42 })).toEqual(["name"]);
    expect(badFields(createAccountSchema, {})).toEqual(["email", "name", "password"]);
    expect(badFields(createAccountSchema, null)).toEqual(["_root"]);
    expect(badFields(createAccountSchema, [good])).toEqual(["_root"]);
  });

  it("does not apply the password policy on sign-in", () => {
    expect(signInSchema.parse({ email: "a@b.org", password: "short" }).password).toBe("short");
    expect(badFields(signInSchema, { email: "a@b.org", password: "" })).toEqual(["password"]);
    expect(badFields(signInSchema, { email: "a@b.org", password: HUGE })).toEqual(["password"]);
  });

  it("takes an optional token label up to 100 characters", () => {
    expect(createTokenSchema.parse({ email: "a@b.org", password: "pw", label: " cnc-01 " }).label).toBe("cnc-01");
    expect(createTokenSchema.parse({ email: "a@b.org", password: "pw", label: null }).label).toBeUndefined();
    expect(badFields(createTokenSchema, { email: "a@b.org", password: "pw", label: "x".repeat(101) })).toEqual(["label"]);
  });
});

describe("locations and organizations", () => {
  it("bounds latitude and longitude and refuses NaN, Infinity and strings", () => {
    expect(locationSchema.parse({ lat: -90, lng: 180, name: " Fab Lab " })).toEqual({ lat: -90, lng: 180, name: "Fab Lab" });
    for (const lat of [90.1, -90.1, Number.NaN, Number.POSITIVE_INFINITY, "52.5", null]) {
      expect(badFields(locationSchema, { lat, lng: 0 }), String(lat)).toEqual(["lat"]);
    }
    expect(badFields(locationSchema, { lat: 0, lng: 180.5 })).toEqual(["lng"]);
  });

  it("reports nested paths with dots", () => {
    expect(badFields(createOrganizationSchema, { name: "Hub", kind: "hub", location: { lat: 100, lng: 0 } })).toEqual(["location.lat"]);
  });

  it("knows the organization kinds", () => {
    expect(createOrganizationSchema.parse({ name: "Fab", kind: "makerspace" })).toEqual({ name: "Fab", kind: "makerspace" });
    expect(badFields(createOrganizationSchema, { name: "Fab", kind: "bank" })).toEqual(["kind"]);
  });
});

describe("boards", () => {
  it("accepts well-formed slugs only", () => {
    for (const slug of ["abc", "fab-labs-north", "a".repeat(50), "2020-ppe"]) {
      expect(createBoardSchema.safeParse({ slug, name: "B" }).success, slug).toBe(true);
    }
    for (const slug of ["ab", "a".repeat(51), "-abc", "abc-", "ABC", "ab_c", "ab c", "über", ""]) {
      expect(badFields(createBoardSchema, { slug, name: "B" }), slug).toEqual(["slug"]);
    }
  });

  it("bounds the covenant and licence and knows the visibilities", () => {
    expect(createBoardSchema.parse({ slug: "abc", name: "B", covenant: "c".repeat(20000), visibility: "members" }).visibility).toBe("members");
    expect(badFields(createBoardSchema, { slug: "abc", name: "B", covenant: "c".repeat(20001) })).toEqual(["covenant"]);
    expect(badFields(createBoardSchema, { slug: "abc", name: "B", licence: "l".repeat(101) })).toEqual(["licence"]);
    expect(badFields(createBoardSchema, { slug: "abc", name: "B", visibility: "secret" })).toEqual(["visibility"]);
  });
});

describe("resource specs", () => {
  const good = { name: "Face shield v3", unit: "each" };

  it("accepts http(s) design links and treats an empty one as absent", () => {
    expect(resourceSpecSchema.parse({ ...good, designUrl: "https://example.org/shield" }).designUrl).toBe("https://example.org/shield");
    expect(resourceSpecSchema.parse({ ...good, designUrl: "  " })).not.toHaveProperty("designUrl", expect.anything());
  });

  it("refuses other schemes and overlong links", () => {
    for (const designUrl of ["javascript:alert(1)", "ftp://example.org/x", "data:text/html,hi", "example.org", `https://e.org/${"a".repeat(2000)}`]) {
      expect(badFields(resourceSpecSchema, { ...good, designUrl }), designUrl.slice(0, 30)).toEqual(["designUrl"]);
    }
  });

  it("bounds the unit", () => {
    expect(badFields(resourceSpecSchema, { ...good, unit: "u".repeat(41) })).toEqual(["unit"]);
    expect(badFields(resourceSpecSchema, { ...good, unit: "" })).toEqual(["unit"]);
  });
});

describe("signals", () => {
  const good = { kind: "need", resourceSpecId: UUID, quantity: 12.5 };

  it("parses dates to Date and keeps quantities to 3 decimals", () => {
    const r = createSignalSchema.parse({ ...good, quantity: 0.1 + 0.2, dueAt: "2025-07-01T10:00:00+02:00", title: "  " });
    expect(r.quantity).toBe(0.3);
    expect(r.dueAt).toEqual(new Date("2025-07-01T08:00:00Z"));
    expect(r.title).toBeUndefined();
  });

  it("treats null optional fields as absent", () => {
    const r = createSignalSchema.parse({ ...good, note: null, location: null, dueAt: null, onBehalfOf: null });
    expect(r.note).toBeUndefined();
    expect(r.location).toBeUndefined();
    expect(r.dueAt).toBeUndefined();
  });

  it("rejects bad quantities", () => {
    for (const quantity of [0, -1, 1e9 + 1, 1.0005, Number.NaN, Number.POSITIVE_INFINITY, "5", null]) {
      expect(badFields(createSignalSchema, { ...good, quantity }), String(quantity)).toEqual(["quantity"]);
    }
    expect(createSignalSchema.parse({ ...good, quantity: 1e9 }).quantity).toBe(1e9);
  });

  it("rejects bad kinds, ids, dates and huge texts", () => {
    expect(badFields(createSignalSchema, { ...good, kind: "want" })).toEqual(["kind"]);
    expect(badFields(createSignalSchema, { ...good, resourceSpecId: "42" })).toEqual(["resourceSpecId"]);
    expect(badFields(createSignalSchema, { ...good, onBehalfOf: "nope" })).toEqual(["onBehalfOf"]);
    for (const dueAt of ["tomorrow", "2025-07-01", "2025-07-01T10:00:00", "2025-02-30T00:00:00Z", 1751364000000]) {
      expect(badFields(createSignalSchema, { ...good, dueAt }), String(dueAt)).toEqual(["dueAt"]);
    }
    expect(badFields(createSignalSchema, { ...good, title: "t".repeat(201) })).toEqual(["title"]);
    expect(badFields(createSignalSchema, { ...good, note: HUGE })).toEqual(["note"]);
  });

  it("needs availability to end after it starts", () => {
    const from = "2025-07-01T00:00:00Z";
    expect(createSignalSchema.safeParse({ ...good, availableFrom: from, availableUntil: "2025-07-02T00:00:00Z" }).success).toBe(true);
    expect(badFields(createSignalSchema, { ...good, availableFrom: from, availableUntil: from })).toEqual(["availableUntil"]);
  });

  it("patches at least one field, with null clearing note, location and due date", () => {
    expect(patchSignalSchema.parse({ note: "", location: null, dueAt: null })).toEqual({ note: null, location: null, dueAt: null });
    expect(patchSignalSchema.parse({ quantity: 3 })).toEqual({ quantity: 3 });
    expect(badFields(patchSignalSchema, {})).toEqual(["_root"]);
    expect(badFields(patchSignalSchema, { unknownOnly: 1 })).toEqual(["_root"]);
    expect(badFields(patchSignalSchema, { title: "  " })).toEqual(["title"]);
    expect(badFields(patchSignalSchema, { title: null })).toEqual(["title"]);
    expect(badFields(patchSignalSchema, { availableFrom: "2025-07-02T00:00:00Z", availableUntil: "2025-07-01T00:00:00Z" })).toEqual(["availableUntil"]);
  });
});

describe("claims", () => {
  it("takes a quantity and optional promise date, note and organization", () => {
    const r = createClaimSchema.parse({ quantity: 2, promisedAt: "2025-07-01T00:00:00Z", onBehalfOf: UUID, note: " soon " });
    expect(r).toEqual({ quantity: 2, promisedAt: new Date("2025-07-01T00:00:00Z"), onBehalfOf: UUID, note: "soon" });
    expect(badFields(createClaimSchema, { quantity: Number.POSITIVE_INFINITY })).toEqual(["quantity"]);
    expect(badFields(createClaimSchema, {})).toEqual(["quantity"]);
  });

  it("transitions to a known status, with an optional quantity", () => {
    expect(transitionClaimSchema.parse({ to: "released", quantity: 1.5 })).toEqual({ to: "released", quantity: 1.5 });
    expect(transitionClaimSchema.parse({ to: "lapsed" }).to).toBe("lapsed"); // the state machine, not the schema, refuses it
    expect(badFields(transitionClaimSchema, { to: "done" })).toEqual(["to"]);
    expect(badFields(transitionClaimSchema, { to: "released", quantity: -1 })).toEqual(["quantity"]);
  });
});
