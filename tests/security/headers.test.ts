// Security headers on every kind of response the server sends: pages, the API (served without Next),
// the API through Next, static files, 404s, Socket.IO's polling transport and its errors, the 400s for
// undecodable paths and for requests Node's parser refuses, and the 503 while the server starts. HSTS only
// when the browser reached us over HTTPS (a trusted proxy's X-Forwarded-Proto, or an https PUBLIC_URL).
import net from "node:net";
import { describe, expect, it } from "vitest";
import { startTestApp } from "../support/server";
import { useApp } from "../support/fixtures";

type Got = { status: number; headers: Headers; text: string };

async function get(url: string, init: RequestInit = {}): Promise<Got> {
  const res = await fetch(url, { redirect: "manual", ...init });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

function expectSecurityHeaders(r: Got, what: string) {
  const csp = r.headers.get("content-security-policy") ?? "";
  expect(csp, `${what}: CSP`).toContain("frame-ancestors 'none'");
  expect(csp, `${what}: CSP`).toMatch(/default-src '(self|none)'/);
  expect(r.headers.get("x-content-type-options"), `${what}: nosniff`).toBe("nosniff");
  expect(r.headers.get("referrer-policy"), `${what}: Referrer-Policy`).toBe("same-origin");
  expect(r.headers.get("x-frame-options"), `${what}: X-Frame-Options`).toBe("DENY");
}

/** Sends raw bytes (which fetch would refuse or tidy) and parses the status line and headers. */
function rawHttp(port: number, bytes: Buffer): Promise<Got> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const s = net.connect(port, "127.0.0.1", () => s.write(bytes));
    s.on("data", (c) => chunks.push(c));
    s.on("error", reject);
    s.on("end", () => {
      const all = Buffer.concat(chunks).toString("latin1");
      const [head = "", text = ""] = all.split("\r\n\r\n");
      const [statusLine = "", ...lines] = head.split("\r\n");
      const headers = new Headers();
      for (const l of lines) headers.append(l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1).trim());
      resolve({ status: Number(statusLine.split(" ")[1]), headers, text });
    });
  });
}

describe("security headers (pglite)", () => {
  const h = useApp("pglite");

  it("are on pages, with a nonce that every script of the page carries", async () => {
    for (const p of ["/", "/boards", "/boards/commons", "/sign-in", "/no-such-page"]) {
      const r = await get(h.app.url + p);
      expect([200, 404], p).toContain(r.status);
      expectSecurityHeaders(r, p);
      const csp = r.headers.get("content-security-policy")!;
      const nonce = csp.match(/script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/)?.[1];
      expect(nonce, csp).toBeTruthy();
      const scripts = [...r.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length, p).toBeGreaterThan(0);
      for (const s of scripts) expect(s, p).toContain(`nonce="${nonce}"`);
      for (const d of ["object-src 'none'", "base-uri 'self'", "form-action 'self'", "connect-src 'self'"]) expect(csp).toContain(d);
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).not.toContain("unsafe-eval");
      expect(r.headers.get("strict-transport-security"), "no HSTS over plain HTTP").toBeNull();
    }
  });

  it("are on API answers, through the API router and through Next, errors included", async () => {
    const cases: Array<[string, string, number]> = [
      ["GET", "/api/v1/boards", 200],
      ["HEAD", "/api/v1/boards", 200], // the router leaves HEAD to Next
      ["GET", "/api/v1/me", 401],
      ["GET", "/api/v1/no-such-endpoint", 404],
      ["PUT", "/api/v1/boards", 405],
      ["OPTIONS", "/api/v1/boards", 204],
    ];
    for (const [method, p, status] of cases) {
      const r = await get(h.app.url + p, { method });
      expect(r.status, `${method} ${p}`).toBe(status);
      expectSecurityHeaders(r, `${method} ${p}`);
    }
    const post = await get(`${h.app.url}/api/v1/accounts`, { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" });
    expect(post.status).toBe(415);
    expectSecurityHeaders(post, "415");
  });

  it("are on static files, with the right content types for nosniff", async () => {
    const page = await get(`${h.app.url}/`);
    const js = page.text.match(/src="(\/_next\/static\/[^"]+\.js)"/)?.[1];
    const css = page.text.match(/href="(\/_next\/static\/[^"]+\.css)"/)?.[1];
    expect(js && css).toBeTruthy();
    const script = await get(h.app.url + js);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    expectSecurityHeaders(script, js!);
    const style = await get(h.app.url + css);
    expect(style.headers.get("content-type")).toMatch(/text\/css/);
    expectSecurityHeaders(style, css!);
    const icon = await get(`${h.app.url}/icon.svg`);
    expect(icon.status).toBe(200);
    expectSecurityHeaders(icon, "/icon.svg");
  });

  it("are on Socket.IO's polling transport, its handshake and its errors", async () => {
    const handshake = await get(`${h.app.url}/socket.io/?EIO=4&transport=polling`);
    expect(handshake.status).toBe(200);
    expect(handshake.text).toMatch(/^0\{"sid"/);
    expectSecurityHeaders(handshake, "socket.io handshake");
    const bad = await get(`${h.app.url}/socket.io/?EIO=99&transport=polling`);
    expect(bad.status).toBe(400);
    expectSecurityHeaders(bad, "socket.io error");
  });

  it("are on the 400 for undecodable paths, and that 400 is JSON on the API", async () => {
    const api = await get(`${h.app.url}/api/v1/sessions%c4`);
    expect(api.status).toBe(400);
    expect(JSON.parse(api.text).error.code).toBe("MALFORMED_URL");
    expectSecurityHeaders(api, "/api/v1/sessions%c4");
    const page = await get(`${h.app.url}/boards/%zz`);
    expect(page.status).toBe(400);
    expectSecurityHeaders(page, "/boards/%zz");
  });

  it("are on the answer to a request Node's HTTP parser refuses", async () => {
    const r = await rawHttp(h.app.port, Buffer.from("GET /api/v1/boards?q=\xe9\x00 HTTP/1.1\r\nHost: x\r\n\r\n", "latin1"));
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error.code).toBe("MALFORMED_REQUEST");
    expectSecurityHeaders(r, "parser error");
    const huge = await rawHttp(h.app.port, Buffer.from(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`));
    expect(huge.status).toBe(431);
    expect(JSON.parse(huge.text).error.code).toBe("HEADERS_TOO_LARGE");
  });

  it("no HSTS for a client that merely claims HTTPS: X-Forwarded-Proto counts only with TRUST_PROXY", async () => {
    const r = await get(`${h.app.url}/`, { headers: { "x-forwarded-proto": "https" } });
    expect(r.headers.get("strict-transport-security")).toBeNull();
    expect(r.headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
  });
});

describe("HSTS behind a trusted proxy (pglite)", () => {
  const h = useApp("pglite", { env: { TRUST_PROXY: "true" } });
  it("is sent when the proxy says the browser came over HTTPS, and only then", async () => {
    const https = await get(`${h.app.url}/boards`, { headers: { "x-forwarded-proto": "https" } });
    expect(https.headers.get("strict-transport-security")).toBe("max-age=31536000");
    expect(https.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    const api = await get(`${h.app.url}/api/v1/boards`, { headers: { "x-forwarded-proto": "https" } });
    expect(api.headers.get("strict-transport-security")).toBe("max-age=31536000");
    const http = await get(`${h.app.url}/boards`, { headers: { "x-forwarded-proto": "http" } });
    expect(http.headers.get("strict-transport-security")).toBeNull();
  });
});

// One app for both settings: each adds only its own header or source, so they cannot mask each other.
const TILES = "https://tiles.example.org/osm/{z}/{x}/{y}.png";
describe("HSTS with an https PUBLIC_URL, and a map tile server (pglite)", () => {
  const h = useApp("pglite", { env: { PUBLIC_URL: "https://board.example.org", MAP_TILE_URL: TILES, MAP_TILE_ATTRIBUTION: "© Example tiles" } });
  it("is sent on every response", async () => {
    for (const p of ["/", "/api/v1/boards", "/socket.io/?EIO=4&transport=polling"]) {
      expect((await get(h.app.url + p)).headers.get("strict-transport-security"), p).toBe("max-age=31536000");
    }
  });

  it("lets images come from exactly the tile server's origin, and hands the map its template (ADR 029)", async () => {
    const page = await get(`${h.app.url}/coordinate?boards=commons`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("img-src 'self' data: blob: https://tiles.example.org;");
    expect(page.text).toContain("tiles.example.org/osm/{z}/{x}/{y}.png");
    expect(page.text).toContain("© Example tiles");
  });
});

describe("security headers while the server starts (pglite)", () => {
  it("are on the 503 answered before Next is ready", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const starting = startTestApp("pglite", { env: { PORT: String(port) } });
    let first: Got | null = null;
    // Poll until the port answers; the first answer comes while Next is still preparing.
    for (let i = 0; i < 3000 && !first; i++) {
      first = await get(`http://127.0.0.1:${port}/boards`).catch(() => null);
      if (!first) await new Promise((r) => setTimeout(r, 10));
    }
    const app = await starting;
    try {
      expect(first?.status, "the first answer is the 503 of a server still starting").toBe(503);
      expectSecurityHeaders(first!, "503 while starting");
      expect(JSON.parse(first!.text).error.code).toBe("STARTING");
    } finally {
      await app.stop();
    }
  });
});
