// Was this request sent by a page of our own origin? The answer protects cookie-authenticated writes and
// socket handshakes against other sites (CSRF, cross-site WebSocket hijacking). ADR 008 gives the reasons.
//
// 1. `Sec-Fetch-Site` (set by the browser, unforgeable by page scripts) decides when present: only
//    `same-origin` and `none` (the person typed or bookmarked the URL) pass.
// 2. Otherwise `Origin` must equal our origin: PUBLIC_URL's when configured, else the one the request was
//    addressed to (Host, or with TRUST_PROXY the proxy's X-Forwarded-Host/-Proto).
// 3. With neither header the client is not a browser (curl, scripts): nothing for another site to abuse.

export interface OriginPolicy {
  /** The origin the app is published at (from PUBLIC_URL), or null to take it from each request. */
  publicOrigin: string | null;
  /** Behind a reverse proxy: believe its X-Forwarded-Host and X-Forwarded-Proto. */
  trustProxy: boolean;
}

/** The policy from the app's configuration (PUBLIC_URL, TRUST_PROXY). */
export function originPolicyOf(config: { publicOrigin: string | null; TRUST_PROXY: number }): OriginPolicy {
  // TRUST_PROXY counts the proxies in front of us (0: none); any proxy of ours sets the forwarded host.
  return { publicOrigin: config.publicOrigin, trustProxy: config.TRUST_PROXY > 0 };
}

export type HeaderLookup = (name: string) => string | null | undefined;

export type OriginVerdict = { sameOrigin: true } | { sameOrigin: false; reason: string };

const PASSING_FETCH_SITES = new Set(["same-origin", "none"]);

/** `https://host:port` normalised (lower case, default port dropped), or null when it is not an origin. */
export function normaliseOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** The first value of a header that proxies may have appended to (`a, b`). */
function first(value: string | null | undefined): string | undefined {
  const v = value?.split(",")[0]?.trim();
  return v || undefined;
}

/** The origin this request was addressed to, as the browser saw it; null when the headers do not say. */
export function requestOrigin(header: HeaderLookup, policy: OriginPolicy): string | null {
  if (policy.publicOrigin) return policy.publicOrigin;
  const proto = (policy.trustProxy && first(header("x-forwarded-proto"))) || "http";
  const host = (policy.trustProxy && first(header("x-forwarded-host"))) || header("host");
  if (!host || !/^(https?)$/i.test(proto)) return null;
  // A Host with a path, user info or spaces is not a host: refuse rather than let URL() tidy it into one.
  if (/[\s/\\@?#]/.test(host)) return null;
  return normaliseOrigin(`${proto.toLowerCase()}://${host}`);
}

export function checkSameOrigin(header: HeaderLookup, policy: OriginPolicy): OriginVerdict {
  const site = header("sec-fetch-site");
  if (site) {
    return PASSING_FETCH_SITES.has(site.trim().toLowerCase())
      ? { sameOrigin: true }
      : { sameOrigin: false, reason: `Sec-Fetch-Site is ${site}` };
  }
  const origin = header("origin");
  if (origin === null || origin === undefined) return { sameOrigin: true };
  const expected = requestOrigin(header, policy);
  const actual = normaliseOrigin(origin);
  if (expected && actual === expected) return { sameOrigin: true };
  return { sameOrigin: false, reason: `Origin ${origin.slice(0, 100)} is not ${expected ?? "this site"}` };
}
