// Turns route handlers into thin adapters: parse (zod) -> call one service -> map the result or the error.
// Every error leaves as {"error": {code, message, fields}}; nothing a client sends can produce a 500.
import type { z } from "zod";
import { parse as parseCookies } from "cookie";
import { DomainError, fromZodError, isDomainError, toErrorBody } from "../domain/errors";
import type { Actor, ServiceContext } from "../services/context";
import { authenticate } from "../services/authenticate";
import { getRuntime } from "../runtime";
import { SESSION_COOKIE } from "./cookies";
import { checkSameOrigin, originPolicyOf } from "./same-origin";
import { log } from "../log";

const MAX_BODY_BYTES = 256 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ApiCall<P> {
  req: Request;
  params: P;
  ctx: ServiceContext;
  actor: Actor | null;
  ip: string;
  sessionSecret: string | null;
  /** Parses the JSON body with a schema; 400 with field errors when it does not fit. */
  body<S extends z.ZodType>(schema: S): Promise<z.output<S>>;
  /** Parses the query string with a schema. */
  query<S extends z.ZodType>(schema: S): z.output<S>;
  /** The body as UTF-8 text; only for routes that declare a text body (`api(fn, {textBody})`). */
  text(): Promise<string>;
}

/**
 * A route that takes a non-JSON body says so explicitly, with its own size limit (the CSV import, ADR 023).
 * Only media types that another site's HTML form cannot send (not text/plain, not form encodings) may be
 * declared, so the JSON-only rule's protection holds for these routes too; the origin check is unchanged.
 */
export interface ApiOptions {
  textBody?: { mediaType: "text/csv"; maxBytes: number };
  /** A JSON body limit below the general one, for routes anyone may call without an account (intake, ADR 032). */
  jsonMaxBytes?: number;
}

export function json(data: unknown, status = 200, headers?: HeadersInit) {
  return Response.json(data, { status, headers });
}

export function errorResponse(e: DomainError) {
  const headers: Record<string, string> = {};
  if (typeof e.extra?.retryAfterSeconds === "number")
    headers["Retry-After"] = String(e.extra.retryAfterSeconds);
  return json(toErrorBody(e), e.status, headers);
}

/** Route ids are UUIDs; anything else cannot name a row, so it is a plain 404 (never a database error). */
export function requireUuid(id: string, what = "resource"): string {
  if (!UUID.test(id)) throw new DomainError("NOT_FOUND", `No such ${what}`);
  return id;
}

/** The cookie's value; a value that is not valid percent-encoding is kept as sent (never a 500). */
function cookieValue(req: Request, name: string): string | null {
  const header = req.headers.get("cookie");
  if (!header) return null;
  return parseCookies(header)[name] || null;
}

/** Set by our HTTP server from the socket (or, with TRUST_PROXY, the proxy's header); never by a client. */
export const CLIENT_IP_HEADER = "x-sb-client-ip";

function clientIp(req: Request): string {
  return req.headers.get(CLIENT_IP_HEADER) ?? "unknown";
}

const tooLarge = (max: number) => new DomainError("PAYLOAD_TOO_LARGE", `Bodies are limited to ${max} bytes`);

/** Reads the body counting bytes as they arrive, so an oversized body is refused without buffering it. */
async function readText(req: Request, max = MAX_BODY_BYTES): Promise<string> {
  if (Number(req.headers.get("content-length") ?? 0) > max) throw tooLarge(max);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The media type says JSON (`application/json`, `application/problem+json`), parameters allowed. */
function isJsonMediaType(contentType: string | null): boolean {
  const type = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || /^application\/[\w.+-]+\+json$/.test(type);
}

/** The media type is exactly `type`, with no charset other than UTF-8 (the only one we decode). */
function isTextMediaType(contentType: string | null, type: string): boolean {
  const [media, ...params] = (contentType ?? "").split(";").map((p) => p.trim().toLowerCase());
  if (media !== type) return false;
  const charset = params.find((p) => p.startsWith("charset="))?.slice(8).replace(/"/g, "");
  return charset === undefined || charset === "utf-8" || charset === "utf8" || charset === "us-ascii";
}

function hasBody(req: Request): boolean {
  const length = req.headers.get("content-length");
  if (length !== null) return length.trim() !== "0";
  return req.headers.has("transfer-encoding");
}

/**
 * CSRF protection for writes (ADR 008). A browser request with a Bearer token cannot come from another
 * site (the header needs a CORS preflight we never grant), so only the others are checked: cookie
 * holders, and anonymous sign-ins/sign-ups (login CSRF). Bodies must be JSON for everyone, which is also
 * what keeps another site's plain HTML form from reaching a handler at all.
 */
function guardWrite(req: Request, bearer: string | null, textType?: string) {
  if (SAFE_METHODS.has(req.method)) return;
  if (!bearer) {
    const verdict = checkSameOrigin((name) => req.headers.get(name), originPolicyOf(getRuntime().config));
    if (!verdict.sameOrigin) {
      throw new DomainError("CROSS_ORIGIN_REQUEST", `Writes from another site are refused (${verdict.reason})`);
    }
  }
  if (textType) {
    if (hasBody(req) && !isTextMediaType(req.headers.get("content-type"), textType)) {
      throw new DomainError("UNSUPPORTED_MEDIA_TYPE", `This request body must be ${textType} in UTF-8: send Content-Type: ${textType}`);
    }
    return;
  }
  if (hasBody(req) && !isJsonMediaType(req.headers.get("content-type"))) {
    throw new DomainError("UNSUPPORTED_MEDIA_TYPE", "Request bodies must be JSON: send Content-Type: application/json");
  }
}

async function readJson(req: Request, max = MAX_BODY_BYTES): Promise<unknown> {
  const text = await readText(req, Math.min(max, MAX_BODY_BYTES));
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError("MALFORMED_JSON", "The request body is not valid JSON");
  }
}

export function api<P = Record<string, never>>(
  fn: (call: ApiCall<P>) => Promise<Response>,
  opts: ApiOptions = {},
): (req: Request, route: { params: Promise<P> }) => Promise<Response> {
  return async (req, route) => {
    try {
      const { ctx } = getRuntime();
      const params = (await route?.params) ?? ({} as P);
      const bearer = req.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null;
      guardWrite(req, bearer, opts.textBody?.mediaType);
      const sessionSecret = cookieValue(req, SESSION_COOKIE);
      const actor = await authenticate(ctx, { bearerToken: bearer, sessionSecret });
      // A Bearer token that does not resolve is an error, not an anonymous request: the machine must know.
      if (bearer && !actor) throw new DomainError("UNAUTHENTICATED", "The API token is invalid or revoked");
      const url = new URL(req.url);
      return await fn({
        req,
        params,
        ctx,
        actor,
        ip: clientIp(req),
        sessionSecret,
        async text() {
          if (!opts.textBody) throw new Error("text() needs the route to declare a textBody");
          return readText(req, opts.textBody.maxBytes);
        },
        async body(schema) {
          if (opts.textBody) throw new Error("body() reads JSON; this route declares a text body");
          const parsed = schema.safeParse(await readJson(req, opts.jsonMaxBytes));
          if (!parsed.success) throw fromZodError(parsed.error);
          return parsed.data;
        },
        query(schema) {
          const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
          if (!parsed.success) throw fromZodError(parsed.error);
          return parsed.data;
        },
      });
    } catch (e) {
      if (isDomainError(e)) return errorResponse(e);
      log.error({ err: e, url: req.url, method: req.method }, "unhandled error in API route");
      return errorResponse(new DomainError("INTERNAL", "Something went wrong on our side"));
    }
  };
}
