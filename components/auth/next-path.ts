// Where to go after signing in or up. Only a path on this site is accepted: a `?next=` that points
// elsewhere ("//evil.example", "https://…", "javascript:…") would turn our sign-in page into a
// phishing redirector.
export const DEFAULT_AFTER_AUTH = "/boards/commons";

export function safeNextPath(next: string | string[] | undefined | null): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value || typeof value !== "string") return DEFAULT_AFTER_AUTH;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return DEFAULT_AFTER_AUTH;
  if (/[\u0000-\u001f]/.test(value)) return DEFAULT_AFTER_AUTH;
  // Coming back to the sign-in pages themselves would be a loop.
  if (/^\/sign-(in|up)(?:[/?#]|$)/.test(value)) return DEFAULT_AFTER_AUTH;
  return value;
}
