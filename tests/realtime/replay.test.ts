// A client that was away asks for everything after the last seq it saw: it gets exactly what it missed,
// in order, then the live stream, without a gap or a duplicate across the disconnect.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, DB_KINDS, type TestApp } from "../support/server";
import { ApiClient, newMember, newSpec } from "../support/api-client";
import { closeAllClients, connectClient, eventsFromApi, newBoard, range, reconnect, seqs, sleep } from "../support/socket";

type Member = Awaited<ReturnType<typeof newMember>>;

describe.each(DB_KINDS)("realtime replay on %s", (kind) => {
  let app: TestApp;
  let api: ApiClient;
  let owner: Member;
  let specId: string;

  beforeAll(async () => {
    app = await startTestApp(kind);
    api = new ApiClient(app.url);
    owner = await newMember(api);
    specId = (await newSpec(owner.api)).id;
  });
  afterEach(() => closeAllClients());
  afterAll(() => app?.stop());

  async function postNeed(slug: string, quantity = 1) {
    const r = await owner.api.post(`/boards/${slug}/signals`, { kind: "need", resourceSpecId: specId, quantity });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id as string;
  }

  it("after a disconnect, a rejoin with the last seq gets exactly the 20 missed events, then live ones", async () => {
    const slug = await newBoard(owner.api);
    const c = await connectClient(app.url);
    expect(await c.join({ slug, afterSeq: 0 })).toMatchObject({ ok: true, lastSeq: 0 });
    for (let i = 0; i < 5; i++) await postNeed(slug, i + 1);
    await c.waitForSeq(5);

    c.socket.disconnect();
    const lastSeen = c.lastSeq();
    expect(lastSeen).toBe(5);
    for (let i = 0; i < 20; i++) await postNeed(slug, 100 + i);
    await sleep(100);
    expect(c.events).toHaveLength(5); // nothing reaches a disconnected socket

    await reconnect(c);
    const ack = await c.join({ slug, afterSeq: lastSeen });
    expect(ack).toEqual({ ok: true, protocol: 1, board: slug, lastSeq: 25, replayed: 20 });
    const log = await eventsFromApi(api, slug);
    expect(c.events.slice(5)).toEqual(log.events.slice(5, 25));
    expect(c.events.slice(5).map((e) => e.data.signal?.quantity)).toEqual(range(100, 119));

    for (let i = 0; i < 5; i++) await postNeed(slug, 200 + i);
    await c.waitForSeq(30);
    await sleep(250);
    const full = await eventsFromApi(api, slug);
    expect(seqs(c.events)).toEqual(range(1, 30));
    expect(c.events).toEqual(full.events);
  });

  it("a new connection (a reloaded page) resumes from its last seq just the same", async () => {
    const slug = await newBoard(owner.api);
    for (let i = 0; i < 8; i++) await postNeed(slug);
    const first = await connectClient(app.url);
    expect((await first.join({ slug, afterSeq: 0 })).ok).toBe(true);
    expect(seqs(first.events)).toEqual(range(1, 8));
    first.close();

    for (let i = 0; i < 20; i++) await postNeed(slug);
    const second = await connectClient(app.url);
    expect(await second.join({ slug, afterSeq: 8 })).toMatchObject({ ok: true, lastSeq: 28, replayed: 20 });
    await postNeed(slug);
    await second.waitForSeq(29);
    await sleep(250);
    expect(seqs(second.events)).toEqual(range(9, 29));
    expect(second.events).toEqual((await eventsFromApi(api, slug, 8)).events);
  });

  it("loses nothing when writes keep coming during the disconnect and the rejoin", async () => {
    const slug = await newBoard(owner.api);
    const c = await connectClient(app.url);
    expect((await c.join({ slug })).ok).toBe(true);

    // Four writers in a loop until the reconnect rounds are over.
    let writing = true;
    let written = 0;
    const writers = Promise.all(
      range(1, 4).map(async () => {
        while (writing && written < 200) {
          await postNeed(slug);
          written++;
        }
      }),
    );

    for (let round = 0; round < 3; round++) {
      await c.waitForSeq(c.lastSeq() + 5);
      c.socket.disconnect();
      await sleep(40);
      await reconnect(c);
      const ack = await c.join({ slug, afterSeq: c.lastSeq() });
      expect(ack.ok).toBe(true);
    }
    await c.waitForSeq(c.lastSeq() + 5);
    writing = false;
    await writers;

    const log = await eventsFromApi(api, slug);
    await c.waitForSeq(log.lastSeq);
    await sleep(250);
    expect(seqs(c.events)).toEqual(range(1, log.lastSeq));
    expect(c.events).toEqual(log.events);
  });
});
