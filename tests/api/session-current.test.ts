// GET /sessions/current: what a browser page asks on every visit. Anonymous is a normal answer (200
// {user: null}), so anonymous pages log no failed request; GET /me keeps answering 401 for machines.
import { describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/server";
import { expectError, expectStatus, newMember, rawRequest, useApp } from "../support/fixtures";

describe.each(DB_KINDS)("GET /sessions/current on %s", (kind) => {
  const h = useApp(kind);

  it("answers {user: null} when signed out, the person when signed in by cookie or token, null again after sign-out", async () => {
    const anon = await h.api.get("/sessions/current");
    expectStatus(anon, 200);
    expect(anon.body).toEqual({ user: null });
    expectError(await h.api.get("/me"), 401, "UNAUTHENTICATED");

    const m = await newMember(h.api);
    const byToken = await m.api.get("/sessions/current");
    expectStatus(byToken, 200);
    expect(byToken.body.user).toEqual((await m.api.get("/me")).body);

    const json = { "content-type": "application/json", origin: h.app.url };
    const signIn = await rawRequest(h.app.url, "POST", "/sessions", { headers: json, body: JSON.stringify({ email: m.email, password: m.password }) });
    expectStatus(signIn, 201);
    const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith("sb_session="))!.split(";")[0]!;
    const byCookie = await rawRequest(h.app.url, "GET", "/sessions/current", { headers: { cookie } });
    expectStatus(byCookie, 200);
    expect(byCookie.body.user).toMatchObject({ id: m.id, email: m.email, name: m.name, organizations: [], boards: [] });

    expectStatus(await rawRequest(h.app.url, "DELETE", "/sessions", { headers: { cookie, origin: h.app.url } }), 204);
    const after = await rawRequest(h.app.url, "GET", "/sessions/current", { headers: { cookie } });
    expectStatus(after, 200);
    expect(after.body).toEqual({ user: null });
  });

  it("treats a malformed or unknown session cookie as signed out, but a bad token as an error", async () => {
    for (const cookie of ["sb_session=not-a-session", "sb_session=", "other=1"]) {
      const r = await rawRequest(h.app.url, "GET", "/sessions/current", { headers: { cookie } });
      expectStatus(r, 200);
      expect(r.body, cookie).toEqual({ user: null });
    }
    // A machine that sends a revoked or wrong token must learn it, as everywhere else in the API.
    expectError(await h.api.as("not-a-token").get("/sessions/current"), 401, "UNAUTHENTICATED");
  });
});
