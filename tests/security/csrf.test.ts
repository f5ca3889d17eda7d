// CSRF: every write a browser can make with our session cookie, bodiless ones included, refuses a request
// from another site (Origin or Sec-Fetch-Site), refuses a body that is not JSON (what an HTML form sends),
// writes nothing when it refuses, and still works from our own origin, with Bearer tokens from anywhere,
// and for clients that send neither header (curl). Sign-in and sign-up are covered too (login CSRF).
// On both databases: the refusal must leave every table as it was.
import { beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/server";
import { changedTables, fingerprint } from "../support/db-state";
import { expectError, newBoard, newMember, postClaim, postSignal, rawRequest, uniqueSlug, useApp, type Member } from "../support/fixtures";
import type { Answer } from "../support/api-client";

const EVIL = "https://evil.example";
const PASSWORD = "correct horse battery";

interface Write {
  method: string;
  path: string;
  /** JSON body; undefined for bodiless writes (join, refresh, reinforce, withdraw, sign-out, revoke). */
  body?: unknown;
  /** The session cookie to send; null for anonymous writes (sign-in, sign-up, token creation). */
  cookie: string | null;
  /** The same write with a Bearer token instead, for the "Bearer is unaffected" check. */
  token?: string;
  ok: number;
}

describe.each(DB_KINDS)("CSRF protection on %s", (kind) => {
  const h = useApp(kind);
  let me: Member & { cookie: string };
  let slug: string;
  let spec: { id: string };
  let steward: Member;

  async function signIn(m: { email: string }): Promise<string> {
    const r = await rawRequest(h.app.url, "POST", "/sessions", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: m.email, password: PASSWORD }),
    });
    expect(r.status).toBe(201);
    const cookie = r.headers.get("set-cookie")?.match(/sb_session=[^;]+/)?.[0];
    expect(cookie).toBeTruthy();
    return cookie!;
  }

  beforeAll(async () => {
    const b = await newBoard(h.api, { members: 0 });
    ({ slug, spec, steward } = b);
    const m = await newMember(h.api, { boards: [slug] });
    me = { ...m, cookie: await signIn(m) };
  });

  /** Each family of cookie-authenticated writes; `make` builds a fresh target so every variant can succeed. */
  const families: Array<[string, () => Promise<Write>]> = [
    ["sign-up POST /accounts", async () => ({
      method: "POST", path: "/accounts", cookie: null, ok: 201,
      body: { email: `${uniqueSlug("u")}@example.test`, password: PASSWORD, name: "New person" },
    })],
    ["sign-in POST /sessions", async () => ({ method: "POST", path: "/sessions", cookie: null, ok: 201, body: { email: me.email, password: PASSWORD } })],
    ["sign-out DELETE /sessions", async () => ({ method: "DELETE", path: "/sessions", cookie: await signIn(me), token: me.token, ok: 204 })],
    ["POST /tokens", async () => ({ method: "POST", path: "/tokens", cookie: null, ok: 201, body: { email: me.email, password: PASSWORD, label: "x" } })],
    ["revoke DELETE /tokens/:id", async () => {
      const t = await me.api.post("/tokens", { email: me.email, password: PASSWORD, label: "to revoke" });
      return { method: "DELETE", path: `/tokens/${t.body.id}`, cookie: me.cookie, token: me.token, ok: 204 };
    }],
    ["POST /organizations", async () => ({ method: "POST", path: "/organizations", cookie: me.cookie, token: me.token, ok: 201, body: { name: "Org", kind: "hub" } })],
    ["POST /boards", async () => ({
      method: "POST", path: "/boards", cookie: me.cookie, token: me.token, ok: 201, body: { slug: uniqueSlug(), name: "A board" },
    })],
    ["join POST /boards/:slug/members", async () => {
      const other = await newBoard(h.api);
      return { method: "POST", path: `/boards/${other.slug}/members`, cookie: me.cookie, token: me.token, ok: 201 };
    }],
    ["POST /resource-specs", async () => ({
      method: "POST", path: "/resource-specs", cookie: me.cookie, token: me.token, ok: 201, body: { name: uniqueSlug("spec"), unit: "kg" },
    })],
    ["POST /boards/:slug/signals", async () => ({
      method: "POST", path: `/boards/${slug}/signals`, cookie: me.cookie, token: me.token, ok: 201,
      body: { kind: "need", resourceSpecId: spec.id, quantity: 5, title: "Visors" },
    })],
    ["PATCH /signals/:id", async () => {
      const s = await postSignal(me, slug, { kind: "need", resourceSpecId: spec.id, quantity: 5 });
      return { method: "PATCH", path: `/signals/${s.id}`, cookie: me.cookie, token: me.token, ok: 200, body: { title: "Renamed" } };
    }],
    ["refresh POST /signals/:id/refresh", async () => {
      const s = await postSignal(me, slug, { kind: "need", resourceSpecId: spec.id, quantity: 5 });
      return { method: "POST", path: `/signals/${s.id}/refresh`, cookie: me.cookie, token: me.token, ok: 200 };
    }],
    ["reinforce POST /signals/:id/reinforce", async () => {
      const s = await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: 5 });
      return { method: "POST", path: `/signals/${s.id}/reinforce`, cookie: me.cookie, token: me.token, ok: 200 };
    }],
    ["withdraw POST /signals/:id/withdraw", async () => {
      const s = await postSignal(me, slug, { kind: "need", resourceSpecId: spec.id, quantity: 5 });
      return { method: "POST", path: `/signals/${s.id}/withdraw`, cookie: me.cookie, token: me.token, ok: 200 };
    }],
    ["claim POST /signals/:id/claims", async () => {
      const s = await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: 5 });
      return { method: "POST", path: `/signals/${s.id}/claims`, cookie: me.cookie, token: me.token, ok: 201, body: { quantity: 2 } };
    }],
    ["transition POST /claims/:id/transition", async () => {
      const s = await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: 5 });
      const c = await postClaim(me, s.id, 1);
      return { method: "POST", path: `/claims/${c.id}/transition`, cookie: me.cookie, token: me.token, ok: 200, body: { to: "in_progress" } };
    }],
  ];

  function send(w: Write, headers: Record<string, string>, body?: string | ReadableStream<Uint8Array>): Promise<Answer> {
    const h2: Record<string, string> = { ...headers };
    if (w.cookie) h2.cookie = w.cookie;
    const raw = body ?? (w.body === undefined ? undefined : JSON.stringify(w.body));
    if (raw !== undefined && body === undefined) h2["content-type"] = "application/json";
    return rawRequest(h.app.url, w.method, w.path, { headers: h2, body: raw });
  }

  it.each(families)("%s: another site's request is refused (403), a non-JSON body is refused (415), nothing is written", async (_, make) => {
    const w = await make();
    const before = await fingerprint(h.app.db.prisma);
    const crossSite: Array<[string, Record<string, string>]> = [
      ["Origin of another site", { origin: EVIL }],
      ["Origin: null (sandboxed frame)", { origin: "null" }],
      ["Origin on another port of our host", { origin: h.app.url.replace(/:(\d+)$/, (_m, p) => `:${Number(p) + 1}`) }],
      ["Origin with our host over https", { origin: h.app.url.replace("http:", "https:") }],
      ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
      ["Sec-Fetch-Site: same-site (a sibling subdomain)", { "sec-fetch-site": "same-site" }],
      ["Sec-Fetch-Site: cross-site beside our own Origin", { "sec-fetch-site": "cross-site", origin: h.app.url }],
    ];
    for (const [what, headers] of crossSite) {
      const r = await send(w, headers);
      expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBe(403);
      expectError(r, 403, "CROSS_ORIGIN_REQUEST");
    }
    // An HTML form from another site posts text/plain, urlencoded or multipart bodies, with our cookie.
    const sameOrigin = { origin: h.app.url, "sec-fetch-site": "same-origin" };
    const forms: Array<[string, string | undefined]> = [
      ["text/plain", "text/plain"],
      ["form-urlencoded", "application/x-www-form-urlencoded"],
      ["multipart", "multipart/form-data; boundary=x"],
      ["no content type at all", undefined],
      ["json look-alike", "application/jsonx"],
    ];
    for (const [what, type] of forms) {
      const text = JSON.stringify(w.body ?? {});
      // fetch labels a string body text/plain by itself; a stream body goes out with no type at all.
      const body = type ? text : new Blob([text]).stream();
      const r = await send(w, { ...sameOrigin, ...(type ? { "content-type": type } : {}) }, body);
      expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBe(415);
      expectError(r, 415, "UNSUPPORTED_MEDIA_TYPE");
    }
    expect(changedTables(before, await fingerprint(h.app.db.prisma))).toEqual([]);

    // The same write from our own pages passes: with the browser's Sec-Fetch-Site, and with Origin alone
    // (browsers send no Sec-Fetch-Site to plain-HTTP hosts other than localhost).
    const ok = await send(w, { origin: h.app.url });
    expect(ok.status, JSON.stringify(ok.body)).toBe(w.ok);
    const again = await make();
    const ok2 = await send(again, sameOrigin);
    expect(ok2.status, JSON.stringify(ok2.body)).toBe(again.ok);
  });

  it.each(families.filter(([name]) => !/sign-up|sign-in|POST \/tokens/.test(name)))(
    "%s: a Bearer token works whatever the Origin and Sec-Fetch-Site",
    async (_, make) => {
      const w = await make();
      const r = await send({ ...w, cookie: null }, { authorization: `Bearer ${w.token}`, origin: EVIL, "sec-fetch-site": "cross-site" });
      expect(r.status, JSON.stringify(r.body)).toBe(w.ok);
    },
  );

  it("a cookie client that sends neither Origin nor Sec-Fetch-Site (curl, scripts) can still write", async () => {
    const w = await families.find(([n]) => n.startsWith("join"))![1]();
    expect((await send(w, {})).status).toBe(201);
    const signal = await families.find(([n]) => n.startsWith("POST /boards/:slug/signals"))![1]();
    expect((await send(signal, {})).status).toBe(201);
  });

  it("a refused sign-out leaves the session signed in; an accepted one ends it", async () => {
    const cookie = await signIn(me);
    const out = await rawRequest(h.app.url, "DELETE", "/sessions", { headers: { cookie, origin: EVIL } });
    expectError(out, 403, "CROSS_ORIGIN_REQUEST");
    expect(out.headers.get("set-cookie")).toBeNull();
    expect((await rawRequest(h.app.url, "GET", "/me", { headers: { cookie } })).status).toBe(200);
    const ok = await rawRequest(h.app.url, "DELETE", "/sessions", { headers: { cookie, origin: h.app.url } });
    expect(ok.status).toBe(204);
    expect((await rawRequest(h.app.url, "GET", "/me", { headers: { cookie } })).status).toBe(401);
  });

  it("reads are not affected: a cross-site GET still answers (the browser keeps the answer from the other site)", async () => {
    const r = await rawRequest(h.app.url, "GET", "/me", { headers: { cookie: me.cookie, origin: EVIL, "sec-fetch-site": "cross-site" } });
    expect(r.status).toBe(200);
    // And no CORS grant lets the other site read it.
    expect(r.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("JSON media types with parameters or a +json suffix are accepted", async () => {
    for (const type of ["application/json; charset=utf-8", "Application/JSON", "application/merge-patch+json"]) {
      const w = await families.find(([n]) => n.startsWith("POST /organizations"))![1]();
      const r = await rawRequest(h.app.url, "POST", w.path, {
        headers: { cookie: me.cookie, origin: h.app.url, "content-type": type },
        body: JSON.stringify(w.body),
      });
      expect(r.status, `${type}: ${JSON.stringify(r.body)}`).toBe(201);
    }
  });
});

describe("CSRF protection behind a proxy and with PUBLIC_URL (pglite)", () => {
  describe("TRUST_PROXY=true", () => {
    const h = useApp("pglite", { env: { TRUST_PROXY: "true" } });
    it("takes our origin from X-Forwarded-Host and -Proto", async () => {
      const body = JSON.stringify({ email: `${uniqueSlug("p")}@example.test`, password: PASSWORD, name: "Proxied" });
      const headers = { "content-type": "application/json", "x-forwarded-host": "board.example.org", "x-forwarded-proto": "https" };
      const ok = await rawRequest(h.app.url, "POST", "/accounts", { headers: { ...headers, origin: "https://board.example.org" }, body });
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
      const wrongScheme = await rawRequest(h.app.url, "POST", "/accounts", { headers: { ...headers, origin: "http://board.example.org" }, body });
      expectError(wrongScheme, 403, "CROSS_ORIGIN_REQUEST");
      const direct = await rawRequest(h.app.url, "POST", "/accounts", { headers: { "content-type": "application/json", origin: "https://board.example.org" }, body });
      expectError(direct, 403, "CROSS_ORIGIN_REQUEST");
    });
  });

  describe("TRUST_PROXY=false", () => {
    const h = useApp("pglite");
    it("ignores X-Forwarded-Host, which any client can send", async () => {
      const body = JSON.stringify({ email: `${uniqueSlug("p")}@example.test`, password: PASSWORD, name: "Direct" });
      const r = await rawRequest(h.app.url, "POST", "/accounts", {
        headers: { "content-type": "application/json", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", origin: EVIL },
        body,
      });
      expectError(r, 403, "CROSS_ORIGIN_REQUEST");
    });
  });

  describe("PUBLIC_URL", () => {
    const h = useApp("pglite", { env: { PUBLIC_URL: "https://board.example.org/" } });
    it("accepts exactly the published origin, whatever the Host header says", async () => {
      const body = () => JSON.stringify({ email: `${uniqueSlug("p")}@example.test`, password: PASSWORD, name: "Published" });
      const ok = await rawRequest(h.app.url, "POST", "/accounts", { headers: { "content-type": "application/json", origin: "https://board.example.org" }, body: body() });
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
      // The Host the request was sent to is no longer enough: a rebound DNS name would pass that test.
      const hostOnly = await rawRequest(h.app.url, "POST", "/accounts", { headers: { "content-type": "application/json", origin: h.app.url }, body: body() });
      expectError(hostOnly, 403, "CROSS_ORIGIN_REQUEST");
    });
  });
});
