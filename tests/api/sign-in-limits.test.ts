// Sign-in and sign-up limits that hold under a burst (ADR 010), on both databases: each attempt is
// counted atomically before its password is hashed, per email and per client address separately;
// sign-ups are limited per address; password hashing is bounded; behind a trusted proxy the address is
// the entry the proxy appended, never one the client wrote.
import { describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/server";
import { expectError, expectStatus, newMember, rawRequest, useApp } from "../support/fixtures";
import type { Answer } from "../support/api-client";

const PASSWORD = "correct horse battery";
let n = 0;
const email = (tag = "lim") => `${tag}-${Date.now().toString(36)}-${n++}@example.test`;

/** A POST from a client at `from` (as the proxy in front of the app reports it in X-Forwarded-For). */
function post(url: string, path: string, body: unknown, forwardedFor?: string): Promise<Answer> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (forwardedFor) headers["x-forwarded-for"] = forwardedFor;
  return rawRequest(url, "POST", path, { headers, body: JSON.stringify(body) });
}

function tally(answers: Answer[]) {
  const byStatus: Record<number, number> = {};
  for (const a of answers) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
  return byStatus;
}

describe.each(DB_KINDS)("sign-in limits on %s", (kind) => {
  describe("per email (10 failures a minute)", () => {
    const h = useApp(kind, { env: { SIGNIN_ATTEMPTS_PER_MINUTE: "10" } });

    for (const path of ["/tokens", "/sessions"]) {
      it(`50 parallel wrong passwords for one email on POST ${path}: at most 10 are checked (401), the rest 429`, async () => {
        const victim = await newMember(h.api);
        const answers = await Promise.all(
          Array.from({ length: 50 }, (_, i) => post(h.app.url, path, { email: victim.email, password: `wrong-${i}-password` })),
        );
        const counts = tally(answers);
        expect(Object.keys(counts).sort(), JSON.stringify(counts)).toEqual(["401", "429"]);
        expect(counts[401]).toBeLessThanOrEqual(10);
        expect(counts[401]! + counts[429]!).toBe(50);
        for (const a of answers) expectError(a, a.status, a.status === 401 ? "INVALID_CREDENTIALS" : "RATE_LIMITED");
        const retry = Number(answers.find((a) => a.status === 429)!.headers.get("retry-after"));
        expect(retry >= 1 && retry <= 60, `Retry-After ${retry}`).toBe(true);
        // The right password is refused too while the email is locked: the burst bought no more guesses.
        expectError(await post(h.app.url, path, { email: victim.email, password: victim.password }), 429, "RATE_LIMITED");
        // Someone else signs in as usual from the same address.
        const other = await newMember(h.api);
        expectStatus(await post(h.app.url, path, { email: other.email, password: other.password }), 201);
      });
    }

    it("an unknown email is limited the same way (no hint that it has no account)", async () => {
      const nobody = email("nobody");
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => post(h.app.url, "/tokens", { email: nobody, password: PASSWORD })),
      );
      const counts = tally(answers);
      expect(counts[401]).toBeLessThanOrEqual(10);
      expect(counts[429]).toBeGreaterThanOrEqual(10);
    });
  });

  describe("per client address, behind one trusted proxy", () => {
    const h = useApp(kind, {
      env: { TRUST_PROXY: "true", SIGNIN_ATTEMPTS_PER_ADDRESS_PER_HOUR: "12", SIGNIN_ATTEMPTS_PER_MINUTE: "10" },
    });

    it("12 failures spread over many emails lock the address out, for every email, and only that address", async () => {
      const from = "203.0.113.10";
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) => post(h.app.url, "/tokens", { email: email(`spray${i}`), password: PASSWORD }, from)),
      );
      const counts = tally(answers);
      expect(counts[401], JSON.stringify(counts)).toBeLessThanOrEqual(12);
      expect(counts[401]! + counts[429]!).toBe(30);
      // A real account with its right password is refused from that address, and accepted from another.
      const m = await newMember(h.api);
      expectError(await post(h.app.url, "/tokens", { email: m.email, password: m.password }, from), 429, "RATE_LIMITED");
      expectStatus(await post(h.app.url, "/tokens", { email: m.email, password: m.password }, "203.0.113.11"), 201);
    });

    it("right passwords do not count against the address: 20 sign-ins from one address all succeed", async () => {
      const from = "203.0.113.20";
      const people = await Promise.all(Array.from({ length: 4 }, () => newMember(h.api)));
      for (let i = 0; i < 20; i++) {
        const p = people[i % people.length]!;
        expectStatus(await post(h.app.url, i % 2 ? "/sessions" : "/tokens", { email: p.email, password: p.password }, from), 201);
      }
      // ...while its failures still count: 12 more and it is locked.
      for (let i = 0; i < 12; i++) expectStatus(await post(h.app.url, "/tokens", { email: email(), password: PASSWORD }, from), 401);
      expectError(await post(h.app.url, "/tokens", { email: people[0]!.email, password: people[0]!.password }, from), 429, "RATE_LIMITED");
    });

    it("a spoofed leftmost X-Forwarded-For entry neither evades the limit nor frames another address", async () => {
      const attacker = "203.0.113.30";
      const framed = "198.51.100.30";
      // The attacker writes a new address into the header on every guess, some of them the framed one's;
      // the proxy appends the attacker's real address last.
      const guesses = [];
      for (let i = 0; i < 16; i++) {
        const spoof = i % 2 ? framed : `192.0.2.${i}`;
        guesses.push((await post(h.app.url, "/tokens", { email: email("guess"), password: PASSWORD }, `${spoof}, ${attacker}`)).status);
      }
      expect(guesses.slice(0, 12), guesses.join(",")).toEqual(Array(12).fill(401));
      expect(guesses.slice(12), guesses.join(",")).toEqual([429, 429, 429, 429]);
      // The framed address was never charged: its owner (arriving through the proxy) signs in.
      const victim = await newMember(h.api);
      expectStatus(await post(h.app.url, "/tokens", { email: victim.email, password: victim.password }, framed), 201);
      for (let i = 0; i < 11; i++) expectStatus(await post(h.app.url, "/tokens", { email: email(), password: PASSWORD }, framed), 401);
    });
  });

  describe("sign-ups per address", () => {
    const h = useApp(kind, { env: { TRUST_PROXY: "true", SIGNUPS_PER_ADDRESS_PER_HOUR: "5" } });

    it("20 parallel sign-ups from one address: at most 5 accounts, the rest 429 with nothing written", async () => {
      const from = "203.0.113.40";
      const emails = Array.from({ length: 20 }, () => email("signup"));
      const answers = await Promise.all(emails.map((e) => post(h.app.url, "/accounts", { email: e, password: PASSWORD, name: "S" }, from)));
      const counts = tally(answers);
      expect(counts[201], JSON.stringify(counts)).toBeLessThanOrEqual(5);
      expect(counts[201]! + counts[429]!).toBe(20);
      for (const a of answers.filter((x) => x.status === 429)) expectError(a, 429, "RATE_LIMITED");
      // Another address can sign up, and every refused email is still free.
      const refused = emails.filter((_, i) => answers[i]!.status === 429);
      for (const e of refused.slice(0, 5))
        expectStatus(await post(h.app.url, "/accounts", { email: e, password: PASSWORD, name: "S" }, "203.0.113.41"), 201);
      expectError(await post(h.app.url, "/accounts", { email: email(), password: PASSWORD, name: "S" }, "203.0.113.41"), 429, "RATE_LIMITED");
    });

    it("a sign-up refused for bad input costs nothing", async () => {
      const from = "203.0.113.42";
      for (let i = 0; i < 8; i++)
        expectError(await post(h.app.url, "/accounts", { email: email(), password: "short", name: "S" }, from), 400, "VALIDATION_FAILED");
      for (let i = 0; i < 5; i++) expectStatus(await post(h.app.url, "/accounts", { email: email(), password: PASSWORD, name: "S" }, from), 201);
    });
  });

  describe("bounded password hashing", () => {
    const h = useApp(kind, { env: { PASSWORD_HASH_CONCURRENCY: "1", PASSWORD_HASH_QUEUE: "2" } });

    it("a flood of sign-ups beyond the hash queue is answered 503 SERVER_BUSY at once, writing nothing", async () => {
      const emails = Array.from({ length: 30 }, () => email("flood"));
      const answers = await Promise.all(emails.map((e) => post(h.app.url, "/accounts", { email: e, password: PASSWORD, name: "F" })));
      const counts = tally(answers);
      expect(Object.keys(counts).sort(), JSON.stringify(counts)).toEqual(["201", "503"]);
      expect(counts[201]).toBeGreaterThanOrEqual(3);
      for (const a of answers.filter((x) => x.status === 503)) {
        expectError(a, 503, "SERVER_BUSY");
        expect(a.headers.get("retry-after")).toBe("1");
      }
      // Nothing was written for a refused sign-up: the email can be used now.
      const refused = emails.find((_, i) => answers[i]!.status === 503)!;
      expectStatus(await post(h.app.url, "/accounts", { email: refused, password: PASSWORD, name: "F" }), 201);
    });

    it("a sign-in refused as busy was no guess: it does not count towards the email's limit", async () => {
      const m = await newMember(h.api);
      // As many parallel guesses as the email allows: none is refused by the limit, some by the hash queue.
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => post(h.app.url, "/tokens", { email: m.email, password: `wrong-${i}-password` })),
      );
      const counts = tally(answers);
      const checked = counts[401] ?? 0;
      expect(Object.keys(counts).sort(), JSON.stringify(counts)).toEqual(["401", "503"]);
      expect(checked + counts[503]!).toBe(10);
      // Only the checked guesses count: exactly 10 - checked more wrong passwords are checked, then 429.
      for (let i = checked; i < 10; i++) expectStatus(await post(h.app.url, "/tokens", { email: m.email, password: `again-${i}-password` }), 401);
      expectError(await post(h.app.url, "/tokens", { email: m.email, password: m.password }), 429, "RATE_LIMITED");
    });
  });
});
