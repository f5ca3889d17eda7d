// Accounts, API tokens, GET /me, browser sessions and the sign-in rate limit, on both databases.
import { describe, expect, it } from "vitest";
import { DB_KINDS, startTestApp } from "../support/server";
import { ApiClient } from "../support/api-client";
import { expectError, expectStatus, newMember, rawRequest, useApp } from "../support/fixtures";

const PASSWORD = "correct horse battery";
let n = 0;
const email = (tag = "acct") => `${tag}-${Date.now().toString(36)}-${n++}@example.test`;

describe.each(DB_KINDS)("accounts and tokens on %s", (kind) => {
  const h = useApp(kind);

  describe("POST /accounts", () => {
    it("creates an account: 201 {id, email, name}, no password or hash leaked", async () => {
      const e = email();
      const r = await h.api.post("/accounts", { email: e, password: PASSWORD, name: "  Ada Maker  " });
      expectStatus(r, 201);
      expect(Object.keys(r.body).sort()).toEqual(["email", "id", "name"]);
      expect(r.body).toMatchObject({ email: e, name: "Ada Maker" });
      expect(r.body.id).toMatch(/^[0-9a-f-]{36}$/);
      const text = JSON.stringify(r.body);
      expect(text).not.toContain(PASSWORD);
      expect(text.toLowerCase()).not.toMatch(/hash|argon|password/);
    });

    it("stores the email lower-cased and trimmed", async () => {
      const e = email("Mixed");
      const r = await h.api.post("/accounts", { email: `  ${e.toUpperCase()} `, password: PASSWORD, name: "M" });
      expectStatus(r, 201);
      expect(r.body.email).toBe(e.toLowerCase());
    });

    it("409 EMAIL_TAKEN for the same email, also when it differs only in case", async () => {
      const e = email();
      expectStatus(await h.api.post("/accounts", { email: e, password: PASSWORD, name: "One" }), 201);
      expectError(await h.api.post("/accounts", { email: e, password: PASSWORD, name: "Two" }), 409, "EMAIL_TAKEN");
      expectError(
        await h.api.post("/accounts", { email: e.toUpperCase(), password: PASSWORD, name: "Three" }),
        409,
        "EMAIL_TAKEN",
      );
    });

    it("400 VALIDATION_FAILED with fields for a bad email, a short password, a missing name", async () => {
      expectError(await h.api.post("/accounts", { email: "not-an-email", password: PASSWORD, name: "X" }), 400, "VALIDATION_FAILED", ["email"]);
      expectError(await h.api.post("/accounts", { email: email(), password: "short", name: "X" }), 400, "VALIDATION_FAILED", ["password"]);
      expectError(await h.api.post("/accounts", { email: email(), password: 12345678901, name: "X" }), 400, "VALIDATION_FAILED", ["password"]);
      expectError(await h.api.post("/accounts", { email: email(), password: PASSWORD }), 400, "VALIDATION_FAILED", ["name"]);
      const both = await h.api.post("/accounts", { email: "", password: "", name: "X" });
      expectError(both, 400, "VALIDATION_FAILED", ["email", "password"]);
    });

    it("a failed sign-up creates no account (the email stays free)", async () => {
      const e = email();
      expectStatus(await h.api.post("/accounts", { email: e, password: "short", name: "X" }), 400);
      expectStatus(await h.api.post("/accounts", { email: e, password: PASSWORD, name: "X" }), 201);
    });
  });

  describe("POST /tokens and GET /me", () => {
    it("201 {id, token}; the token works as Bearer on GET /me", async () => {
      const e = email();
      const acct = await h.api.post("/accounts", { email: e, password: PASSWORD, name: "Tok" });
      const t = await h.api.post("/tokens", { email: e, password: PASSWORD, label: "cnc-01" });
      expectStatus(t, 201);
      expect(Object.keys(t.body).sort()).toEqual(["id", "token"]);
      expect(typeof t.body.token).toBe("string");
      expect(t.body.token.length).toBeGreaterThanOrEqual(20);
      const me = await h.api.as(t.body.token).get("/me");
      expectStatus(me, 200);
      expect(me.body).toEqual({ id: acct.body.id, email: e, name: "Tok", organizations: [], boards: [] });
    });

    it("the email is matched case-insensitively when signing in", async () => {
      const m = await newMember(h.api);
      expectStatus(await h.api.post("/tokens", { email: m.email.toUpperCase(), password: m.password }), 201);
    });

    it("401 INVALID_CREDENTIALS for a wrong password and for an unknown email", async () => {
      const m = await newMember(h.api);
      expectError(await h.api.post("/tokens", { email: m.email, password: "wrong password!" }), 401, "INVALID_CREDENTIALS");
      expectError(await h.api.post("/tokens", { email: email("nobody"), password: PASSWORD }), 401, "INVALID_CREDENTIALS");
    });

    it("400 for a token request without email or password", async () => {
      expectError(await h.api.post("/tokens", { password: PASSWORD }), 400, "VALIDATION_FAILED", ["email"]);
      expectError(await h.api.post("/tokens", { email: email() }), 400, "VALIDATION_FAILED", ["password"]);
    });

    it("GET /me: 401 UNAUTHENTICATED without auth and with a made-up token", async () => {
      expectError(await h.api.get("/me"), 401, "UNAUTHENTICATED");
      expectError(await h.api.as("sbt_made_up_token").get("/me"), 401, "UNAUTHENTICATED");
    });
  });

  describe("DELETE /tokens/:id", () => {
    it("204; the revoked token then gets 401 UNAUTHENTICATED, other tokens keep working", async () => {
      const m = await newMember(h.api);
      const second = await h.api.post("/tokens", { email: m.email, password: m.password });
      const del = await m.api.delete(`/tokens/${second.body.id}`);
      expectStatus(del, 204);
      expectError(await h.api.as(second.body.token).get("/me"), 401, "UNAUTHENTICATED");
      expectStatus(await m.api.get("/me"), 200);
      // Revoking it again: it no longer exists as a live token.
      expectError(await m.api.delete(`/tokens/${second.body.id}`), 404, "NOT_FOUND");
    });

    it("a token can revoke itself", async () => {
      const m = await newMember(h.api);
      const t = await h.api.post("/tokens", { email: m.email, password: m.password });
      const self = h.api.as(t.body.token);
      expectStatus(await self.delete(`/tokens/${t.body.id}`), 204);
      expectError(await self.get("/me"), 401, "UNAUTHENTICATED");
    });

    it("someone else's token id answers 404 and stays valid", async () => {
      const a = await newMember(h.api);
      const b = await newMember(h.api);
      const bt = await h.api.post("/tokens", { email: b.email, password: b.password });
      expectError(await a.api.delete(`/tokens/${bt.body.id}`), 404, "NOT_FOUND");
      expectStatus(await h.api.as(bt.body.token).get("/me"), 200);
    });

    it("401 anonymous; 404 for a non-uuid id", async () => {
      const m = await newMember(h.api);
      const t = await h.api.post("/tokens", { email: m.email, password: m.password });
      expectError(await h.api.delete(`/tokens/${t.body.id}`), 401, "UNAUTHENTICATED");
      expectError(await m.api.delete("/tokens/not-a-uuid"), 404, "NOT_FOUND");
    });
  });

  describe("browser sessions", () => {
    it("POST /sessions sets an httpOnly SameSite=Lax sb_session cookie that authenticates GET /me", async () => {
      const m = await newMember(h.api);
      const r = await rawRequest(h.app.url, "POST", "/sessions", {
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: m.email, password: m.password }),
      });
      expectStatus(r, 201);
      const cookies = r.headers.getSetCookie();
      const c = cookies.find((x) => x.startsWith("sb_session="));
      expect(c, cookies.join("\n")).toBeDefined();
      expect(c).toMatch(/;\s*HttpOnly/i);
      expect(c).toMatch(/;\s*SameSite=Lax/i);
      expect(c).toMatch(/;\s*Path=\//i);
      expect(c).not.toMatch(/;\s*Secure/i); // plain http on the loopback
      const value = c!.split(";")[0]!.slice("sb_session=".length);
      expect(value.length).toBeGreaterThan(10);
      expect(JSON.stringify(r.body)).not.toContain(value); // the secret travels only in the cookie

      const me = await rawRequest(h.app.url, "GET", "/me", { headers: { cookie: `sb_session=${value}` } });
      expectStatus(me, 200);
      expect(me.body).toMatchObject({ id: m.id, email: m.email });

      const out = await rawRequest(h.app.url, "DELETE", "/sessions", { headers: { cookie: `sb_session=${value}` } });
      expectStatus(out, 204);
      const cleared = out.headers.getSetCookie().find((x) => x.startsWith("sb_session="));
      expect(cleared).toMatch(/^sb_session=;/);
      expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
      // The old cookie is dead on the server too, not only forgotten by the browser.
      expectError(await rawRequest(h.app.url, "GET", "/me", { headers: { cookie: `sb_session=${value}` } }), 401, "UNAUTHENTICATED");
    });

    it("POST /sessions with a wrong password: 401 INVALID_CREDENTIALS and no cookie", async () => {
      const m = await newMember(h.api);
      const r = await rawRequest(h.app.url, "POST", "/sessions", {
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: m.email, password: "not the password" }),
      });
      expectError(r, 401, "INVALID_CREDENTIALS");
      expect(r.headers.getSetCookie().filter((x) => x.startsWith("sb_session="))).toEqual([]);
    });

    it("a made-up session cookie is anonymous: 401 on /me", async () => {
      expectError(await rawRequest(h.app.url, "GET", "/me", { headers: { cookie: "sb_session=sbs_forged" } }), 401, "UNAUTHENTICATED");
    });
  });

  describe("sign-in rate limit", () => {
    it("10 failures for one email in a minute: the 11th attempt is 429 RATE_LIMITED with Retry-After, even with the right password", async () => {
      const victim = await newMember(h.api);
      const bystander = await newMember(h.api);
      for (let i = 0; i < 10; i++) {
        const r = await h.api.post("/tokens", { email: victim.email, password: `wrong-${i}-password` });
        expectError(r, 401, "INVALID_CREDENTIALS");
      }
      const blocked = await h.api.post("/tokens", { email: victim.email, password: victim.password });
      expectError(blocked, 429, "RATE_LIMITED");
      const retry = Number(blocked.headers.get("retry-after"));
      expect(Number.isInteger(retry) && retry >= 1 && retry <= 60, `Retry-After ${retry}`).toBe(true);
      // The browser path shares the limit, and the upper-cased address is the same account.
      const viaSession = await rawRequest(h.app.url, "POST", "/sessions", {
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: victim.email.toUpperCase(), password: victim.password }),
      });
      expectError(viaSession, 429, "RATE_LIMITED");
      // Another email is not affected.
      expectStatus(await h.api.post("/tokens", { email: bystander.email, password: bystander.password }), 201);
      // Tokens issued before the lock-out keep working.
      expectStatus(await victim.api.get("/me"), 200);
    });

    it("a made-up X-Forwarded-For header neither dodges the lock-out nor buys more guesses", async () => {
      const victim = await newMember(h.api);
      const signIn = (password: string, xff: string) =>
        rawRequest(h.app.url, "POST", "/tokens", {
          headers: { "content-type": "application/json", "x-forwarded-for": xff },
          body: JSON.stringify({ email: victim.email, password }),
        });
      // An attacker who rotates the header on every guess: 15 guesses must not all be plain 401s.
      const guesses = [];
      for (let i = 0; i < 15; i++) guesses.push((await signIn(`guess-${i}-password`, `203.0.113.${i}`)).status);
      expect(guesses.slice(10), `statuses ${guesses.join(",")}`).toEqual([429, 429, 429, 429, 429]);
      expectError(await signIn(victim.password, "198.51.100.7"), 429, "RATE_LIMITED");
    });

    it("fewer than 10 failures do not lock anyone out, and a success resets the count", async () => {
      const m = await newMember(h.api);
      for (let i = 0; i < 9; i++) expectStatus(await h.api.post("/tokens", { email: m.email, password: "nope nope nope" }), 401);
      expectStatus(await h.api.post("/tokens", { email: m.email, password: m.password }), 201);
      for (let i = 0; i < 9; i++) expectStatus(await h.api.post("/tokens", { email: m.email, password: "nope nope nope" }), 401);
      expectStatus(await h.api.post("/tokens", { email: m.email, password: m.password }), 201);
    });
  });

  describe("a fresh app", () => {
    // The harness promises "a fresh in-memory PGlite" (DATA_DIR=memory://) or a fresh cluster per app, so
    // an account made on one app must not exist on the next. Uses the harness defaults on purpose.
    it("starts with an empty database: an email used on a previous app is free again", async () => {
      const e = email("fresh");
      const first = await startTestApp(kind);
      try {
        expectStatus(await new ApiClient(first.url).post("/accounts", { email: e, password: PASSWORD, name: "First" }), 201);
      } finally {
        await first.stop();
      }
      const second = await startTestApp(kind);
      try {
        const api = new ApiClient(second.url);
        expectStatus(await api.post("/accounts", { email: e, password: PASSWORD, name: "Second" }), 201);
        expect((await api.get("/boards")).body.items.map((b: any) => b.slug)).toEqual(["commons"]);
      } finally {
        await second.stop();
      }
    });
  });
});
