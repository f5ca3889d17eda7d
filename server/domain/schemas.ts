// Input schemas shared by the API (route handlers parse bodies and queries with them) and the browser
// forms (which validate with the same rules before sending). Each schema's output type is exported
// beside it so there is only one definition of every input.
//
// Conventions, and why:
// - Strings are trimmed and bounded: a 10 MB "name" is an attack, not a name.
// - Optional fields accept absent, undefined or null (null comes back from our own DTOs, so a client
//   that round-trips a signal should not be told off), and an optional text that is empty after
//   trimming counts as absent, because that is what an empty form field means.
// - Objects are not strict: unknown keys are dropped, not rejected, so older machine clients keep
//   working when they send fields we removed or not yet added.
// - Passwords are the exception to trimming: a space is a legitimate password character.
import { z } from "zod";
import { CLAIM_STATUSES } from "./claim-lifecycle";
import { compareQty, hasAtMostThreeDecimals, MAX_QUANTITY, roundQty, sumQty } from "./quantity";
import { MAX_CALENDAR_WEEKS, weekStart } from "./capacity-calendar";
import { parseNear } from "./geo";
import { SIGNAL_KINDS, SIGNAL_STATUSES } from "./signal-rules";

export const LIMITS = { name: 120, title: 200, note: 4000, covenant: 20000, url: 2000, licence: 100, unit: 40, email: 254 } as const;

/** Makes a field optional, treating null the same as absent. */
export function optionalField<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((v) => v ?? undefined).optional();
}

// PostgreSQL cannot store U+0000 in text: refuse it here as bad input instead of failing at the database.
const NO_NUL = /^[^\u0000]*$/;
const noNul = { error: "Must not contain NUL characters" };

/** A required, trimmed, non-empty string of at most `max` characters. */
export const requiredText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: "Must not be empty" })
    .max(max, { error: `Must be at most ${max} characters` })
    .regex(NO_NUL, noNul);

/** A search text from a query string: trimmed, bounded, no NUL; empty means "no filter". */
export const searchText = z
  .string()
  .trim()
  .max(200, { error: "Must be at most 200 characters" })
  .regex(NO_NUL, noNul)
  .transform((v) => (v === "" ? undefined : v));

/** A trimmed string of at most `max` characters, where empty means "not given". */
export const optionalText = (max: number) =>
  optionalField(
    z
      .string()
      .trim()
      .max(max, { error: `Must be at most ${max} characters` })
      .regex(NO_NUL, noNul)
      .transform((v) => (v === "" ? undefined : v)),
  );

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(LIMITS.email, { error: `Must be at most ${LIMITS.email} characters` })
  .pipe(z.email({ error: "Must be an email address" }));

export const uuidSchema = z.uuid({ error: "Must be a UUID" });

/** ISO 8601 date-time with a timezone (Z or ±hh:mm), parsed to a Date; a bare local time is ambiguous. */
export const isoDateSchema = z.iso
  .datetime({ offset: true, error: "Must be an ISO 8601 date-time with timezone, e.g. 2025-06-01T12:00:00Z" })
  .transform((s) => new Date(s))
  // Year 0 and beyond 9999 are valid ISO text but not storable (or sensible) dates here.
  .refine((d) => d.getUTCFullYear() >= 1 && d.getUTCFullYear() <= 9999, { error: "Must be between years 1 and 9999" });

export const quantitySchema = z
  .number({ error: "Must be a number" })
  .positive({ error: "Must be greater than 0" })
  .max(MAX_QUANTITY, { error: `Must be at most ${MAX_QUANTITY}` })
  .refine(hasAtMostThreeDecimals, { error: "Must have at most 3 decimal places" })
  .transform(roundQty);

/** A capacity signal's rate: at most this much per ISO week (capacity calendars, ADR 025). */
export const rateSchema = z.object({
  quantity: quantitySchema,
  period: z.literal("week", { error: 'Must be "week"' }),
});

/** One week a claim on a rated capacity signal books, and how much of it. */
export const bookingSchema = z.object({
  week: z.string({ error: "Must be an ISO week like 2026-W49" }).refine((w) => weekStart(w) !== null, { error: "Must be an ISO week like 2026-W49" }),
  quantity: quantitySchema,
});

export const signalKindSchema = z.enum(SIGNAL_KINDS);
export const signalStatusSchema = z.enum(SIGNAL_STATUSES);
export const claimStatusSchema = z.enum(CLAIM_STATUSES);

export const locationSchema = z.object({
  name: optionalText(LIMITS.name),
  lat: z.number({ error: "Must be a number" }).min(-90, { error: "Must be between -90 and 90" }).max(90, { error: "Must be between -90 and 90" }),
  lng: z
    .number({ error: "Must be a number" })
    .min(-180, { error: "Must be between -180 and 180" })
    .max(180, { error: "Must be between -180 and 180" }),
});
export type LocationInput = z.infer<typeof locationSchema>;

// ---- accounts and tokens -------------------------------------------------------------------------

export const createAccountSchema = z.object({
  email: emailSchema,
  password: z
    .string({ error: "Must be a string" })
    .min(10, { error: "Must be at least 10 characters" })
    .max(200, { error: "Must be at most 200 characters" }),
  name: requiredText(LIMITS.name),
});
export type CreateAccountInput = z.infer<typeof createAccountSchema>;

// Signing in does not re-check the password policy: a too-short password should get the same
// INVALID_CREDENTIALS as a wrong one, not a hint about what the rules are.
const signInPassword = z.string({ error: "Must be a string" }).min(1, { error: "Must not be empty" }).max(200);

export const signInSchema = z.object({ email: emailSchema, password: signInPassword });
export type SignInInput = z.infer<typeof signInSchema>;

export const createTokenSchema = z.object({ email: emailSchema, password: signInPassword, label: optionalText(100) });
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

// ---- organizations, boards, resource specs -------------------------------------------------------

export const organizationKindSchema = z.enum(["makerspace", "microfactory", "clinic", "hub", "other"]);

export const createOrganizationSchema = z.object({
  name: requiredText(LIMITS.name),
  kind: organizationKindSchema,
  location: optionalField(locationSchema),
});
export type CreateOrganizationInput = z.infer<typeof createOrganizationSchema>;

/** 3–50 characters of a-z, 0-9 and inner hyphens: it appears in URLs and must read well there. */
export const slugSchema = z
  .string({ error: "Must be a string" })
  .trim()
  .regex(/^[a-z0-9](?:[a-z0-9-]{1,48}[a-z0-9])$/, {
    error: "Must be 3–50 lowercase letters, digits or hyphens, not starting or ending with a hyphen",
  });

export const boardVisibilitySchema = z.enum(["public", "members"]);

export const createBoardSchema = z.object({
  slug: slugSchema,
  name: requiredText(LIMITS.name),
  covenant: optionalText(LIMITS.covenant),
  licence: optionalText(LIMITS.licence),
  visibility: optionalField(boardVisibilitySchema),
});
export type CreateBoardInput = z.infer<typeof createBoardSchema>;

/** An http(s) link; other schemes (javascript:, data:, file:) have no business in a design link. */
export const httpUrlSchema = z
  .string()
  .trim()
  .max(LIMITS.url, { error: `Must be at most ${LIMITS.url} characters` })
  .pipe(z.url({ protocol: /^https?$/, error: "Must be an http(s) URL" }));

export const resourceSpecSchema = z.object({
  name: requiredText(LIMITS.name),
  unit: requiredText(LIMITS.unit),
  category: optionalText(LIMITS.name),
  designUrl: optionalField(z.union([z.string().trim().length(0).transform(() => undefined), httpUrlSchema])),
  licence: optionalText(LIMITS.licence),
  /** Whether the unit can be split (kg, m, h) or is counted (each, run); absent: the unit decides (units.ts). */
  divisible: optionalField(z.boolean({ error: "Must be true or false" })),
});
export type ResourceSpecInput = z.infer<typeof resourceSpecSchema>;

// ---- signals and claims --------------------------------------------------------------------------

const availabilityOrdered = (v: { availableFrom?: Date | null; availableUntil?: Date | null }) =>
  !(v.availableFrom && v.availableUntil) || v.availableUntil.getTime() > v.availableFrom.getTime();
const availabilityError = { error: "Must be after availableFrom", path: ["availableUntil"] };

export const createSignalSchema = z
  .object({
    kind: signalKindSchema,
    resourceSpecId: uuidSchema,
    quantity: quantitySchema,
    title: optionalText(LIMITS.title),
    note: optionalText(LIMITS.note),
    location: optionalField(locationSchema),
    dueAt: optionalField(isoDateSchema),
    availableFrom: optionalField(isoDateSchema),
    availableUntil: optionalField(isoDateSchema),
    onBehalfOf: optionalField(uuidSchema),
    rate: optionalField(rateSchema),
  })
  .refine(availabilityOrdered, availabilityError);
export type CreateSignalInput = z.infer<typeof createSignalSchema>;

// In a patch, null means "clear it" where clearing makes sense (note, location, dueAt). The window
// check here only sees the body; the service re-checks with stored values (checkAvailabilityWindow).
export const patchSignalSchema = z
  .object({
    title: requiredText(LIMITS.title).optional(),
    note: z
      .string()
      .trim()
      .max(LIMITS.note, { error: `Must be at most ${LIMITS.note} characters` })
      .regex(NO_NUL, noNul)
      .transform((v) => (v === "" ? null : v))
      .nullable()
      .optional(),
    quantity: quantitySchema.optional(),
    location: locationSchema.nullable().optional(),
    dueAt: isoDateSchema.nullable().optional(),
    availableFrom: isoDateSchema.optional(),
    availableUntil: isoDateSchema.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    error: "Give at least one of title, note, quantity, location, dueAt, availableFrom, availableUntil",
  })
  .refine(availabilityOrdered, availabilityError);
export type PatchSignalInput = z.infer<typeof patchSignalSchema>;

// On a rated capacity signal a claim books weeks; its quantity is then their sum, and may be left out.
export const createClaimSchema = z
  .object({
    quantity: optionalField(quantitySchema),
    bookings: optionalField(z.array(bookingSchema).min(1, { error: "Book at least one week" }).max(MAX_CALENDAR_WEEKS)),
    promisedAt: optionalField(isoDateSchema),
    note: optionalText(LIMITS.note),
    onBehalfOf: optionalField(uuidSchema),
  })
  .superRefine((v, ctx) => {
    if (v.quantity === undefined && !v.bookings) ctx.addIssue({ code: "custom", path: ["quantity"], message: "Required" });
    if (v.quantity !== undefined && v.bookings && compareQty(v.quantity, sumQty(v.bookings.map((b) => b.quantity))) !== 0)
      ctx.addIssue({ code: "custom", path: ["quantity"], message: "Must equal the sum of the bookings (or be left out)" });
  })
  .transform(({ quantity, ...rest }) => ({ ...rest, quantity: quantity ?? sumQty(rest.bookings!.map((b) => b.quantity)) }));
export type CreateClaimInput = z.infer<typeof createClaimSchema>;

export const transitionClaimSchema = z.object({
  to: claimStatusSchema,
  quantity: optionalField(quantitySchema),
});
export type TransitionClaimInput = z.infer<typeof transitionClaimSchema>;

// ---- queries -------------------------------------------------------------------------------------
// Query strings arrive as strings. An empty parameter (`?kind=`, what a GET form sends for "any")
// counts as absent. Numbers must be plain decimals: Number() would also take "", "0x10" and "1e3".

export const emptyAsAbsent = (v: unknown) => (v === "" ? undefined : v);
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** A number from a query string (or already a number, for callers that parsed it themselves). */
const queryNumber = z.union([z.string(), z.number()], { error: "Must be a number" }).transform((v, ctx) => {
  const n = typeof v === "number" ? v : DECIMAL.test(v.trim()) ? Number(v.trim()) : NaN;
  if (!Number.isFinite(n)) {
    ctx.issues.push({ code: "custom", message: "Must be a number", input: v });
    return z.NEVER;
  }
  return n;
});

// Event sequence numbers are a Postgres INTEGER; anything above its maximum would reach the database
// as an out-of-range error (a 500) instead of a clear 400.
export const MAX_SEQ = 2_147_483_647;
const seqNumber = queryNumber.pipe(
  z
    .number()
    .int({ error: "Must be a whole number" })
    .min(0, { error: "Must be 0 or more" })
    .max(MAX_SEQ, { error: `Must be at most ${MAX_SEQ}` }),
);

export const intInRange = (min: number, max: number) =>
  queryNumber.pipe(
    z
      .number()
      .int({ error: "Must be a whole number" })
      .min(min, { error: `Must be between ${min} and ${max}` })
      .max(max, { error: `Must be between ${min} and ${max}` }),
  );

/** "need" or "need,order" → ["need", "order"]; each entry checked, duplicates dropped. */
const csvOf = <T extends string>(allowed: readonly T[], what: string) =>
  z
    .string()
    .max(200)
    .transform((v, ctx) => {
      const items = [...new Set(v.split(",").map((x) => x.trim()).filter((x) => x !== ""))];
      const bad = items.filter((x) => !(allowed as readonly string[]).includes(x));
      if (bad.length > 0 || items.length === 0) {
        const unknown = bad.length > 0 ? `Unknown ${what} "${bad.join(",").slice(0, 60)}". ` : "";
        ctx.issues.push({ code: "custom", message: `${unknown}Use one or more of ${allowed.join(", ")}, comma-separated`, input: v });
        return z.NEVER;
      }
      return items as T[];
    });

export const SIGNAL_SORTS = ["intensity", "due", "new", "distance"] as const;

export const listSignalsQuerySchema = z
  .object({
    kind: z.preprocess(emptyAsAbsent, csvOf(SIGNAL_KINDS, "kind").optional()),
    status: z.preprocess(emptyAsAbsent, csvOf(SIGNAL_STATUSES, "status").optional()),
    resourceSpecId: z.preprocess(emptyAsAbsent, uuidSchema.optional()),
    q: z.preprocess(emptyAsAbsent, optionalText(200)),
    near: z.preprocess(
      emptyAsAbsent,
      z
        .string()
        .max(100, { error: "Must be \"lat,lng\"" })
        .transform((v, ctx) => {
          const point = parseNear(v);
          if (!point) {
            ctx.issues.push({ code: "custom", message: "Must be \"lat,lng\" in decimal degrees, e.g. 52.52,13.40", input: v });
            return z.NEVER;
          }
          return point;
        })
        .optional(),
    ),
    radiusKm: z.preprocess(
      emptyAsAbsent,
      queryNumber
        .pipe(z.number().gt(0, { error: "Must be more than 0" }).max(20000, { error: "Must be at most 20000" }))
        .optional(),
    ),
    sort: z.preprocess(emptyAsAbsent, z.enum(SIGNAL_SORTS).default("intensity")),
    limit: z.preprocess(emptyAsAbsent, intInRange(1, 200).default(50)),
    cursor: z.preprocess(emptyAsAbsent, z.string().max(500, { error: "Must be at most 500 characters" }).optional()),
  })
  .superRefine((v, ctx) => {
    // A radius or a distance sort means nothing without a centre; the error names the missing field.
    if (v.near === undefined && (v.radiusKm !== undefined || v.sort === "distance")) {
      ctx.addIssue({ code: "custom", path: ["near"], message: "Required when radiusKm is given or sort is distance" });
    }
  });
export type ListSignalsQuery = z.infer<typeof listSignalsQuerySchema>;

/** GET /places: a place name to complete (empty: the most used places), optionally one board's. */
export const placesQuerySchema = z.object({
  q: z.preprocess(emptyAsAbsent, optionalText(LIMITS.name)),
  board: z.preprocess(emptyAsAbsent, slugSchema.optional()),
  limit: z.preprocess(emptyAsAbsent, intInRange(1, 50).default(10)),
});
export type PlacesQuery = z.infer<typeof placesQuerySchema>;

export const eventsQuerySchema = z.object({
  after: z.preprocess(emptyAsAbsent, seqNumber.default(0)),
  limit: z.preprocess(emptyAsAbsent, intInRange(1, 1000).default(500)),
});
export type EventsQuery = z.infer<typeof eventsQuerySchema>;

/**
 * The Socket.IO `board:join` payload: replay everything after afterSeq, then stream. The one definition
 * (server/domain/realtime-contract.ts re-exports it). A socket sends JSON, so unlike a query string a number
 * written as text is a malformed payload, not a number.
 */
export const boardJoinSchema = z.object({
  slug: slugSchema,
  afterSeq: optionalField(
    z
      .number({ error: "Must be a number" })
      .int({ error: "Must be a whole number" })
      .min(0, { error: "Must be 0 or more" })
      .max(MAX_SEQ, { error: `Must be at most ${MAX_SEQ}` }),
  ),
});
export type BoardJoinInput = z.infer<typeof boardJoinSchema>;
