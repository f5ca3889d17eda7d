// Several app instances on one PostgreSQL: both start at the same moment on an empty database (the
// migration lock), and a client on either instance sees every event of the board, whichever instance
// wrote it, in order and exactly once: the same sequence on both.
import { readdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type TestPostgres } from "../support/postgres";
import { ApiClient, newMember, newSpec } from "../support/api-client";
import { closeAllClients, connectClient, eventsFromApi, newBoard, range, seqs, sleep, waitUntil, type BoardClient } from "../support/socket";
import { freePort } from "../support/free-port";
import { spawnInstance as spawnApp, stopInstance, waitReady, type Instance } from "../support/instances";

const ROOT = path.resolve(import.meta.dirname, "../..");

const spawnInstance = (name: string, databaseUrl: string, port: number): Instance =>
  spawnApp(name, port, { DATABASE_URL: databaseUrl });

describe("two app instances on one PostgreSQL", () => {
  let postgres: TestPostgres;
  let databaseUrl: string;
  const instances: Instance[] = [];
  let a: Instance;
  let b: Instance;
  let apiA: ApiClient;
  let apiB: ApiClient;

  /** What went wrong when both started at once; asserted by the first test, not thrown here. */
  const startupFailures: string[] = [];

  beforeAll(async () => {
    postgres = await startPostgres();
    databaseUrl = await postgres.createDatabase("two_instances");
    const portA = await freePort([]);
    const portB = await freePort([portA]);
    // Both at the same moment, against an empty database: only the migration lock keeps them apart.
    a = spawnInstance("A", databaseUrl, portA);
    b = spawnInstance("B", databaseUrl, portB);
    instances.push(a, b);
    const started = await Promise.allSettled([waitReady(a), waitReady(b)]);
    // An instance that lost a start-up race is started again (alone), so the streaming tests still run.
    for (const [i, r] of started.entries()) {
      if (r.status === "fulfilled") continue;
      startupFailures.push(String(r.reason));
      const old = i === 0 ? a : b;
      const again = spawnInstance(`${old.name}'`, databaseUrl, Number(new URL(old.url).port));
      instances.push(again);
      await waitReady(again);
      if (i === 0) a = again;
      else b = again;
    }
    apiA = new ApiClient(a.url);
    apiB = new ApiClient(b.url);
  }, 180_000);
  afterEach(() => closeAllClients());
  afterAll(async () => {
    await Promise.all(instances.map(stopInstance));
    await postgres?.stop();
  }, 60_000);

  it("both instances started at once: both came up, each migration applied once, one commons board", async () => {
    expect(startupFailures).toEqual([]);
    const migrations = (await readdir(path.join(ROOT, "prisma/migrations"), { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const rows = await client.query(
        `SELECT migration_name, finished_at IS NOT NULL AS done FROM "_prisma_migrations" ORDER BY migration_name`,
      );
      expect(rows.rows).toEqual(migrations.map((m) => ({ migration_name: m, done: true })));
      const commons = await client.query(`SELECT count(*)::int AS n FROM boards WHERE slug = 'commons'`);
      expect(commons.rows[0].n).toBe(1);
    } finally {
      await client.end();
    }
    for (const api of [apiA, apiB]) {
      const r = await api.get("/boards");
      expect(r.status).toBe(200);
      expect(r.body.items.map((x: { slug: string }) => x.slug)).toContain("commons");
    }
  });

  it("clients on A and B see the same interleaved writes from both instances, in order, exactly once", async () => {
    const owner = await newMember(apiA);
    const maker = await newMember(apiB);
    const specId = (await newSpec(owner.api)).id;
    const slug = await newBoard(owner.api);
    expect((await maker.api.post(`/boards/${slug}/members`)).status).toBe(201); // through B: seq 1

    const onA = await connectClient(a.url);
    const onB = await connectClient(b.url);
    expect(await onA.join({ slug, afterSeq: 0 })).toMatchObject({ ok: true });
    expect(await onB.join({ slug, afterSeq: 0 })).toMatchObject({ ok: true });

    // The same person writes through A on even steps and B on odd ones: 30 writes, in groups of 5 in flight.
    const via = (i: number, who: typeof owner) => new ApiClient(i % 2 ? b.url : a.url, who.token);
    const signalIds: string[] = [];
    for (let group = 0; group < 6; group++) {
      const answers = await Promise.all(
        range(group * 5, group * 5 + 4).map(async (i) => {
          if (i % 5 === 4 && signalIds.length > 0) {
            return via(i, maker).post(`/signals/${signalIds[signalIds.length - 1 - (i % 3)]}/claims`, { quantity: 1 });
          }
          const r = await via(i, owner).post(`/boards/${slug}/signals`, {
            kind: "need",
            resourceSpecId: specId,
            quantity: 10 + i,
            title: `write ${i} via ${i % 2 ? "B" : "A"}`,
          });
          if (r.status === 201) signalIds.push(r.body.id);
          return r;
        }),
      );
      expect(answers.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    }

    const n = 31;
    await Promise.all([onA.waitForSeq(n), onB.waitForSeq(n)]);
    await sleep(300);
    const logA = await eventsFromApi(apiA, slug);
    const logB = await eventsFromApi(apiB, slug);
    expect(logA.lastSeq).toBe(n);
    expect(logB).toEqual(logA);
    expect(seqs(onA.events)).toEqual(range(1, n));
    expect(seqs(onB.events)).toEqual(range(1, n));
    expect(onA.events).toEqual(logA.events);
    expect(onB.events).toEqual(onA.events);
    const titles = onB.events.map((e) => e.data.signal?.title ?? "");
    expect(titles.some((t) => t.endsWith("via A"))).toBe(true);
    expect(titles.some((t) => t.endsWith("via B"))).toBe(true);
  });

  it("a client joining B mid-burst of writes through A alone ends with 1..N exactly once", async () => {
    const owner = await newMember(apiA);
    const specId = (await newSpec(owner.api)).id;
    const slug = await newBoard(owner.api);
    for (let batch = 0; batch < 6; batch++) {
      await Promise.all(
        range(1, 10).map(() => owner.api.post(`/boards/${slug}/signals`, { kind: "need", resourceSpecId: specId, quantity: 1 })),
      );
    }
    const base = 60;
    const joiners = await Promise.all(range(1, 8).map(() => connectClient(b.url)));
    let done = false;
    const burst = Promise.all(
      range(1, 40).map(() => owner.api.post(`/boards/${slug}/signals`, { kind: "need", resourceSpecId: specId, quantity: 2 })),
    ).finally(() => (done = true));
    const acks = [];
    for (const j of joiners) {
      acks.push(j.join({ slug, afterSeq: 0 }));
      if (!done) await sleep(20);
    }
    expect((await burst).map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    for (const ack of await Promise.all(acks)) expect(ack.ok).toBe(true);

    const n = base + 40;
    for (const j of joiners) await j.waitForSeq(n);
    await sleep(300);
    const log = await eventsFromApi(apiB, slug);
    expect(log.lastSeq).toBe(n);
    for (const j of joiners) {
      expect(seqs(j.events)).toEqual(range(1, n));
      expect(j.events).toEqual(log.events);
    }
  });

  it("streams on B what only A writes, with no client on A: B learns of it through the database", async () => {
    const owner = await newMember(apiA);
    const specId = (await newSpec(owner.api)).id;
    const slug = await newBoard(owner.api);
    const onB = await connectClient(b.url);
    expect((await onB.join({ slug })).ok).toBe(true);
    for (let i = 0; i < 5; i++) {
      const r = await owner.api.post(`/boards/${slug}/signals`, { kind: "need", resourceSpecId: specId, quantity: 1 });
      expect(r.status).toBe(201);
    }
    await waitUntil(() => onB.lastSeq() >= 5, 10_000, () => `seq 5 on B, have ${onB.lastSeq()}`);
    expect(seqs(onB.events)).toEqual(range(1, 5));
  });

  it("counts the viewers of a board on every instance: each sees the total, and a leaver is subtracted", async () => {
    const owner = await newMember(apiA);
    const slug = await newBoard(owner.api);
    const viewers = (c: BoardClient) => c.presence.filter((p) => p.board === slug).at(-1)?.viewers;
    const onA = await connectClient(a.url);
    const onB1 = await connectClient(b.url);
    const onB2 = await connectClient(b.url);
    expect((await onA.join({ slug })).ok).toBe(true);
    expect((await onB1.join({ slug })).ok).toBe(true);
    expect((await onB2.join({ slug })).ok).toBe(true);
    const seen = () => `A ${viewers(onA)}, B ${viewers(onB1)}/${viewers(onB2)}`;
    await waitUntil(() => [onA, onB1, onB2].every((c) => viewers(c) === 3), 10_000, () => `3 viewers everywhere, saw ${seen()}`);

    onB2.close();
    await waitUntil(() => viewers(onA) === 2 && viewers(onB1) === 2, 10_000, () => `2 viewers after one left B, saw ${seen()}`);
    onA.close();
    await waitUntil(() => viewers(onB1) === 1, 10_000, () => `1 viewer after A's left, saw ${seen()}`);
  });

  it("counts failed sign-ins across instances: ten failures spread over A and B lock the email out on both", async () => {
    const victim = await newMember(apiA);
    for (let i = 0; i < 10; i++) {
      const r = await (i % 2 ? apiB : apiA).post("/tokens", { email: victim.email, password: `wrong-${i}-password` });
      expect(r.status, `attempt ${i}`).toBe(401);
    }
    for (const api of [apiA, apiB]) {
      const r = await api.post("/tokens", { email: victim.email, password: victim.password });
      expect(r.status).toBe(429);
      expect(r.body.error.code).toBe("RATE_LIMITED");
    }
  });

  // Last: it cuts every database connection of both instances.
  it("keeps streaming to B what A writes after PostgreSQL cut every connection (restart, failover)", async () => {
    const owner = await newMember(apiA);
    const specId = (await newSpec(owner.api)).id;
    const slug = await newBoard(owner.api);
    const post = () => owner.api.post(`/boards/${slug}/signals`, { kind: "need", resourceSpecId: specId, quantity: 1 });
    const onB = await connectClient(b.url);
    expect((await onB.join({ slug })).ok).toBe(true);
    expect((await post()).status).toBe(201);
    await onB.waitForSeq(1);

    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    const cut = await admin.query(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    await admin.end();
    expect(cut.rows[0].n).toBeGreaterThanOrEqual(2); // at least the two LISTEN connections
    await sleep(1_000);

    for (let i = 0; i < 3; i++) expect((await post()).status).toBe(201);
    // B's LISTEN connection was cut too: B must listen again (and catch up on what it missed meanwhile).
    await waitUntil(() => onB.lastSeq() >= 4, 15_000, () => `seq 4 on B after the cut, have ${onB.lastSeq()}`).catch(() => {});
    expect(seqs(onB.events)).toEqual(range(1, 4));
    expect(a.exited || b.exited).toBe(false);
  });
});
