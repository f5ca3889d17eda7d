"use client";
// What every form of the app does with errors, in one place: check the input with the shared schema
// before sending (plus the form's own checks), show field errors where they belong, and show a failed
// request's field errors and a sentence.
import { useState } from "react";
import { apiFieldErrors, errorMessage, validate, type FieldErrors, type SafeParser } from "./form-errors";

export function useFormErrors() {
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  return {
    fields,
    error,
    setFields,
    setError,
    /**
     * Starts a submit: clears the last message and checks `input` with `schema`, together with the form's
     * own field errors. Answers the parsed input, or null when there is any error (then shown).
     */
    check<T>(schema: SafeParser<T>, input: unknown, own: FieldErrors = {}): T | null {
      setError(null);
      const v = validate(schema, input);
      const all = { ...(v.ok ? {} : v.fields), ...own };
      setFields(all);
      return v.ok && Object.keys(all).length === 0 ? v.data : null;
    },
    /** Shows a failed request: its field errors and `message` (by default the common sentence for it). */
    failed(err: unknown, message: string = errorMessage(err)) {
      setFields(apiFieldErrors(err));
      setError(message);
    },
  };
}
