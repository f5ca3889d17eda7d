import { isApiError } from "@/components/api/client";
import { errorMessage } from "@/components/forms/form-errors";

/** The words for a failed sign-in or sign-up; never says whether the email or the password was wrong. */
export function signInErrorText(e: unknown): string {
  if (isApiError(e)) {
    if (e.status === 401 || e.code === "INVALID_CREDENTIALS") return "Email or password is wrong";
    if (e.status === 429) return `Too many attempts, try again ${waitText(e.body)}`;
  }
  return errorMessage(e);
}

/** "in a minute", or "in 40 minutes" for the longer per-address limits, from the answer's retryAfterSeconds. */
function waitText(body: unknown): string {
  const seconds = (body as { error?: { retryAfterSeconds?: unknown } } | null)?.error?.retryAfterSeconds;
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds <= 60) return "in a minute";
  return `in ${Math.ceil(seconds / 60)} minutes`;
}
