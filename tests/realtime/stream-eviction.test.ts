// A board's server-side stream lives only while someone watches the board on that instance: the last viewer
// leaving evicts it, and then a NOTIFY for the board costs no query. Viewers who join while a stream is
// being evicted, opened, or is reading the log must still get every event after their afterSeq exactly
// once, in order. On PostgreSQL the viewers sit on a second instance, whose stream learns of the writes
// only by NOTIFY and reads them from the log (the fetch path); on PGlite they share the writer's instance.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config";
import { startServer, type RunningServer } from "../../server/app-server";
import { startTestApp, DB_KINDS, type TestApp } from "../support/server";
import { ApiClient, newMember, newSpec } from "../support/api-client";
import { prng } from "../support/prng";
import { closeAllClients, connectClient, eventsFromApi, newBoard, range, seqs, sleep, waitUntil, type BoardClient } from "../support/socket";

describe.each(DB_KINDS)("board stream eviction on %s", (kind) => {
  let writer: TestApp;
  /** Where the viewers connect: a second instance on PostgreSQL, the writer itself on PGlite. */
  let viewers: RunningServer;
  let api: ApiClient;
  let owner: Awaited<ReturnType<typeof newMember>>;
  let specId: string;
  const streams = () => viewers.streams;

  beforeAll(async () => {
    writer = await startTestApp(kind);
    viewers = writer;
    if (kind === "postgres") {
      // Sockets only; started after the writer, it must not become the process's runtime for API routes.
      const config = loadConfig({
        NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: writer.postgres!.url("stigmergy_test"),
        SEED_DEMO: "false", SWEEP_INTERVAL_MS: "0", LOG_LEVEL: "warn",
      });
      const runtime = Symbol.for("stigmergy.runtime");
      const g = globalThis as Record<symbol, unknown>;
      const writersRuntime = g[runtime];
      viewers = await startServer({ config, withoutNext: true });
      g[runtime] = writersRuntime;
    }
    api = new ApiClient(writer.url);
    owner = await newMember(api);
    specId = (await newSpec(owner.api)).id;
  });
  afterEach(() => closeAllClients());
  afterAll(async () => {
    if (viewers && viewers !== writer) await viewers.close();
    await writer?.stop();
  });

  const post = async (slug: string) => {
    const r = await owner.api.post(`/boards/${slug}/signals`, { kind: "need", resourceSpecId: specId, quantity: 5 });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  };

  async function boardStream(slug: string) {
    const board = await writer.ctx.prisma.board.findUniqueOrThrow({ where: { slug }, select: { id: true } });
    return () => streams().get(board.id);
  }

  it("evicts the stream when the last viewer leaves or disconnects; then a NOTIFY for the board reads nothing", async () => {
    const slug = await newBoard(owner.api);
    const stream = await boardStream(slug);
    const a = await connectClient(viewers.url);
    const b = await connectClient(viewers.url);
    expect((await a.join({ slug })).ok).toBe(true);
    expect((await b.join({ slug })).ok).toBe(true);
    expect(stream()).toBeDefined();
    await post(slug);
    await a.waitForSeq(1);
    await b.waitForSeq(1);

    a.socket.emit("board:leave", { slug });
    await sleep(100);
    expect(stream(), "one viewer is left").toBeDefined();
    b.close();
    await waitUntil(() => stream() === undefined, 5_000, () => "eviction after the last viewer left");

    const fetches = streams().stats.fetches;
    for (let i = 0; i < 5; i++) await post(slug);
    await sleep(300);
    expect(streams().stats.fetches, "no viewer here: the writes cost this instance no read").toBe(fetches);
    expect(stream()).toBeUndefined();

    // Watching again opens a fresh stream from the log, and replay still covers what was missed.
    const c = await connectClient(viewers.url);
    const ack = await c.join({ slug, afterSeq: 1 });
    expect(ack).toMatchObject({ ok: true, lastSeq: 6, replayed: 5 });
    await post(slug);
    await c.waitForSeq(7);
    await sleep(200);
    expect(seqs(c.events)).toEqual(range(2, 7));
  });

  it("viewers joining while the stream is evicted, opened or reading the log get each event after afterSeq once, in order", async () => {
    const slug = await newBoard(owner.api);
    const stream = await boardStream(slug);
    const before = { ...streams().stats };
    const rnd = prng(kind === "pglite" ? 11 : 12);
    const WRITES = 150;
    let written = 0;
    const writing = (async () => {
      for (; written < WRITES; written++) {
        await post(slug);
        await sleep(rnd() * 6);
      }
    })();

    // A relay of viewers: the next one joins (often replaying the whole log, which takes a while) as the
    // previous one leaves, so the room empties while a join is under way, or just before it starts while
    // the stream may be reading the log. Each stays long enough to receive later events, which would
    // show a gap or a duplicate.
    const visits: Array<{ client: BoardClient; from: number; ackSeq: number; stayed: boolean }> = [];
    const visit = async (stay: boolean, previous: BoardClient | null) => {
      const client = await connectClient(viewers.url);
      const known = stream()?.lastSeq ?? written;
      const roll = rnd();
      // The one who stays always asks for a tail: the writes may all be done by the time it joins, and a
      // join "from now" after the last write rightly receives nothing.
      const afterSeq = stay ? Math.max(0, known - 1 - Math.floor(rnd() * 10)) : roll < 0.2 ? undefined : roll < 0.6 ? 0 : Math.max(0, known - Math.floor(rnd() * 10));
      const leave = () => (rnd() < 0.5 ? previous?.close() : previous?.socket.emit("board:leave", { slug }));
      if (rnd() < 0.3) leave(); // the stream is evicted first, and reopened by this join
      const joining = client.join(afterSeq === undefined ? { slug } : { slug, afterSeq });
      await sleep(rnd() * 4);
      leave();
      const ack = await joining;
      if (!ack.ok) throw new Error(JSON.stringify(ack));
      visits.push({ client, from: afterSeq ?? ack.lastSeq, ackSeq: ack.lastSeq, stayed: stay });
      if (!stay) await sleep(40 + rnd() * 120);
      return client;
    };
    let previous: BoardClient | null = null;
    // Visits go on while the writes do, and then until the stream has been evicted and reopened a few
    // times: on a loaded machine the writes can finish before the relay has raced much.
    const raced = () => streams().stats.evicted - before.evicted > 3 && streams().stats.opened - before.opened > 3;
    while ((written < WRITES - 5 || !raced()) && visits.length < 300) previous = await visit(false, previous);
    await visit(true, previous);
    await writing;
    const log = await eventsFromApi(api, slug);
    expect(log.lastSeq).toBe(WRITES);
    for (const v of visits.filter((x) => x.stayed)) await v.client.waitForSeq(WRITES);
    await sleep(300); // anything sent twice arrives by now

    expect(visits.length).toBeGreaterThan(10);
    for (const v of visits) {
      const got = seqs(v.client.events);
      // Every visit saw a gap-free, duplicate-free, ordered run from just after where it asked to start.
      expect(got, `joined after ${v.from} (ack ${v.ackSeq})`).toEqual(range(v.from + 1, v.from + got.length));
      expect(v.from + got.length).toBeGreaterThanOrEqual(v.ackSeq);
      if (v.stayed) expect(got.at(-1)).toBe(WRITES);
    }
    // The races were really run: the stream was evicted and reopened many times.
    expect(streams().stats.evicted - before.evicted).toBeGreaterThan(3);
    expect(streams().stats.opened - before.opened).toBeGreaterThan(3);
    if (kind === "postgres") expect(streams().stats.fetches - before.fetches).toBeGreaterThan(5);
  });
});
