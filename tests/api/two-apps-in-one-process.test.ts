// Two apps in one process, each on its own database (one PGlite, one PostgreSQL): each answers from its
// own database, through the API router and through Next (which serves HEAD for the API and loads its own
// bundled copy of our modules), also when their requests interleave. With one process-wide runtime the
// app started second would serve both.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/server";
import { ApiClient, newMember } from "../support/api-client";

describe("two apps in one process", () => {
  let a: TestApp;
  let b: TestApp;
  const people: Record<"a" | "b", Awaited<ReturnType<typeof newMember>>> = {} as never;

  beforeAll(async () => {
    a = await startTestApp("pglite");
    b = await startTestApp("postgres");
    people.a = await newMember(new ApiClient(a.url), { name: "Only in A" });
    people.b = await newMember(new ApiClient(b.url), { name: "Only in B" });
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it("each app knows only the accounts written to its own database (API router)", async () => {
    expect((await people.a.api.get("/me")).body.name).toBe("Only in A");
    expect((await people.b.api.get("/me")).body.name).toBe("Only in B");
    // A's token means nothing to B, and the other way round.
    expect((await new ApiClient(b.url, people.a.token).get("/me")).status).toBe(401);
    expect((await new ApiClient(a.url, people.b.token).get("/me")).status).toBe(401);
    // Each wrote its own row, in its own database.
    expect(await a.db.prisma.user.count({ where: { email: people.a.email } })).toBe(1);
    expect(await b.db.prisma.user.count({ where: { email: people.a.email } })).toBe(0);
    expect(await b.db.prisma.user.count({ where: { email: people.b.email } })).toBe(1);
    expect(await a.db.prisma.user.count({ where: { email: people.b.email } })).toBe(0);
  });

  it("each app answers from its own database through Next too (HEAD goes to Next)", async () => {
    const head = (app: TestApp, token: string) =>
      fetch(`${app.url}/api/v1/me`, { method: "HEAD", headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
    expect(await head(a, people.a.token)).toBe(200);
    expect(await head(b, people.b.token)).toBe(200);
    expect(await head(a, people.b.token)).toBe(401);
    expect(await head(b, people.a.token)).toBe(401);
  });

  it("interleaved requests to both apps each reach their own database", async () => {
    const calls = Array.from({ length: 40 }, (_, i) => {
      const [app, own, other] = i % 2 ? [a, people.a, people.b] : [b, people.b, people.a];
      return Promise.all([
        new ApiClient(app.url, own.token).get("/me").then((r) => r.body?.name === own.name),
        new ApiClient(app.url, other.token).get("/me").then((r) => r.status === 401),
        fetch(`${app.url}/api/v1/me`, { method: "HEAD", headers: { authorization: `Bearer ${own.token}` } }).then((r) => r.status === 200),
      ]);
    });
    expect((await Promise.all(calls)).flat().every(Boolean)).toBe(true);
  });
});
