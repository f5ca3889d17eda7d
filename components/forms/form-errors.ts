// Field errors from two sources shown the same way: the shared zod schemas before sending, and the
// API's `error.fields` after. Both are keyed by dotted path ("location.lat"), "_root" for the whole.
import { isApiError } from "@/components/api/client";

export type FieldErrors = Record<string, string[]>;

interface IssueLike {
  path: ReadonlyArray<PropertyKey>;
  message: string;
}

/** Groups issues by their dotted path, without repeating a message. */
export function issuesToFieldErrors(issues: ReadonlyArray<IssueLike>): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.length === 0 ? "_root" : issue.path.map(String).join(".");
    const list = (out[key] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return out;
}

export interface SafeParser<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<IssueLike> } };
}

export type Validation<T> = { ok: true; data: T } | { ok: false; fields: FieldErrors };

/** Runs a zod schema (or anything with the same safeParse) and answers data or field errors. */
export function validate<T>(schema: SafeParser<T>, input: unknown): Validation<T> {
  const r = schema.safeParse(input);
  return r.success ? { ok: true, data: r.data } : { ok: false, fields: issuesToFieldErrors(r.error.issues) };
}

/** API field names that appear inside messages ("Must be after availableFrom"), as a form calls them. */
const FIELD_WORDS: Record<string, string> = {
  availableFrom: "the available-from date",
  availableUntil: "the available-until date",
  dueAt: "the due date",
  radiusKm: "the radius",
};

/** The messages for the first of `keys` that has any, in the form's words. */
export function fieldError(fields: FieldErrors | undefined, ...keys: string[]): string | undefined {
  if (!fields) return undefined;
  for (const key of keys) {
    const hit = fields[key];
    if (hit && hit.length > 0) return hit.join(" ").replace(/\b(availableFrom|availableUntil|dueAt|radiusKm)\b/g, (w) => FIELD_WORDS[w] ?? w);
  }
  return undefined;
}

/** Field errors carried by a thrown API error, or none. */
export function apiFieldErrors(e: unknown): FieldErrors {
  return isApiError(e) ? e.fields : {};
}

/** A sentence to show for a failed request, with the common statuses in plain words. */
export function errorMessage(e: unknown): string {
  if (isApiError(e)) {
    if (e.status === 0) return e.message;
    if (e.status === 401 && e.code === "UNAUTHENTICATED") return "Please sign in first.";
    if (e.status === 429) return "Too many attempts, try again in a minute";
    if (e.code === "VALIDATION_FAILED" && Object.keys(e.fields).length > 0) {
      const root = e.fields._root;
      return root && root.length > 0 ? root.join(" ") : "Please correct the highlighted fields.";
    }
    return e.message;
  }
  if (e instanceof Error) return e.message;
  return "Something went wrong.";
}

/**
 * A number input's text for a schema: "12.5" → 12.5, "" → undefined (absent), anything else stays
 * text so the schema answers "Must be a number" instead of the form guessing.
 */
export function numberInput(text: string): number | string | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}
