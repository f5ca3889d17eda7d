import { isApiError } from "@/components/api/client";
import { errorMessage } from "@/components/forms/form-errors";

/** The words for a failed sign-in; never says whether the email or the password was wrong. */
export function signInErrorText(e: unknown): string {
  if (isApiError(e)) {
    if (e.status === 401 || e.code === "INVALID_CREDENTIALS") return "Email or password is wrong";
    if (e.status === 429) return "Too many attempts, try again in a minute";
  }
  return errorMessage(e);
}
