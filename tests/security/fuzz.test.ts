// Property-based fuzzing of the whole HTTP surface, as an attacker would try it: every API route (found in
// app/api the way the API router finds them, so a new route is fuzzed without editing this file) and every
// page, with generated paths (real ids and junk, broken percent-encodings), methods, query strings,
// headers (cookies, tokens, origins, Next's own request headers) and bodies. What must hold:
// - never a 5xx;
// - an API error keeps the JSON error shape with an UPPER_SNAKE code;
// - a refused request (3xx/4xx) writes nothing: every table's fingerprint is unchanged.
// The seed is random each run (fast-check prints it on failure); FUZZ_SEED and FUZZ_RUNS replay or extend.
import fs from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadApiRoutes } from "../../server/http/api-router";
import { changedTables, fingerprint, type Fingerprint } from "../support/db-state";
import { newBoard, newMember, postClaim, postSignal, rawRequest, uniqueSlug, useApp, type Member } from "../support/fixtures";
import { DB_KINDS } from "../support/server";

const APP_DIR = path.resolve(import.meta.dirname, "../../app");
const RUNS: Record<string, number> = { pglite: 400, postgres: 250 };
const PASSWORD = "correct horse battery";

interface Target {
  pattern: string;
  methods: string[];
  api: boolean;
}

/** Every API route with its methods (from the route modules) and every page (from page.tsx files). */
async function targets(): Promise<Target[]> {
  const api = (await loadApiRoutes(APP_DIR)).map((r) => ({ pattern: r.pattern, methods: Object.keys(r.handlers), api: true }));
  const files = await fs.readdir(APP_DIR, { recursive: true });
  const pages = files
    .filter((f) => f.endsWith("page.tsx") && !f.startsWith("api"))
    .map((f) => ({ pattern: "/" + path.dirname(f).split(path.sep).filter((s) => s !== ".").join("/"), methods: ["GET"], api: false }));
  return [...api, ...pages];
}

interface Fixture {
  /** Real ids and slugs, by the path segment that names their kind (`signals`, `boards`...). */
  real: Record<string, string[]>;
  /** The fixture member's credentials as the generator writes them: placeholders filled in at send time. */
  cookie: string;
  token: string;
  email: string;
}

// The fuzzer signs its member out and revokes its tokens now and then; requests carry placeholders that
// are replaced by the member's current credentials, renewed after each sign-out or revocation.
const SESSION = "@@SESSION@@";
const TOKEN = "@@TOKEN@@";

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | null;
}

/** A raw request: node:http sends the path exactly as generated (fetch would normalise it). */
function send(base: URL, generated: FuzzRequest, creds: { session: string; token: string }): Promise<{ status: number; type: string; text: string }> {
  const fill = (v: string) => v.replaceAll(SESSION, creds.session).replaceAll(TOKEN, creds.token);
  const r = { ...generated, headers: Object.fromEntries(Object.entries(generated.headers).map(([k, v]) => [k, fill(v)])) };
  return new Promise((resolve, reject) => {
    // Framed with Content-Length: node frames no body of GET, DELETE or OPTIONS by itself, and unframed
    // bytes would reach the server as a second, garbled request.
    const headers = r.body === null ? r.headers : { ...r.headers, "content-length": String(Buffer.byteLength(r.body)) };
    const req = http.request(
      { host: base.hostname, port: base.port, method: r.method, path: r.path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"] ?? ""), text: Buffer.concat(chunks).toString() }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(r.body ?? undefined);
  });
}

// ---- generators -------------------------------------------------------------------------------------

const printable = fc.string({ unit: fc.constantFrom(..."abcXYZ019 -_.~!$&'()*+,;=:@/?#[]%\"<>\\^`{|}é".split("")), maxLength: 24 });
const brokenEscapes = fc.constantFrom("%", "%c4", "%zz", "%e2%82", "%ff%fe", "%00", "%2F", "%25", "%%", "%u0041", "%C0%AF");
const junkSegment = fc.oneof(
  printable.map((s) => encodeURIComponent(s)),
  printable.map((s) => s.replaceAll(" ", "+")), // raw, as typed (a request line cannot hold a space)
  brokenEscapes,
  fc.tuple(printable, brokenEscapes).map(([a, b]) => encodeURIComponent(a) + b),
  fc.constantFrom("..", ".", "", "a".repeat(3000), "commons", "00000000-0000-0000-0000-000000000000"),
);
const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 });

function requestArb(all: Target[], fx: Fixture, base: string): fc.Arbitrary<FuzzRequest> {
  const everyReal = Object.values(fx.real).flat();
  /** Real values for a parameter: ids of the kind the preceding segment names (signals/[id] -> signals). */
  const realFor = (previous: string) => fc.constantFrom(...(fx.real[previous] ?? everyReal));
  const segment = (previous: string, real: boolean) =>
    real ? realFor(previous) : fc.oneof({ weight: 3, arbitrary: realFor(previous) }, { weight: 2, arbitrary: junkSegment });
  const pathFor = (t: Target, real: boolean) => {
    const parts = t.pattern.split("/").filter(Boolean);
    return fc
      .tuple(
        ...parts.map((s, i) =>
          s.startsWith("[...")
            ? fc.array(segment("", real), { minLength: 1, maxLength: 3 }).map((xs) => xs.join("/"))
            : s.startsWith("[")
              ? segment(parts[i - 1] ?? "", real)
              : fc.constant(s),
        ),
      )
      .map((xs) => "/" + xs.join("/"));
  };
  const queryKey = fc.oneof(
    fc.constantFrom("kind", "status", "q", "near", "radiusKm", "sort", "limit", "cursor", "after", "resourceSpecId", "next", "_rsc", "__proto__"),
    junkSegment,
  );
  const queryValue = fc.oneof(
    fc.constantFrom("need", "stock", "open,claimed", "intensity", "distance", "52.5,13.4", "-1", "1e309", "NaN", "0", "99999999999"),
    junkSegment,
  );
  const query = fc.oneof(
    { weight: 2, arbitrary: fc.constant("") },
    { weight: 3, arbitrary: fc.array(fc.tuple(queryKey, queryValue), { maxLength: 4 }).map((kv) => "?" + kv.map(([k, v]) => `${k}=${v}`).join("&")) },
    { weight: 1, arbitrary: fc.constantFrom("?", "?&&", "?=", "?a", "?%", "?q=%", "?limit=%zz&limit=2") },
  );
  const cookie = fc.oneof(
    fc.constant(fx.cookie),
    fc.constantFrom("sb_session=%", "sb_session=%zz", "sb_session=", "sb_session", "=;=;", "sb_session=a; sb_session=b", `${fx.cookie}; sb_session=%`),
    headerValue.map((v) => `sb_session=${v}`),
    headerValue,
  );
  const hostileHeaders = fc.record(
    {
      "content-type": fc.oneof(
        fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data", ""),
        headerValue,
      ),
      cookie,
      authorization: fc.oneof(fc.constant(`Bearer ${fx.token}`), fc.constantFrom("Bearer", "Bearer ", "Basic Zm9vOmJhcg==", "Bearer sbt_%"), headerValue.map((v) => `Bearer ${v}`)),
      origin: fc.oneof(fc.constantFrom(base, "https://evil.example", "null", "", "http://"), headerValue),
      "sec-fetch-site": fc.oneof(fc.constantFrom("same-origin", "cross-site", "same-site", "none"), headerValue),
      "x-forwarded-for": headerValue,
      "x-forwarded-host": headerValue,
      "x-forwarded-proto": fc.oneof(fc.constantFrom("https", "http", "gopher"), headerValue),
      accept: fc.oneof(fc.constantFrom("text/html", "application/json", "text/x-component", "*/*"), headerValue),
      "accept-language": headerValue,
      // Next's own request headers: router state, RSC and prefetch flags, server actions.
      rsc: fc.constantFrom("1", "0", "x"),
      "next-router-state-tree": fc.oneof(fc.constantFrom("%5B%5D", "[", "%", "%5B%22%22%5D"), headerValue),
      "next-router-prefetch": fc.constantFrom("1", "2", "3", "x"),
      "next-action": headerValue,
      "next-url": headerValue,
      "content-security-policy": fc.oneof(fc.constantFrom("script-src 'nonce-chosen'", "default-src *"), headerValue),
    },
    { requiredKeys: [] },
  );
  // A well-behaved client (JSON, a valid credential, our own origin) with a few odd extras, so requests
  // also reach the handlers and their rules rather than stopping at the first guard.
  const politeHeaders = fc
    .tuple(
      fc.constantFrom<Record<string, string>>(
        { cookie: fx.cookie, origin: base, "sec-fetch-site": "same-origin" },
        { cookie: fx.cookie },
        { authorization: `Bearer ${fx.token}` },
        { authorization: `Bearer ${fx.token}`, origin: "https://evil.example" },
        {},
      ),
      fc.record({ accept: hostileHeaders.map((h) => h.accept), "accept-language": headerValue, "x-forwarded-for": headerValue }, { requiredKeys: [] }),
    )
    .map(([auth, extra]) => JSON.parse(JSON.stringify({ "content-type": "application/json", ...extra, ...auth })) as Record<string, string>);
  const headers = fc.oneof({ weight: 2, arbitrary: hostileHeaders }, { weight: 3, arbitrary: politeHeaders });

  const everyId = fc.constantFrom(...everyReal);
  const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), everyId, fc.constantFrom(fx.email, PASSWORD, "need", "stock", "released", "hub"), fc.integer(), fc.double());
  const bodyObject = fc.dictionary(
    fc.oneof(fc.constantFrom("quantity", "kind", "to", "title", "note", "location", "dueAt", "email", "password", "name", "slug", "unit", "resourceSpecId", "onBehalfOf", "visibility", "label", "__proto__"), fc.string({ maxLength: 8 })),
    value,
    { maxKeys: 6 },
  );
  // Bodies each route would accept, so that requests get past validation to the rules (over-claims,
  // transitions, duplicates, wrong owner) and some writes succeed.
  const n = fc.nat({ max: 1_000_000 });
  const spec = fx.real["resource-specs"]![0]!;
  const valid: Array<[RegExp, fc.Arbitrary<Record<string, unknown>>]> = [
    [/\/claims$/, fc.record({ quantity: fc.integer({ min: 1, max: 30 }), note: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }) }, { requiredKeys: ["quantity"] })],
    [/\/transition$/, fc.record({ to: fc.constantFrom("released", "in_progress", "shipped", "delivered") })],
    [/\/boards\/\[slug\]\/signals$/, fc.record({ kind: fc.constantFrom("need", "stock", "capacity"), resourceSpecId: fc.constant(spec), quantity: fc.integer({ min: 1, max: 9 }) })],
    [/\/organizations$/, fc.constant({ name: "Fuzz org", kind: "hub" })],
    [/\/boards$/, n.map((i) => ({ slug: `fuzz-${i}`, name: "Fuzz board" }))],
    [/\/resource-specs$/, n.map((i) => ({ name: `Fuzz spec ${i}`, unit: "each" }))],
    [/\/(sessions|tokens)$/, fc.constantFrom({ email: fx.email, password: PASSWORD }, { email: fx.email, password: "wrong password!" })],
    [/\/accounts$/, n.map((i) => ({ email: `fuzz-${i}@example.test`, password: PASSWORD, name: "Fuzz" }))],
    [/\/boards\/\[slug\]\/intake$/, fc.record({ facilityName: fc.constant("Fuzz clinic"), contactPhone: fc.constant("+1 555 010 0199"), place: fc.constant({ name: "Fuzzville" }), resourceText: fc.constant("Gloves"), quantity: fc.integer({ min: 1, max: 9 }) })],
    [/\/reject$/, fc.constant({ reason: "Fuzz" })],
    [/\/settings$/, fc.record({ enabled: fc.constantFrom(true, false, null) })],
    [/\/planning-sessions$/, fc.record({ title: fc.constant("Fuzz plan"), resourceSpecIds: fc.constant([spec]), horizonWeeks: fc.integer({ min: 1, max: 26 }), deadline: fc.constant(new Date(Date.now() + 86_400_000).toISOString()) })],
    [/\/answer$/, fc.oneof(fc.constant({ answer: "accept" }), fc.constant({ answer: "decline", reason: "Fuzz" }), fc.integer({ min: 1, max: 9 }).map((quantity) => ({ answer: "change", quantity })))],
    [/\/signals\/\[id\]$/, fc.record({ title: fc.string({ minLength: 1, maxLength: 20 }), quantity: fc.integer({ min: 1, max: 60 }) }, { requiredKeys: [] })],
  ];
  const bodyFor = (t: Target) => {
    const good = valid.find(([re]) => re.test(t.pattern))?.[1] ?? fc.constant({});
    return fc.oneof(
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 4, arbitrary: good.map((o) => JSON.stringify(o)) },
      { weight: 1, arbitrary: fc.tuple(good, bodyObject).map(([o, extra]) => JSON.stringify({ ...o, ...extra })) },
      { weight: 2, arbitrary: bodyObject.map((o) => JSON.stringify(o)) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
      { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom("{", "\u0000", "{\"a\":1}}", "%7B%7D", "a=1&b=2")) },
    );
  };
  const methods = ["GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"];
  return fc
    .record({ t: fc.constantFrom(...all), real: fc.boolean(), q: query, headers, odd: fc.integer({ min: 0, max: 4 }), oddMethod: fc.constantFrom(...methods) })
    .chain(({ t, real, q, headers: h, odd, oddMethod }) =>
      fc.record({
        method: odd === 0 ? fc.constant(oddMethod) : fc.constantFrom(...t.methods),
        path: pathFor(t, real).map((p) => p + q),
        headers: fc.constant(h as Record<string, string>),
        body: bodyFor(t),
      }),
    )
    .map((r) => (r.method === "GET" || r.method === "HEAD" ? { ...r, body: null } : r));
}

// ---- the property ------------------------------------------------------------------------------------

describe.each(DB_KINDS)("fuzzing every route on %s", (kind) => {
  const h = useApp(kind);
  let fx: Fixture;
  let all: Target[];
  let member: Member;
  const creds = { session: "", token: "" };

  async function renewCredentials() {
    const signIn = await rawRequest(h.app.url, "POST", "/sessions", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: member.email, password: PASSWORD }),
    });
    creds.session = signIn.headers.get("set-cookie")!.match(/sb_session=([^;]+)/)![1]!;
    const token = await rawRequest(h.app.url, "POST", "/tokens", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: member.email, password: PASSWORD, label: "fuzz" }),
    });
    creds.token = (token.body as { token: string }).token;
  }

  beforeAll(async () => {
    all = await targets();
    const b = await newBoard(h.api, { members: 1 });
    member = b.members[0]!;
    const signal = await postSignal(b.steward, b.slug, { kind: "need", resourceSpecId: b.spec.id, quantity: 50, title: "Visors" });
    const offer = await postSignal(member, b.slug, { kind: "stock", resourceSpecId: b.spec.id, quantity: 5 });
    const claim = await postClaim(member, signal.id, 3);
    const org = (await member.api.post("/organizations", { name: "Fuzz org", kind: "hub" })).body;
    const closed = uniqueSlug("closed");
    await b.steward.api.post("/boards", { slug: closed, name: "Closed", visibility: "members" });
    const token = (await member.api.get("/tokens")).body.items[0];
    const other = await newMember(h.api);
    const intake = await rawRequest(h.app.url, "POST", `/boards/${b.slug}/intake`, {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ facilityName: "Fuzz clinic", contactEmail: "fuzz@example.test", place: { name: "Fuzzville" }, resourceSpecId: b.spec.id, quantity: 3 }),
    });
    // A planning session with a line the member may answer, and an adopted one for its Plan.
    const planning = async () => {
      const opened = await b.steward.api.post(`/boards/${b.slug}/planning-sessions`, { title: "Fuzz plan", resourceSpecIds: [b.spec.id], horizonWeeks: 2, deadline: new Date(Date.now() + 86_400_000).toISOString() });
      await b.steward.api.post(`/planning-sessions/${opened.body.id}/runs`);
      const lines = (await member.api.get(`/planning-sessions/${opened.body.id}/lines?mine=1`)).body.items as Array<{ id: string }>;
      return { id: opened.body.id as string, lineIds: lines.map((l) => l.id) };
    };
    const adopted = await planning();
    await member.api.post(`/plan-lines/${adopted.lineIds[0]}/answer`, { answer: "change", quantity: 1 });
    const plan = (await b.steward.api.post(`/planning-sessions/${adopted.id}/adopt`)).body;
    const session = await planning();
    await renewCredentials();
    fx = {
      real: {
        signals: [signal.id, offer.id],
        claims: [claim.id],
        organizations: [org.id],
        tokens: [token.id],
        boards: [b.slug, closed, "commons"],
        "resource-specs": [b.spec.id],
        users: [other.id],
        intake: [(intake.body as { id: string }).id],
        "planning-sessions": [session.id, adopted.id],
        "plan-lines": [...session.lineIds, ...adopted.lineIds],
        plans: [plan.planId],
      },
      cookie: `sb_session=${SESSION}`,
      token: TOKEN,
      email: member.email,
    };
  });

  it("finds every API route and every page to fuzz", () => {
    const patterns = all.map((t) => t.pattern);
    expect(patterns).toContain("/api/v1/signals/[id]/claims");
    expect(patterns).toContain("/api/v1/[...path]");
    expect(patterns).toContain("/boards/[slug]");
    expect(patterns).toContain("/");
    expect(all.filter((t) => t.api).length).toBeGreaterThan(15);
  });

  const runs = Number(process.env.FUZZ_RUNS ?? RUNS[kind]);
  it(`never answers 5xx, keeps the error shape, and writes nothing when it refuses (${runs} requests)`, async () => {
    const base = new URL(h.app.url);
    let state: Fingerprint = await fingerprint(h.app.db.prisma);
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(requestArb(all, fx, h.app.url), async (r) => {
        const res = await send(base, r, creds);
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        const what = `${r.method} ${r.path} ${JSON.stringify(r.headers)} body=${r.body?.slice(0, 200)} -> ${res.status} ${res.text.slice(0, 300)}`;
        expect(res.status, what).toBeLessThan(500);
        if (r.path.startsWith("/api/") && res.status >= 400 && r.method !== "HEAD") {
          expect(res.type, what).toMatch(/application\/json/);
          const body = JSON.parse(res.text) as { error?: { code?: unknown; message?: unknown } };
          expect(body.error?.code, what).toMatch(/^[A-Z][A-Z_]+$/);
          expect(typeof body.error?.message, what).toBe("string");
        }
        if (res.status < 300 && r.method === "DELETE" && /^\/api\/v1\/(sessions|tokens\/)/.test(r.path)) await renewCredentials();
        const after = await fingerprint(h.app.db.prisma);
        if (res.status >= 300) expect(changedTables(state, after), `a refused request wrote: ${what}`).toEqual([]);
        state = after;
      }),
      {
        numRuns: runs,
        seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined,
        endOnFailure: true,
      },
    );
    console.info(`fuzz ${kind}: statuses ${JSON.stringify(Object.fromEntries([...seen].sort((a, b) => a[0] - b[0])))}`);
    // The generator reached past the guards: some requests were accepted and some refused for their content.
    const statuses = [...seen.keys()];
    expect(statuses.some((s) => s < 300), `statuses seen: ${JSON.stringify([...seen])}`).toBe(true);
    expect(statuses.filter((s) => s >= 400).length, `statuses seen: ${JSON.stringify([...seen])}`).toBeGreaterThan(3);
  }, 120_000);
});
