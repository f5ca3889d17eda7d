// Public intake (ADR 032): a facility without an account asks a board for supplies through a form; the
// request waits, private to the board's stewards, until one of them accepts it (it becomes an ordinary
// need signal) or rejects it. The input schemas are shared by the API and the browser forms; the rules
// here are pure (no database, no clock of their own).
import { z } from "zod";
import type { FieldProblems } from "./errors";
import { PAST_PROBLEM } from "./signal-dates";
import { quantityUnitProblems, type UnitRule } from "./units";
import { emailSchema, isoDateSchema, LIMITS, locationSchema, optionalField, optionalText, organizationKindSchema, quantitySchema, requiredText, uuidSchema } from "./schemas";

export const INTAKE_STATUSES = ["pending", "accepted", "rejected"] as const;
export type IntakeStatus = (typeof INTAKE_STATUSES)[number];

/** A note is for the steward; a letter-length bound keeps the queue readable and the table small. */
export const INTAKE_NOTE_MAX = 2000;
export const INTAKE_REASON_MAX = 500;
/** The whole JSON body of a submission: far above any honest form, far below the API's general bound. */
export const INTAKE_BODY_MAX_BYTES = 16 * 1024;

/** Digits, spaces and the usual separators, with at least six digits: enough to call back, nothing else. */
const phoneSchema = z
  .string({ error: "Must be a phone number" })
  .trim()
  .max(40, { error: "Must be at most 40 characters" })
  .regex(/^\+?[0-9 ()./-]+$/, { error: "Must be a phone number (digits, spaces, + ( ) - . /)" })
  .refine((v) => (v.match(/[0-9]/g) ?? []).length >= 6, { error: "Must have at least 6 digits" });

const optionalEmail = optionalField(z.union([z.string().trim().length(0).transform(() => undefined), emailSchema]));
const optionalPhone = optionalField(z.union([z.string().trim().length(0).transform(() => undefined), phoneSchema]));

/** A point is optional: most facilities know their town, few their coordinates. */
const intakePlaceSchema = z.object({
  name: requiredText(LIMITS.name),
  lat: optionalField(locationSchema.shape.lat),
  lng: optionalField(locationSchema.shape.lng),
});

export const submitIntakeSchema = z
  .object({
    facilityName: requiredText(LIMITS.name),
    contactEmail: optionalEmail,
    contactPhone: optionalPhone,
    place: intakePlaceSchema,
    /** One of the board's resources, or `resourceText` for something not on the list. */
    resourceSpecId: optionalField(uuidSchema),
    resourceText: optionalText(LIMITS.title),
    quantity: quantitySchema,
    neededBy: optionalField(isoDateSchema),
    note: optionalText(INTAKE_NOTE_MAX),
    /** The honeypot: hidden from people, filled in by form-filling bots. */
    website: z.unknown().optional(),
  })
  .superRefine((v, issue) => {
    for (const [field, messages] of Object.entries(intakeChoiceProblems(v)))
      for (const message of messages) issue.addIssue({ code: "custom", path: [field], message });
    if ((v.place.lat === undefined) !== (v.place.lng === undefined))
      issue.addIssue({ code: "custom", path: ["place", v.place.lat === undefined ? "lat" : "lng"], message: "Give both latitude and longitude, or neither" });
  });
export type SubmitIntakeInput = z.infer<typeof submitIntakeSchema>;

/**
 * The two either-or choices of the form: a way to call back, and what is needed. Also run by the form on
 * its own, because zod skips an object's refinements while any of its fields is invalid.
 */
export function intakeChoiceProblems(v: { contactEmail?: unknown; contactPhone?: unknown; resourceSpecId?: unknown; resourceText?: unknown }): FieldProblems {
  const problems: FieldProblems = {};
  if (!v.contactEmail && !v.contactPhone) {
    problems.contactEmail = ["Give an email address or a phone number"];
    problems.contactPhone = ["Give an email address or a phone number"];
  }
  if (!v.resourceSpecId && !v.resourceText) problems.resourceText = ["Pick what you need from the list or describe it"];
  return problems;
}

/** The honeypot was filled in: a bot. It is answered like a person (so it learns nothing) and kept nowhere. */
export function isHoneypotFilled(input: { website?: unknown }): boolean {
  return input.website !== undefined && input.website !== null && input.website !== "";
}

export const acceptIntakeSchema = z.object({
  /** What the need is for; may be left out when the request already named one of the board's resources. */
  resourceSpecId: optionalField(uuidSchema),
  /** Post for this existing organization; without it one is made from the facility's name and place. */
  organizationId: optionalField(uuidSchema),
  organizationKind: optionalField(organizationKindSchema),
  title: optionalText(LIMITS.title),
  quantity: optionalField(quantitySchema),
  /** A public note for the signal. The submitter's own note is never copied: it may hold personal data. */
  note: optionalText(LIMITS.note),
  dueAt: optionalField(isoDateSchema),
  /** Where the need shows; by default the request's place when it has a point. */
  location: optionalField(locationSchema),
});
export type AcceptIntakeInput = z.infer<typeof acceptIntakeSchema>;

export const rejectIntakeSchema = z.object({ reason: requiredText(INTAKE_REASON_MAX) });
export type RejectIntakeInput = z.infer<typeof rejectIntakeSchema>;

export const intakeSettingsSchema = z.object({
  /** true or false to decide; null to go back to the default of the board's visibility. */
  enabled: z.boolean({ error: "Must be true, false or null" }).nullable(),
});

export const listIntakeQuerySchema = z.object({
  status: optionalField(z.enum(INTAKE_STATUSES, { error: "Must be pending, accepted or rejected" })),
  limit: optionalField(z.coerce.number({ error: "Must be a number" }).int({ error: "Must be a whole number" }).min(1).max(200)),
});

/**
 * Whether a board takes requests through its public form. Public boards do unless a steward turned it off;
 * members-only boards do not unless a steward turned it on, because the form shows the board's name to
 * anyone (ADR 032).
 */
export function acceptsIntake(board: { visibility: "public" | "members"; intakeEnabled: boolean | null }): boolean {
  return board.intakeEnabled ?? board.visibility === "public";
}

// Crockford's base-32 without I, L, O, U: read aloud over a phone without confusing 0/O or 1/I/L.
const REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A reference like "REQ-7K3F9QX2" from 8 random bytes (40 bits used): the caller passes the randomness. */
export function intakeReference(random: Uint8Array): string {
  let out = "";
  for (let i = 0; i < 8; i++) out += REFERENCE_ALPHABET[random[i]! % 32];
  return `REQ-${out}`;
}

/**
 * What is wrong with a submission beyond its shape, told to the submitter at once rather than to a
 * steward later: a whole number of a counted resource, and a date that has not passed. `spec` is the
 * resource picked, when one was (null: it does not exist).
 */
export function submissionProblems(input: SubmitIntakeInput, spec: UnitRule | null | undefined, now: Date): FieldProblems {
  const problems: FieldProblems = {};
  if (input.resourceSpecId && !spec) problems.resourceSpecId = ["No such resource: pick one from the list"];
  if (spec) Object.assign(problems, quantityUnitProblems(input.quantity, spec));
  if (input.neededBy && input.neededBy.getTime() < now.getTime()) problems.neededBy = [PAST_PROBLEM];
  return problems;
}

/** What a steward still has to supply to accept a request: a resource, when the submitter described one in words. */
export function acceptProblems(request: { resourceSpecId: string | null }, input: AcceptIntakeInput): FieldProblems {
  if (input.resourceSpecId || request.resourceSpecId) return {};
  return { resourceSpecId: ["The request describes its resource in words: pick the resource specification it is"] };
}

export interface IntakeRequestDto {
  id: string;
  reference: string;
  status: IntakeStatus;
  facilityName: string;
  /** Personal data: in answers to the board's stewards only. */
  contact: { email: string | null; phone: string | null };
  place: { name: string; lat: number | null; lng: number | null };
  resourceSpec: { id: string; name: string; unit: string } | null;
  resourceText: string | null;
  quantity: number;
  neededBy: string | null;
  note: string | null;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: { id: string; name: string } | null;
  signalId: string | null;
  organization: { id: string; name: string } | null;
  rejectionReason: string | null;
}

export interface IntakeListDto {
  items: IntakeRequestDto[];
  counts: Record<IntakeStatus, number>;
}

/** The public form's view of a board: whether it takes requests, and the resources to pick from. */
export interface IntakeFormDto {
  board: { slug: string; name: string };
  accepting: boolean;
  resources: Array<{ id: string; name: string; unit: string; divisible: boolean }>;
}

/** What a submitter gets back: the reference to quote, nothing of the board's internals. */
export interface IntakeReceiptDto {
  id: string;
  status: "pending";
  reference: string;
}
