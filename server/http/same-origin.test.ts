import { describe, expect, it } from "vitest";
import { checkSameOrigin, requestOrigin, type OriginPolicy } from "./same-origin";
import { isWellFormedPath } from "./malformed-url";
import http from "node:http";
import { Socket } from "node:net";
import { securityHeaders, type SecurityHeaderOptions } from "./security-headers";

const direct: OriginPolicy = { publicOrigin: null, trustProxy: false };
const proxied: OriginPolicy = { publicOrigin: null, trustProxy: true };
const published: OriginPolicy = { publicOrigin: "https://board.example.org", trustProxy: false };
const headers = (h: Record<string, string>) => (name: string) => h[name];

describe("requestOrigin", () => {
  it("is the Host the request was sent to, over http, unless a trusted proxy or PUBLIC_URL says otherwise", () => {
    expect(requestOrigin(headers({ host: "127.0.0.1:3000" }), direct)).toBe("http://127.0.0.1:3000");
    expect(requestOrigin(headers({ host: "Board.Example.org:80" }), direct)).toBe("http://board.example.org");
    const fwd = { host: "10.0.0.5:3000", "x-forwarded-host": "board.example.org", "x-forwarded-proto": "https" };
    expect(requestOrigin(headers(fwd), direct)).toBe("http://10.0.0.5:3000");
    expect(requestOrigin(headers(fwd), proxied)).toBe("https://board.example.org");
    expect(requestOrigin(headers({ ...fwd, "x-forwarded-host": "a.example, b.example" }), proxied)).toBe("https://a.example");
    expect(requestOrigin(headers(fwd), published)).toBe("https://board.example.org");
  });

  it("is null for a Host that is not a host (paths, user info, spaces) or an unknown scheme", () => {
    for (const host of ["evil.example/x", "a@evil.example", "a b", "", "evil.example\\x", "x#y"]) {
      expect(requestOrigin(headers({ host }), direct), host).toBeNull();
    }
    expect(requestOrigin(headers({ host: "a.example", "x-forwarded-proto": "gopher" }), proxied)).toBeNull();
  });
});

describe("checkSameOrigin", () => {
  const ours = { host: "board.example.org" };
  it("lets Sec-Fetch-Site decide when the browser sent it", () => {
    expect(checkSameOrigin(headers({ ...ours, "sec-fetch-site": "same-origin" }), direct).sameOrigin).toBe(true);
    expect(checkSameOrigin(headers({ ...ours, "sec-fetch-site": "none" }), direct).sameOrigin).toBe(true);
    expect(checkSameOrigin(headers({ ...ours, "sec-fetch-site": "same-site" }), direct).sameOrigin).toBe(false);
    expect(checkSameOrigin(headers({ ...ours, "sec-fetch-site": "cross-site", origin: "http://board.example.org" }), direct).sameOrigin).toBe(false);
    // Behind a proxy that rewrites Host, the browser's own verdict still holds.
    expect(checkSameOrigin(headers({ host: "127.0.0.1:3000", "sec-fetch-site": "same-origin", origin: "https://board.example.org" }), direct).sameOrigin).toBe(true);
  });

  it("compares Origin with our origin otherwise", () => {
    expect(checkSameOrigin(headers({ ...ours, origin: "http://board.example.org" }), direct).sameOrigin).toBe(true);
    expect(checkSameOrigin(headers({ ...ours, origin: "http://board.example.org:80" }), direct).sameOrigin).toBe(true);
    for (const origin of ["https://board.example.org", "http://evil.example", "http://board.example.org:8080", "null", "", "http://board.example.org.evil.example"]) {
      const v = checkSameOrigin(headers({ ...ours, origin }), direct);
      expect(v.sameOrigin, origin).toBe(false);
      if (!v.sameOrigin) expect(v.reason).toContain("Origin");
    }
  });

  it("passes clients that send neither header (they are not browsers)", () => {
    expect(checkSameOrigin(headers(ours), direct).sameOrigin).toBe(true);
  });
});

describe("isWellFormedPath", () => {
  it("accepts decodable absolute paths whatever their query", () => {
    for (const p of ["/", "/api/v1/boards", "/boards/caf%C3%A9", "/x?q=%", "/x?%zz#%"]) expect(isWellFormedPath(p), p).toBe(true);
  });
  it("refuses broken percent-encoding in the path and targets that are not paths", () => {
    for (const p of ["/api/v1/sessions%c4", "/boards/%zz", "/%", "/a%e2%82", "http://evil.example/", "*", ""]) expect(isWellFormedPath(p), p).toBe(false);
  });
});

describe("securityHeaders", () => {
  const run = (opts: Partial<SecurityHeaderOptions>, headers: Record<string, string> = {}) => {
    const req = new http.IncomingMessage(new Socket());
    Object.assign(req.headers, headers);
    const res = new http.ServerResponse(req);
    securityHeaders({ dev: false, trustProxy: false, publicOrigin: null, ...opts })(req, res);
    return { req, csp: String(res.getHeader("content-security-policy")), hsts: res.getHeader("strict-transport-security") };
  };

  it("holds scripts to a fresh nonce, frames to none, and hands Next the same policy in the request", () => {
    const { req, csp, hsts } = run({}, { "content-security-policy": "script-src 'nonce-chosen'" });
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-(eval|inline)|upgrade-insecure-requests/);
    expect(req.headers["content-security-policy"]).toBe(csp);
    expect(hsts).toBeUndefined();
    expect(run({}).csp).not.toBe(csp);
  });

  it("lets images come from the map's tile server, exactly that origin, only when one is configured (ADR 029)", () => {
    expect(run({}).csp).toContain("img-src 'self' data: blob:;");
    const withTiles = run({ mapTileOrigin: "https://tiles.example.org" }).csp;
    expect(withTiles).toContain("img-src 'self' data: blob: https://tiles.example.org;");
    expect(withTiles).toContain("connect-src 'self';");
  });

  it("adds eval and inline styles only in development, HSTS and upgrades only over HTTPS", () => {
    expect(run({ dev: true }).csp).toContain("'unsafe-eval'");
    expect(run({ dev: true }).csp).toContain("style-src 'self' 'unsafe-inline'");
    const proxied = run({ trustProxy: true }, { "x-forwarded-proto": "https" });
    expect(proxied.hsts).toBe("max-age=31536000");
    expect(proxied.csp).toContain("upgrade-insecure-requests");
    expect(run({ trustProxy: false }, { "x-forwarded-proto": "https" }).hsts).toBeUndefined();
    expect(run({ publicOrigin: "https://board.example.org" }).hsts).toBe("max-age=31536000");
  });
});
