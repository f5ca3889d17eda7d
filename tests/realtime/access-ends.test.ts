// Sockets follow the session (ADR 011), with real Socket.IO clients on both databases: signing out,
// revoking a token, or losing membership of a members-only board ends the affected sockets' stream of
// that board (they leave its room and are told with board:revoked); public boards keep streaming to a
// signed-out socket as an anonymous reader; nothing else is disturbed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS, startTestApp, type TestApp } from "../support/server";
import { ApiClient, newMember, newSpec } from "../support/api-client";
import { addMemberDirectly, rawRequest } from "../support/fixtures";
import { closeAllClients, connectClient, newBoard, sleep, waitUntil, type BoardClient } from "../support/socket";

type Member = Awaited<ReturnType<typeof newMember>>;

describe.each(DB_KINDS)("access ends on %s", (kind) => {
  let app: TestApp;
  let api: ApiClient;
  let steward: Member;
  let specId: string;

  beforeAll(async () => {
    app = await startTestApp(kind);
    api = new ApiClient(app.url);
    steward = await newMember(api);
    specId = (await newSpec(steward.api)).id;
  });
  afterEach(() => closeAllClients());
  afterAll(() => app?.stop());

  async function signIn(m: Member): Promise<string> {
    const r = await rawRequest(app.url, "POST", "/sessions", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: m.email, password: m.password }),
    });
    expect(r.status).toBe(201);
    return r.headers.getSetCookie().find((c) => c.startsWith("sb_session="))!.split(";")[0]!;
  }

  async function post(slug: string, title: string, by: Member = steward): Promise<number> {
    const r = await by.api.post(`/boards/${slug}/signals`, { kind: "need", resourceSpecId: specId, quantity: 1, title });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return (await api.as(by.token).get(`/boards/${slug}/events?limit=1`)).body.lastSeq;
  }

  const titles = (c: BoardClient, slug: string) => c.events.filter((e) => e.board === slug).map((e) => e.data.signal?.title);

  /** Waits until `witness` has `seq` of `slug`, then a little longer so anything wrongly sent would be here too. */
  async function settled(witness: BoardClient, slug: string, seq: number) {
    await waitUntil(() => witness.events.some((e) => e.board === slug && e.seq >= seq), 10_000, () => `seq ${seq} of ${slug}`);
    await sleep(250);
  }

  async function joined(c: BoardClient, slug: string) {
    const ack = await c.join({ slug });
    expect(ack, JSON.stringify(ack)).toMatchObject({ ok: true });
  }

  it("signing out ends that session's sockets on members-only boards; its public boards stream on, anonymously", async () => {
    const crew = await newBoard(steward.api, "members");
    const open = await newBoard(steward.api, "public");
    const cookie = await signIn(steward);
    const otherSession = await signIn(steward);
    const bySession = await connectClient(app.url, { cookie });
    const byOtherSession = await connectClient(app.url, { cookie: otherSession });
    const byToken = await connectClient(app.url, { token: steward.token });
    for (const c of [bySession, byOtherSession, byToken]) await joined(c, crew);
    await joined(bySession, open);

    expect((await rawRequest(app.url, "DELETE", "/sessions", { headers: { cookie } })).status).toBe(204);
    await waitUntil(() => bySession.revoked.length > 0, 10_000, () => "board:revoked");
    expect(bySession.revoked).toEqual([{ board: crew, reason: "signed-out" }]);

    const crewSeq = await post(crew, "after sign-out");
    const openSeq = await post(open, "public after sign-out");
    await settled(byToken, crew, crewSeq);
    await waitUntil(() => titles(bySession, open).includes("public after sign-out"), 10_000);
    expect(titles(bySession, crew)).not.toContain("after sign-out");
    expect(titles(byOtherSession, crew)).toContain("after sign-out");
    expect(titles(byToken, crew)).toContain("after sign-out");
    expect(byOtherSession.revoked).toEqual([]);
    expect(byToken.revoked).toEqual([]);
    expect(bySession.events.filter((e) => e.board === open).at(-1)!.seq).toBe(openSeq);

    // The socket is anonymous now: the members-only board is hidden, a public one can be joined.
    expect(await bySession.join({ slug: crew })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await bySession.join({ slug: open })).toMatchObject({ ok: true });
  });

  it("revoking a token ends the sockets it opened, not those of the person's other tokens", async () => {
    const crew = await newBoard(steward.api, "members");
    const t1 = await steward.api.post("/tokens", { email: steward.email, password: steward.password, label: "t1" });
    const t2 = await steward.api.post("/tokens", { email: steward.email, password: steward.password, label: "t2" });
    const one = await connectClient(app.url, { token: t1.body.token });
    const two = await connectClient(app.url, { token: t2.body.token });
    await joined(one, crew);
    await joined(two, crew);

    expect((await steward.api.delete(`/tokens/${t1.body.id}`)).status).toBe(204);
    await waitUntil(() => one.revoked.length > 0, 10_000, () => "board:revoked");
    expect(one.revoked).toEqual([{ board: crew, reason: "token-revoked" }]);
    const seq = await post(crew, "after revocation");
    await settled(two, crew, seq);
    expect(titles(one, crew)).not.toContain("after revocation");
    expect(two.revoked).toEqual([]);
    expect(await one.join({ slug: crew })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("a member removed from a members-only board stops receiving it at once; their public boards go on", async () => {
    const crew = await newBoard(steward.api, "members");
    const open = await newBoard(steward.api, "public");
    const m = await newMember(api, { boards: [open] });
    await addMemberDirectly(app, crew, m.id);
    const watcher = await connectClient(app.url, { token: steward.token });
    const member = await connectClient(app.url, { token: m.token });
    await joined(watcher, crew);
    await joined(member, crew);
    await joined(member, open);

    const r = await steward.api.delete(`/boards/${crew}/members/${m.id}`);
    expect(r.status).toBe(204);
    await waitUntil(() => member.revoked.length > 0, 10_000, () => "board:revoked");
    expect(member.revoked).toEqual([{ board: crew, reason: "membership-ended" }]);
    // The removal itself is the last event of the board the member saw.
    expect(member.events.filter((e) => e.board === crew).map((e) => e.type), JSON.stringify({ w: watcher.events, m: member.events })).toEqual(["member.removed"]);

    const seq = await post(crew, "members only, after removal");
    await post(open, "public, after removal");
    await settled(watcher, crew, seq);
    await waitUntil(() => titles(member, open).includes("public, after removal"), 10_000);
    expect(titles(member, crew)).toEqual([undefined]); // only member.removed, which carries no signal
    expect(await member.join({ slug: crew })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(watcher.revoked).toEqual([]);
  });

  it("leaving a members-only board ends the leaver's stream of it; leaving a public board does not", async () => {
    const crew = await newBoard(steward.api, "members");
    const open = await newBoard(steward.api, "public");
    const m = await newMember(api, { boards: [open] });
    await addMemberDirectly(app, crew, m.id);
    const member = await connectClient(app.url, { token: m.token });
    await joined(member, crew);
    await joined(member, open);

    expect((await m.api.delete(`/boards/${open}/members/me`)).status).toBe(204);
    expect((await m.api.delete(`/boards/${crew}/members/me`)).status).toBe(204);
    await waitUntil(() => member.revoked.length > 0, 10_000, () => "board:revoked");
    await post(open, "still public");
    await waitUntil(() => titles(member, open).includes("still public"), 10_000);
    expect(member.revoked).toEqual([{ board: crew, reason: "membership-ended" }]);
  });

  it("a join racing the removal never leaves the removed member in the room", async () => {
    const crew = await newBoard(steward.api, "members");
    // A log long enough that each join's replay is still running when the removal commits.
    for (let batch = 0; batch < 8; batch++) await Promise.all(Array.from({ length: 10 }, (_, i) => post(crew, `filler ${batch}.${i}`)));
    const watcher = await connectClient(app.url, { token: steward.token });
    await joined(watcher, crew);
    for (let round = 0; round < 4; round++) {
      const m = await newMember(api);
      await addMemberDirectly(app, crew, m.id);
      const member = await connectClient(app.url, { token: m.token });
      const [ack, removal] = await Promise.all([
        member.join({ slug: crew, afterSeq: 0 }),
        sleep(round * 3).then(() => steward.api.delete(`/boards/${crew}/members/${m.id}`)),
      ]);
      expect(removal.status).toBe(204);
      const seq = await post(crew, `after removal ${round}`);
      await settled(watcher, crew, seq);
      expect(titles(member, crew), `round ${round}, ack ${JSON.stringify(ack)}`).not.toContain(`after removal ${round}`);
      // Either the join was refused, or it went through before the removal and was then revoked.
      if (ack.ok) expect(member.revoked).toEqual([{ board: crew, reason: "membership-ended" }]);
      else expect(ack.error.code).toBe("NOT_FOUND");
      member.close();
    }
  });
});
