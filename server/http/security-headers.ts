// Security headers on every response the server sends: pages, API, static files, Socket.IO polling, the
// 503 while starting, 404s. They are set in one request listener that runs before anything else answers
// (app-server.ts), so no path can miss them. The policy and its reasons are in ADR 009.
import { randomBytes } from "node:crypto";
import type http from "node:http";

export interface SecurityHeaderOptions {
  /** Next in development mode needs eval for its tooling (React's call stacks, hot reload). */
  dev: boolean;
  /** Believe the proxy's X-Forwarded-Proto when deciding whether the request came over HTTPS. */
  trustProxy: boolean;
  /** The published origin (PUBLIC_URL): an https one means every page is served over HTTPS. */
  publicOrigin: string | null;
}

/** One year, the value HSTS preload lists ask for; no includeSubDomains: sibling hosts are not ours. */
export const HSTS = "max-age=31536000";

/**
 * The Content-Security-Policy for one response. Scripts run only with this response's nonce (Next puts it
 * on every script it renders, read from the request's CSP header) or when such a script loads them
 * ('strict-dynamic'). Everything else comes from our own origin; nothing may frame us.
 */
export function contentSecurityPolicy(nonce: string, opts: { dev: boolean; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    // No inline style attributes in server-rendered HTML: React sets the style props it renders in the
    // browser (the heat bar's width) through the CSSOM, which CSP does not restrict. Next's development
    // overlay and hot reload inject unnonced styles, so development allows inline styles (a nonce beside
    // 'unsafe-inline' would switch it off).
    opts.dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // 'self' covers ws:/wss: to our own host (CSP Level 3), which Socket.IO's WebSocket uses.
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
  ];
  if (opts.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

function firstValue(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s?.split(",")[0]?.trim().toLowerCase() || undefined;
}

/** Whether the browser reached us over HTTPS (directly, through a trusted proxy, or as published). */
export function cameOverHttps(req: http.IncomingMessage, opts: SecurityHeaderOptions): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  if (opts.publicOrigin?.startsWith("https:")) return true;
  return opts.trustProxy && firstValue(req.headers["x-forwarded-proto"]) === "https";
}

/** The headers every response carries whatever it is; CSP and HSTS depend on the request and come on top. */
export const FIXED_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  // frame-ancestors' predecessor, for browsers that predate CSP 2.
  "X-Frame-Options": "DENY",
  // Full URLs (board slugs, signal ids of members-only boards) stay on this site; other sites get nothing.
  "Referrer-Policy": "same-origin",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), payment=(), usb=(), geolocation=(self)",
};

/** For answers that are never a page (errors written before a request exists): nothing may load or frame. */
export const NON_DOCUMENT_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * A request listener that puts the headers on `res` and hands Next this response's nonce through the
 * request's own CSP header (where Next looks for it). Whatever CSP header the client sent is replaced:
 * a nonce the client chose would let it pick which scripts a page trusts.
 */
export function securityHeaders(opts: SecurityHeaderOptions) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const https = cameOverHttps(req, opts);
    const csp = contentSecurityPolicy(randomBytes(16).toString("base64"), { dev: opts.dev, https });
    req.headers["content-security-policy"] = csp;
    delete req.headers["content-security-policy-report-only"];
    res.setHeader("Content-Security-Policy", csp);
    for (const [name, value] of Object.entries(FIXED_HEADERS)) res.setHeader(name, value);
    if (https) res.setHeader("Strict-Transport-Security", HSTS);
  };
}
