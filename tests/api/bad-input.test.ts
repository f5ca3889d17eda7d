// Bad input at every write endpoint: malformed JSON, non-object JSON, wrong types, out-of-range values,
// oversized strings and bodies, NUL bytes, unknown paths and a deterministic fuzz loop. The answer is a
// 4xx with the error shape, never a 500, and nothing is written. On both databases.
import { beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/server";
import type { Answer } from "../support/api-client";
import {
  expectError, expectStatus, lastSeq, newBoard, postClaim, postSignal, prng, rawRequest, uniqueSlug, useApp, type Member,
} from "../support/fixtures";

const LONG = "x".repeat(100_000);
const PASSWORD = "correct horse battery";
const BAD_QUANTITIES = ["5", "NaN", "Infinity", "1e3", "", -1, 0, -0.001, 1e12, 1_000_000_000.001, 1.0001, 0.0005, true, [], {}];

interface Endpoint {
  name: string;
  method: string;
  path: string;
  token: string | null;
  valid: Record<string, unknown>;
  bad: Array<[Record<string, unknown>, string]>; // [patch onto valid, field expected in error.fields]
}

describe.each(DB_KINDS)("bad input on %s", (kind) => {
  const h = useApp(kind);
  let slug: string, owner: Member, claimer: Member, other: Member, spec: { id: string }, signal: any, claim: any, org: any;
  let freeEmail: string, freeSlug: string, endpoints: Endpoint[];

  beforeAll(async () => {
    const b = await newBoard(h.api, { members: 2 });
    ({ slug, spec } = b);
    owner = b.steward;
    [claimer, other] = b.members as [Member, Member];
    signal = await postSignal(owner, slug, { kind: "need", resourceSpecId: spec.id, quantity: 10, title: "Visors" });
    claim = await postClaim(claimer, signal.id, 4);
    org = (await owner.api.post("/organizations", { name: "Owner org", kind: "hub" })).body;
    freeEmail = `free-${uniqueSlug()}@example.test`;
    freeSlug = uniqueSlug("free");
    const qty = (extra: object = {}) => BAD_QUANTITIES.map((q): [Record<string, unknown>, string] => [{ ...extra, quantity: q }, "quantity"]);
    const loc = (key: string): Array<[Record<string, unknown>, string]> => [
      [{ [key]: "Berlin" }, key], [{ [key]: { lat: "52", lng: 13 } }, `${key}.lat`], [{ [key]: { lat: 52 } }, `${key}.lng`],
      [{ [key]: { lat: 91, lng: 0 } }, `${key}.lat`], [{ [key]: { lat: 0, lng: -180.5 } }, `${key}.lng`],
      [{ [key]: { lat: 0, lng: 0, name: LONG } }, `${key}.name`],
    ];
    const dates = (key: string): Array<[Record<string, unknown>, string]> =>
      ["tomorrow", 1_700_000_000, "2025-01-01", "2025-01-01T10:00:00", "2025-02-30T00:00:00Z", ""].map((d) => [{ [key]: d }, key]);
    const auth = { email: owner.email, password: PASSWORD };
    endpoints = [
      { name: "POST /accounts", method: "POST", path: "/accounts", token: null, valid: { email: freeEmail, password: PASSWORD, name: "Free" },
        bad: [[{ email: LONG }, "email"], [{ email: "x@" }, "email"], [{ email: 5 }, "email"], [{ password: LONG }, "password"],
          [{ password: "short" }, "password"], [{ password: null }, "password"], [{ name: LONG }, "name"], [{ name: "  " }, "name"], [{ name: 5 }, "name"]] },
      { name: "POST /tokens", method: "POST", path: "/tokens", token: null, valid: auth,
        bad: [[{ email: "nope" }, "email"], [{ password: "" }, "password"], [{ password: LONG }, "password"], [{ password: 12 }, "password"], [{ label: LONG }, "label"]] },
      { name: "POST /sessions", method: "POST", path: "/sessions", token: null, valid: auth,
        bad: [[{ email: LONG }, "email"], [{ email: [] }, "email"], [{ password: LONG }, "password"], [{ password: {} }, "password"]] },
      { name: "POST /organizations", method: "POST", path: "/organizations", token: owner.token, valid: { name: "Org", kind: "hub" },
        bad: [[{ name: LONG }, "name"], [{ kind: "castle" }, "kind"], [{ kind: null }, "kind"], ...loc("location")] },
      { name: "POST /boards", method: "POST", path: "/boards", token: owner.token, valid: { slug: freeSlug, name: "Free board" },
        bad: [[{ slug: LONG }, "slug"], [{ slug: "Bad Slug" }, "slug"], [{ name: LONG }, "name"], [{ covenant: LONG }, "covenant"],
          [{ licence: LONG }, "licence"], [{ visibility: 5 }, "visibility"]] },
      { name: "POST /resource-specs", method: "POST", path: "/resource-specs", token: owner.token, valid: { name: "Spec", unit: "each" },
        bad: [[{ name: LONG }, "name"], [{ unit: LONG }, "unit"], [{ unit: "" }, "unit"], [{ category: LONG }, "category"],
          [{ designUrl: `https://example.org/${LONG}` }, "designUrl"], [{ designUrl: "javascript:alert(1)" }, "designUrl"], [{ licence: LONG }, "licence"]] },
      { name: "POST /boards/:slug/signals", method: "POST", path: `/boards/${slug}/signals`, token: owner.token,
        valid: { kind: "need", resourceSpecId: spec.id, quantity: 1 },
        bad: [...qty(), [{ quantity: null }, "quantity"], [{ kind: 1 }, "kind"], [{ kind: "NEED" }, "kind"], [{ resourceSpecId: "x" }, "resourceSpecId"],
          [{ resourceSpecId: 123 }, "resourceSpecId"], [{ title: LONG }, "title"], [{ title: 42 }, "title"], [{ note: LONG }, "note"],
          [{ note: {} }, "note"], ...loc("location"), ...dates("dueAt"), ...dates("availableFrom"), [{ onBehalfOf: "x" }, "onBehalfOf"]] },
      { name: "PATCH /signals/:id", method: "PATCH", path: `/signals/${signal.id}`, token: owner.token, valid: { title: "Renamed" },
        bad: [...qty(), [{ quantity: null }, "quantity"], [{ title: "" }, "title"], [{ title: LONG }, "title"], [{ note: LONG }, "note"],
          [{ note: 5 }, "note"], ...loc("location"), ...dates("dueAt"), [{ availableFrom: null }, "availableFrom"]] },
      { name: "POST /signals/:id/claims", method: "POST", path: `/signals/${signal.id}/claims`, token: other.token, valid: { quantity: 1 },
        bad: [...qty(), [{ quantity: null }, "quantity"], ...dates("promisedAt"), [{ note: LONG }, "note"], [{ onBehalfOf: "nope" }, "onBehalfOf"]] },
      { name: "POST /claims/:id/transition", method: "POST", path: `/claims/${claim.id}/transition`, token: claimer.token, valid: { to: "released" },
        bad: [...qty({ to: "released" }), [{ to: 5 }, "to"], [{ to: "RELEASED" }, "to"], [{ to: "" }, "to"], [{ to: null }, "to"]] },
    ];
  });

  const send = (e: Endpoint, raw: string, headers: Record<string, string> = {}) =>
    rawRequest(h.app.url, e.method, e.path, {
      headers: { "content-type": "application/json", ...(e.token ? { authorization: `Bearer ${e.token}` } : {}), ...headers },
      body: raw,
    });

  /** Everything a bad request could have touched, read back through the API. */
  async function snapshot() {
    const s = (await h.api.get(`/signals/${signal.id}`)).body;
    const { intensity: _i, intensityParts: _p, ...stable } = s;
    return {
      seq: await lastSeq(h.api, slug),
      signal: stable,
      me: (await owner.api.get("/me")).body,
      tokens: (await owner.api.get("/tokens")).body.items.length,
      boards: (await owner.api.get("/boards")).body.items.length,
      specs: (await h.api.get("/resource-specs")).body.items.length,
      signals: (await h.api.get(`/boards/${slug}/signals?status=open,claimed,fulfilled,withdrawn,expired`)).body.items.length,
      myClaims: (await other.api.get("/me/claims")).body.items.length,
    };
  }

  it("malformed JSON → 400 MALFORMED_JSON; JSON that is not an object → 400 VALIDATION_FAILED; nothing written", async () => {
    const before = await snapshot();
    for (const e of endpoints) {
      for (const raw of ["{", '{"quantity": 1', "{quantity: 1}", "{'a': 1}", "[1,]", '{"a":1}}', "nul", "\u0000", '{"a": 01}']) {
        expectError(await send(e, raw), 400, "MALFORMED_JSON");
      }
      for (const raw of ["[]", "[{}]", '"text"', "42", "null", "true"]) {
        const r = await send(e, raw);
        expectError(r, 400, "VALIDATION_FAILED");
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it("wrong types, missing fields, NaN-ish strings, bad quantities and 100 kB strings → 400 VALIDATION_FAILED with fields", async () => {
    const before = await snapshot();
    for (const e of endpoints) {
      for (const [patch, field] of e.bad) {
        const r = await send(e, JSON.stringify({ ...e.valid, ...patch }));
        expect(r.status, `${e.name} ${JSON.stringify(patch).slice(0, 80)} → ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`).toBe(400);
        expectError(r, 400, "VALIDATION_FAILED", [field]);
      }
      for (const key of Object.keys(e.valid)) {
        if (e.name.startsWith("PATCH")) continue; // every PATCH field is optional
        const { [key]: _gone, ...missing } = e.valid;
        expectError(await send(e, JSON.stringify(missing)), 400, "VALIDATION_FAILED", [key]);
      }
    }
    expectError(await send(endpoints.find((e) => e.name.startsWith("PATCH"))!, "{}"), 400, "VALIDATION_FAILED");
    expect(await snapshot()).toEqual(before);
    expectStatus(await h.api.post("/accounts", { email: freeEmail, password: PASSWORD, name: "Free" }), 201); // the email stayed free
  });

  it("a body over 256 kB → 413 PAYLOAD_TOO_LARGE, nothing written", async () => {
    const before = await snapshot();
    const big = JSON.stringify({ note: "y".repeat(300_000), quantity: 1 });
    for (const e of endpoints) expectError(await send(e, big), 413, "PAYLOAD_TOO_LARGE");
    expect(await snapshot()).toEqual(before);
  });

  it("a streamed (chunked) body over 256 kB without Content-Length → 413, also when its text is multi-byte", async () => {
    const e = endpoints.find((x) => x.name === "POST /boards/:slug/signals")!;
    for (const ch of ["y", "é", "😀"]) {
      const perChar = new TextEncoder().encode(ch).length;
      const bytes = new TextEncoder().encode(JSON.stringify({ ...e.valid, note: ch.repeat(Math.ceil(300_000 / perChar)) }));
      expect(bytes.length).toBeGreaterThan(256 * 1024);
      const body = new ReadableStream<Uint8Array>({ start(c) { c.enqueue(bytes); c.close(); } });
      const r = await rawRequest(h.app.url, "POST", e.path, {
        headers: { "content-type": "application/json", authorization: `Bearer ${owner.token}` }, body,
      });
      expect(r.status, `${ch}: ${bytes.length} bytes → ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`).toBe(413);
    }
  });

  it("NUL bytes in body text fields answer 4xx (or are accepted), never 500", async () => {
    const texts: Array<[string, Record<string, unknown>]> = [
      ["POST /accounts", { email: `nul-${uniqueSlug()}@example.test`, name: "a\u0000b" }],
      ["POST /tokens", { label: "cnc\u0000" }],
      ["POST /organizations", { name: "Org\u0000" }],
      ["POST /boards", { slug: uniqueSlug("nul"), name: "Nul\u0000board", covenant: "\u0000" }],
      ["POST /resource-specs", { name: "Spec\u0000", unit: "each" }],
      ["POST /boards/:slug/signals", { title: "Visors\u0000", note: "\u0000" }],
      ["PATCH /signals/:id", { note: "a\u0000" }],
      ["POST /signals/:id/claims", { note: "\u0000" }],
    ];
    const fails: string[] = [];
    for (const [name, patch] of texts) {
      const e = endpoints.find((x) => x.name === name)!;
      const r = await send(e, JSON.stringify({ ...e.valid, ...patch }));
      if (r.status >= 500) fails.push(`${name} → ${r.status}`);
    }
    expect(fails).toEqual([]);
  });

  it("NUL bytes and oddities in query strings and path segments answer 4xx, never 500", async () => {
    const paths = [
      "/resource-specs?q=%00", `/boards/${slug}/signals?q=%00`, `/boards/${slug}/signals?q=a%00b&kind=need`, "/boards/%00",
      "/boards/%00/signals", "/boards/%00/events", `/boards/${"a".repeat(5000)}`, "/boards/%E2%80%AE/signals",
      `/boards/${slug}/signals?cursor=%00`, `/boards/${slug}/signals?near=%00`, `/boards/${slug}/events?after=%00`,
    ];
    const fails: string[] = [];
    for (const p of paths) {
      const r = await h.api.get(p);
      if (r.status >= 500 || typeof r.body?.error?.code !== "string" && r.status >= 400) fails.push(`GET ${p.slice(0, 60)} → ${r.status}`);
    }
    const join = await other.api.post("/boards/%00/members");
    if (join.status >= 500) fails.push(`POST /boards/%00/members → ${join.status}`);
    expect(fails).toEqual([]);
  });

  it("dates outside what the database stores (year 0000) answer 400, never 500, and write nothing", async () => {
    const before = await snapshot();
    const cases: Array<[string, Record<string, unknown>]> = [
      ["POST /boards/:slug/signals", { dueAt: "0000-01-01T00:00:00Z" }],
      ["POST /boards/:slug/signals", { kind: "stock", availableUntil: "0000-06-01T00:00:00+01:00" }],
      ["PATCH /signals/:id", { dueAt: "0000-01-01T00:00:00Z" }],
      ["POST /signals/:id/claims", { promisedAt: "0000-01-01T00:00:00Z" }],
    ];
    const got: string[] = [];
    for (const [name, patch] of cases) {
      const e = endpoints.find((x) => x.name === name)!;
      const r = await send(e, JSON.stringify({ ...e.valid, ...patch }));
      got.push(`${name} ${JSON.stringify(patch)} → ${r.status} ${r.body?.error?.code ?? ""}`);
    }
    expect(got.filter((g) => !/→ 400 VALIDATION_FAILED$/.test(g))).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it("unknown /api/v1 paths answer 404 with the JSON error shape, for every method", async () => {
    for (const method of ["GET", "POST", "PATCH", "PUT", "DELETE"]) {
      for (const p of ["/whatever", "/boards/commons/whatever", `/signals/${signal.id}/bogus`, "/v2/boards"]) {
        const r = await rawRequest(h.app.url, method, p, { headers: { "content-type": "application/json" }, body: method === "GET" ? undefined : "{}" });
        expectError(r, 404, "NOT_FOUND");
        expect(r.headers.get("content-type")).toMatch(/application\/json/);
      }
    }
  });

  it("a method a known path does not support answers a JSON error, not an empty body", async () => {
    for (const [method, p] of [["PUT", "/boards"], ["DELETE", "/me"], ["PATCH", "/accounts"], ["GET", "/claims/x/transition"]]) {
      const r = await rawRequest(h.app.url, method!, p!, { headers: { "content-type": "application/json" }, body: method === "GET" ? undefined : "{}" });
      expect([404, 405], `${method} ${p} → ${r.status}`).toContain(r.status);
      expect(typeof r.body?.error?.code, `${method} ${p} → ${r.status} body ${JSON.stringify(r.body)}`).toBe("string");
    }
  });

  it("fuzz: 200 random JSON shapes at the write endpoints (seeded) never get a 500, and errors keep their shape", async () => {
    const rnd = prng(20_250_601);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const str = () => pick(["", " ", "a", "ü", "😀", "\u0000", "\ud800", "' OR 1=1 --", "<script>", "%00", "\\", "null", "1e309", "-0"]).repeat(1 + Math.floor(rnd() * 3));
    const value = (depth = 0): unknown => {
      switch (Math.floor(rnd() * (depth > 2 ? 6 : 9))) {
        case 0: return null;
        case 1: return rnd() < 0.5;
        case 2: return pick([0, -1, 1, 0.5, 1.0005, 1e9, 1e12, -1e-9, Number.MAX_SAFE_INTEGER, 3.14159]);
        case 3: return str();
        case 4: return pick(["need", "stock", "released", "delivered", "hub", spec.id, org.id, signal.id, "2025-06-01T12:00:00Z"]);
        case 5: return Math.floor(rnd() * 100);
        case 6: return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
        default: {
          const o: Record<string, unknown> = {};
          for (let i = Math.floor(rnd() * 5); i > 0; i--) {
            o[pick(["quantity", "kind", "to", "title", "note", "location", "lat", "lng", "name", "dueAt", "email", "password", "slug", "unit", "onBehalfOf", "__proto__", "constructor", str()])] = value(depth + 1);
          }
          return o;
        }
      }
    };
    const targets = [
      ...endpoints,
      { name: "POST join", method: "POST", path: `/boards/${slug}/members`, token: other.token },
      { name: "POST reinforce", method: "POST", path: `/signals/${signal.id}/reinforce`, token: other.token },
      { name: "POST refresh", method: "POST", path: `/signals/${signal.id}/refresh`, token: owner.token },
    ] as Endpoint[];
    const fails: string[] = [];
    for (let i = 0; i < 200; i++) {
      const e = pick(targets);
      const body = rnd() < 0.1 ? pick(["{", "[", '{"a":', "\u0000", "{}}"]) : JSON.stringify(rnd() < 0.5 ? { ...e.valid, ...(value() as object) } : value());
      const r: Answer = await send(e, body);
      const shapeOk = r.status < 400 || (typeof r.body?.error?.code === "string" && typeof r.body?.error?.message === "string");
      if (r.status >= 500 || !shapeOk) fails.push(`#${i} ${e.name} ${body.slice(0, 120)} → ${r.status} ${JSON.stringify(r.body).slice(0, 120)}`);
    }
    expect(fails).toEqual([]);
  });
});
