// The browser's one way to call API v1: same origin, JSON in and out, the session cookie along, and
// every non-2xx answer turned into an ApiError that forms can read field by field.
import type { ErrorBody } from "@/server/domain/dto";

export const API_BASE = "/api/v1";

export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached at all. */
  readonly status: number;
  /** The API's stable UPPER_SNAKE code, or HTTP_<status> / NETWORK_ERROR when the answer had none. */
  readonly code: string;
  /** Per-field messages keyed by dotted path ("location.lat"), as the API sends them. */
  readonly fields: Record<string, string[]>;
  /** The parsed error body, for codes that carry more (e.g. `remaining` on OVER_CLAIM). */
  readonly body: unknown;

  constructor(status: number, code: string, message: string, fields: Record<string, string[]> = {}, body: unknown = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.body = body;
  }

  /** An extra value the API put beside code and message, e.g. `detail("remaining")`. */
  detail(key: string): unknown {
    const err = (this.body as Partial<ErrorBody> | null)?.error;
    return err && typeof err === "object" ? (err as Record<string, unknown>)[key] : undefined;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

function isErrorBody(x: unknown): x is ErrorBody {
  if (!x || typeof x !== "object") return false;
  const err = (x as { error?: unknown }).error;
  return !!err && typeof err === "object" && typeof (err as { code?: unknown }).code === "string";
}

function cleanFields(raw: unknown): Record<string, string[]> {
  if (!raw || typeof raw !== "object") return {};
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (Array.isArray(value)) out[key] = value.map(String);
    else if (typeof value === "string") out[key] = [value];
  }
  return out;
}

/** Builds the ApiError for a non-2xx answer from its status and (possibly non-JSON) body. */
export function toApiError(status: number, statusText: string, body: unknown): ApiError {
  if (isErrorBody(body)) {
    const { code, message, fields } = body.error;
    return new ApiError(status, code, message || statusText || code, cleanFields(fields), body);
  }
  const fallback =
    status === 429
      ? "Too many requests, try again in a minute"
      : status >= 500
        ? "The server had a problem; try again"
        : statusText || `Request failed (${status})`;
  return new ApiError(status, `HTTP_${status}`, fallback, {}, body);
}

export interface ApiInit extends Omit<RequestInit, "body"> {
  /**
   * The request body, always sent as JSON with the JSON content type: the server refuses other bodies
   * (415), since a JSON content type is what another site's form cannot send (ADR 008).
   */
  json?: unknown;
}

/**
 * Calls `/api/v1${path}` and answers the parsed JSON (undefined for 204). Throws ApiError for any
 * non-2xx answer and for network failures (status 0), so callers only ever catch one kind of error.
 */
export async function apiFetch<T>(path: string, init: ApiInit = {}): Promise<T> {
  const { json, headers, ...rest } = init;
  const h = new Headers(headers);
  h.set("accept", "application/json");
  let body: string | undefined;
  if (json !== undefined) {
    h.set("content-type", "application/json");
    body = JSON.stringify(json);
  }
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}`, { ...rest, body, headers: h, credentials: "same-origin" });
  } catch (e) {
    if ((e as { name?: string })?.name === "AbortError") throw e;
    throw new ApiError(0, "NETWORK_ERROR", "Could not reach the server. Check your connection and try again.");
  }
  const text = res.status === 204 ? "" : await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!res.ok) throw toApiError(res.status, res.statusText, parsed ?? null);
  return parsed as T;
}

/** `?a=1&b=2` from an object, skipping undefined, null and empty values; "" when nothing is left. */
export function toQueryString(params: Record<string, string | number | undefined | null>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === "") continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : "";
}
