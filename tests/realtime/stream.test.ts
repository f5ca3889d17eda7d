// The realtime stream is the board's event log: what a client receives over Socket.IO must be exactly what
// GET /boards/:slug/events answers, in sequence order, each event once per join, including while events
// are being written during a replay.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, DB_KINDS, type TestApp } from "../support/server";
import { ApiClient, newMember, newSpec } from "../support/api-client";
import {
  closeAllClients,
  connectClient,
  eventsFromApi,
  newBoard,
  range,
  seqs,
  sleep,
  waitUntil,
  type BoardClient,
} from "../support/socket";

type Member = Awaited<ReturnType<typeof newMember>>;

describe.each(DB_KINDS)("realtime stream on %s", (kind) => {
  let app: TestApp;
  let api: ApiClient;
  let owner: Member;
  let maker: Member;
  let specId: string;

  beforeAll(async () => {
    app = await startTestApp(kind);
    api = new ApiClient(app.url);
    owner = await newMember(api, { boards: ["commons"] });
    maker = await newMember(api, { boards: ["commons"] });
    specId = (await newSpec(owner.api)).id;
  });
  afterEach(() => closeAllClients());
  afterAll(() => app?.stop());

  async function boardWithMaker(visibility: "public" | "members" = "public") {
    const slug = await newBoard(owner.api, visibility);
    if (visibility === "public") expect((await maker.api.post(`/boards/${slug}/members`)).status).toBe(201);
    return slug;
  }

  async function postNeed(slug: string, quantity = 10, by: Member = owner): Promise<string> {
    const r = await by.api.post(`/boards/${slug}/signals`, { kind: "need", resourceSpecId: specId, quantity });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id;
  }

  it("streams API writes as the very objects the events endpoint returns, in order, once each", async () => {
    const slug = await newBoard(owner.api);
    const c = await connectClient(app.url);
    const ack = await c.join({ slug });
    expect(ack).toEqual({ ok: true, protocol: 1, board: slug, lastSeq: 0, replayed: 0 });

    expect((await maker.api.post(`/boards/${slug}/members`)).status).toBe(201);
    const signalId = await postNeed(slug, 10);
    const claim = await maker.api.post(`/signals/${signalId}/claims`, { quantity: 4 });
    expect(claim.status).toBe(201);
    expect((await maker.api.post(`/claims/${claim.body.id}/transition`, { to: "in_progress" })).status).toBe(200);
    expect((await owner.api.post(`/signals/${signalId}/refresh`)).status).toBe(200);
    expect((await maker.api.post(`/signals/${signalId}/reinforce`)).status).toBe(200);

    const log = await eventsFromApi(api, slug);
    expect(log.lastSeq).toBe(6);
    await c.waitForSeq(6);
    await sleep(250); // anything sent twice would arrive by now
    expect(c.events).toEqual(log.events);
    expect(c.events.map((e) => e.type)).toEqual([
      "member.joined",
      "signal.created",
      "claim.created",
      "claim.transitioned",
      "signal.refreshed",
      "signal.reinforced",
    ]);
    expect(c.events[2]!.data.claim?.id).toBe(claim.body.id);
    expect(c.events[3]!.data).toMatchObject({ from: "claimed", to: "in_progress" });
    expect(c.events[3]!.actor).toEqual({ id: maker.id, name: maker.name });
  });

  it("a join with afterSeq replays exactly the events after it, then streams live ones", async () => {
    const slug = await boardWithMaker();
    for (let i = 0; i < 11; i++) await postNeed(slug, i + 1);
    const before = await eventsFromApi(api, slug);
    expect(before.lastSeq).toBe(12);

    const c = await connectClient(app.url);
    const ack = await c.join({ slug, afterSeq: 5 });
    expect(ack).toEqual({ ok: true, protocol: 1, board: slug, lastSeq: 12, replayed: 7 });
    // The replay is emitted before the acknowledgement, so it has all arrived by now.
    expect(c.events).toEqual(before.events.slice(5));

    const caughtUp = await connectClient(app.url);
    expect(await caughtUp.join({ slug, afterSeq: 12 })).toMatchObject({ ok: true, lastSeq: 12, replayed: 0 });

    for (let i = 0; i < 3; i++) await postNeed(slug, 1);
    await c.waitForSeq(15);
    await caughtUp.waitForSeq(15);
    await sleep(250);
    const after = await eventsFromApi(api, slug);
    expect(seqs(c.events)).toEqual(range(6, 15));
    expect(c.events).toEqual(after.events.slice(5));
    expect(caughtUp.events).toEqual(after.events.slice(12));
  });

  /** 211 events, then 50 concurrent writes while 12 clients join with afterSeq=0 one after another. */
  async function raceJoins(watchedBefore: boolean) {
    const slug = await boardWithMaker();
    const signalIds: string[] = [];
    for (let batch = 0; batch < 21; batch++) {
      signalIds.push(...(await Promise.all(range(1, 10).map(() => postNeed(slug, 5)))));
    }
    const base = (await eventsFromApi(api, slug, 200)).lastSeq;
    expect(base).toBe(211);

    const live = watchedBefore ? await connectClient(app.url) : null;
    if (live) expect(await live.join({ slug })).toMatchObject({ ok: true, lastSeq: base, replayed: 0 });
    const joiners: BoardClient[] = await Promise.all(range(1, 12).map(() => connectClient(app.url)));

    // 50 concurrent writes of three kinds, all in flight while the joiners replay the 211 existing events.
    const writes = Promise.all(
      range(0, 49).map(async (i) => {
        const r =
          i % 3 === 0
            ? await owner.api.post(`/boards/${slug}/signals`, { kind: "need", resourceSpecId: specId, quantity: 3 })
            : i % 3 === 1
              ? await maker.api.post(`/signals/${signalIds[i]}/claims`, { quantity: 2 })
              : await maker.api.post(`/signals/${signalIds[i]}/reinforce`);
        return r.status;
      }),
    );
    let writesDone = false;
    void writes.finally(() => (writesDone = true));
    if (!watchedBefore) await sleep(20); // the board's very first join lands mid-burst
    const acks = [];
    for (const j of joiners) {
      acks.push(j.join({ slug, afterSeq: 0 }));
      if (!writesDone) await sleep(15);
    }
    const statuses = await writes;
    expect(statuses.filter((s) => s !== 200 && s !== 201)).toEqual([]);
    const settled = await Promise.all(acks);

    const log = await eventsFromApi(api, slug);
    const n = log.lastSeq;
    expect(n).toBe(base + 50);
    for (const a of settled) {
      expect(a.ok).toBe(true);
      if (a.ok) expect(a.replayed).toBe(a.lastSeq);
    }
    // Did at least one join really overlap the writes (its replay ended mid-burst)? Under heavy load the
    // writes may all land before the joins; the caller then runs the race again on a fresh board.
    const overlapped = settled.some((a) => a.ok && a.lastSeq > base && a.lastSeq < n);

    for (const c of [...(live ? [live] : []), ...joiners]) await c.waitForSeq(n);
    await sleep(300);
    if (live) {
      expect(seqs(live.events)).toEqual(range(base + 1, n));
      expect(live.events).toEqual(log.events.slice(base));
    }
    for (const j of joiners) {
      expect(seqs(j.events)).toEqual(range(1, n));
      expect(j.events).toEqual(log.events);
    }
    return overlapped;
  }

  /** Every attempt asserts exactly-once delivery; the race must have been exercised at least once. */
  async function raceJoinsUntilOverlapped(watchedBefore: boolean) {
    for (let attempt = 1; attempt <= 3; attempt++) if (await raceJoins(watchedBefore)) return;
    expect.fail("in 3 attempts no join's replay ended while writes were still landing: the race was not exercised");
  }

  it("joins with afterSeq=0 while 50 writes race them: every client ends with 1..N once each, in order", () =>
    raceJoinsUntilOverlapped(true), 180_000);

  it("the same when the board's first-ever join (which opens its stream) lands in the middle of the writes", () =>
    raceJoinsUntilOverlapped(false), 180_000);

  it("answers NOT_FOUND for an unknown board, and the socket can still join a real one", async () => {
    const c = await connectClient(app.url);
    const ack = await c.join({ slug: "no-such-board-here" });
    expect(ack.ok).toBe(false);
    if (!ack.ok) expect(ack.error.code).toBe("NOT_FOUND");
    expect(await c.join({ slug: "commons" })).toMatchObject({ ok: true, board: "commons" });
  });

  it("answers VALIDATION_FAILED to malformed join payloads and streams nothing for them", async () => {
    const c = await connectClient(app.url);
    const payloads: unknown[] = [
      {},
      null,
      "commons",
      42,
      { slug: "" },
      { slug: 42 },
      { slug: "x".repeat(61) },
      { slug: "commons", afterSeq: -1 },
      { slug: "commons", afterSeq: 2.5 },
      { slug: "commons", afterSeq: "3" },
    ];
    for (const p of payloads) {
      const ack = await c.join(p);
      expect(ack, JSON.stringify(p)).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    }
    const watcher = await connectClient(app.url);
    expect((await watcher.join({ slug: "commons" })).ok).toBe(true);
    await postNeed("commons", 1);
    await watcher.waitForSeq(1);
    await sleep(250);
    expect(c.events).toEqual([]);
  });

  it("keeps a members-only board from anonymous and non-member sockets but streams it to a member", async () => {
    const slug = await boardWithMaker("members");
    const anon = await connectClient(app.url);
    const badToken = await connectClient(app.url, { token: "not-a-real-token" });
    const outsider = await connectClient(app.url, { token: maker.token });
    const member = await connectClient(app.url, { token: owner.token });
    for (const c of [anon, badToken, outsider]) {
      expect(await c.join({ slug })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    }
    expect(await member.join({ slug, afterSeq: 0 })).toMatchObject({ ok: true, board: slug, lastSeq: 0 });

    await postNeed(slug, 3);
    await member.waitForSeq(1);
    await sleep(250);
    expect(member.events.map((e) => e.type)).toEqual(["signal.created"]);
    for (const c of [anon, badToken, outsider]) expect(c.events).toEqual([]);
  });

  it("counts viewers in board:presence as sockets join, leave and disconnect", async () => {
    const slug = await newBoard(owner.api);
    const viewers = (c: BoardClient) => c.presence.filter((p) => p.board === slug).at(-1)?.viewers;
    const a = await connectClient(app.url);
    const b = await connectClient(app.url);
    const c = await connectClient(app.url);
    expect((await a.join({ slug })).ok).toBe(true);
    await waitUntil(() => viewers(a) === 1, 5_000, () => `1 viewer, saw ${viewers(a)}`);
    expect((await b.join({ slug })).ok).toBe(true);
    await waitUntil(() => viewers(a) === 2 && viewers(b) === 2, 5_000, () => `2 viewers, saw ${viewers(a)}/${viewers(b)}`);

    b.close();
    await waitUntil(() => viewers(a) === 1, 5_000, () => `1 viewer after disconnect, saw ${viewers(a)}`);

    expect((await c.join({ slug })).ok).toBe(true);
    await waitUntil(() => viewers(a) === 2, 5_000, () => `2 viewers, saw ${viewers(a)}`);
    c.socket.emit("board:leave", { slug });
    await waitUntil(() => viewers(a) === 1, 5_000, () => `1 viewer after leave, saw ${viewers(a)}`);

    // A socket that left gets nothing more from the board.
    await postNeed(slug, 1);
    await a.waitForSeq(1);
    await sleep(250);
    expect(c.events).toEqual([]);
  });
});
