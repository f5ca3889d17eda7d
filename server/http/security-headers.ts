// Security headers on every response the server sends: pages, API, static files, Socket.IO polling, the
// 503 while starting, 404s, parser errors. They are set by one request listener that runs before anything
// else answers (app-server.ts), so no path can miss them. The headers themselves come from helmet; the
// policy and its reasons are in ADR 009.
import { randomBytes } from "node:crypto";
import http from "node:http";
import { Socket } from "node:net";
import helmet from "helmet";

export interface SecurityHeaderOptions {
  /** Next in development mode needs eval and inline styles for its tooling (overlay, hot reload). */
  dev: boolean;
  /** Believe the proxy's X-Forwarded-Proto when deciding whether the request came over HTTPS. */
  trustProxy: boolean;
  /** The published origin (PUBLIC_URL): an https one means every page is served over HTTPS. */
  publicOrigin: string | null;
  /** The map's tile server (MAP_TILE_URL's origin), the one other origin images may come from (ADR 029). */
  mapTileOrigin?: string | null;
}

/** One year; no includeSubDomains (sibling hosts are not necessarily ours) and no preload. */
export const HSTS_MAX_AGE_SECONDS = 31_536_000;

type Listener = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const nonces = new WeakMap<http.ServerResponse, string>();
const nonceSource = (_req: http.IncomingMessage, res: http.ServerResponse) => `'nonce-${nonces.get(res)}'`;

/**
 * The headers for one kind of response. Scripts run only with the response's nonce (Next puts it on every
 * script it renders, read from the request's CSP header) or when such a script loads them
 * ('strict-dynamic'). Everything else comes from our own origin; nothing may frame us.
 */
function helmetFor(dev: boolean, https: boolean, tileOrigin: string | null) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", nonceSource, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
        // No inline style attributes in server-rendered HTML: React sets the style props it renders in
        // the browser (the heat bar's width) through the CSSOM, which CSP does not restrict. Next's
        // development overlay injects unnonced styles (a nonce beside 'unsafe-inline' would void it).
        "style-src": dev ? ["'self'", "'unsafe-inline'"] : ["'self'", nonceSource],
        "img-src": ["'self'", "data:", "blob:", ...(tileOrigin ? [tileOrigin] : [])],
        "font-src": ["'self'"],
        // 'self' covers ws:/wss: to our own host (CSP Level 3), which Socket.IO's WebSocket uses.
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "frame-src": ["'none'"],
        "worker-src": ["'self'", "blob:"],
        "manifest-src": ["'self'"],
        ...(https ? { "upgrade-insecure-requests": [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: false } : false,
    // Full URLs (board slugs, signal ids of members-only boards) stay on this site; other sites get none.
    referrerPolicy: { policy: "same-origin" },
    xFrameOptions: { action: "deny" },
    crossOriginOpenerPolicy: { policy: "same-origin" },
    crossOriginResourcePolicy: { policy: "same-origin" },
  });
}

/** Whether the browser reached us over HTTPS (directly, through a trusted proxy, or as published). */
export function cameOverHttps(req: http.IncomingMessage, opts: SecurityHeaderOptions): boolean {
  if ((req.socket as { encrypted?: boolean } | null)?.encrypted) return true;
  if (opts.publicOrigin?.startsWith("https:")) return true;
  const proto = req.headers["x-forwarded-proto"];
  const first = (Array.isArray(proto) ? proto[0] : proto)?.split(",")[0]?.trim().toLowerCase();
  return opts.trustProxy && first === "https";
}

/**
 * A request listener that puts the headers on `res` and hands Next this response's nonce through the
 * request's own CSP header (where Next looks for it). Whatever CSP header the client sent is replaced:
 * a nonce the client chose would let it pick which scripts a page trusts.
 */
export function securityHeaders(opts: SecurityHeaderOptions): Listener {
  const overHttps = helmetFor(opts.dev, true, opts.mapTileOrigin ?? null);
  const overHttp = helmetFor(opts.dev, false, opts.mapTileOrigin ?? null);
  return (req, res) => {
    nonces.set(res, randomBytes(16).toString("base64"));
    (cameOverHttps(req, opts) ? overHttps : overHttp)(req, res, (err) => {
      if (err) throw err; // a policy helmet refuses is a programming error: fail loudly
    });
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), payment=(), usb=(), geolocation=(self)");
    req.headers["content-security-policy"] = String(res.getHeader("content-security-policy"));
    delete req.headers["content-security-policy-report-only"];
  };
}

/** The same headers for an answer written before any request exists (Node's parser refused it). */
export function headersWithoutRequest(opts: SecurityHeaderOptions): Record<string, string> {
  const req = new http.IncomingMessage(new Socket());
  const res = new http.ServerResponse(req);
  securityHeaders(opts)(req, res);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.getHeaders())) out[name] = String(value);
  return out;
}
