// Sockets follow the session across instances on one PostgreSQL (ADR 011): signing out, revoking a token
// or removing a member through instance A ends the affected sockets held by instance B, which learns of
// it through NOTIFY, while B's other sockets stream on.
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type TestPostgres } from "../support/postgres";
import { ApiClient, newMember, newSpec } from "../support/api-client";
import { rawRequest } from "../support/fixtures";
import { closeAllClients, connectClient, newBoard, sleep, waitUntil, type BoardClient } from "../support/socket";
import { freePort } from "../support/free-port";
import { spawnInstance, stopInstance, waitReady, type Instance } from "../support/instances";

describe("access ends across two instances on one PostgreSQL", () => {
  let postgres: TestPostgres;
  let databaseUrl: string;
  let a: Instance;
  let b: Instance;
  let apiA: ApiClient;

  beforeAll(async () => {
    postgres = await startPostgres();
    databaseUrl = await postgres.createDatabase("access_ends");
    const portA = await freePort();
    const portB = await freePort([portA]);
    // One after the other: their concurrent start is the other test file's subject.
    a = spawnInstance("A", portA, { DATABASE_URL: databaseUrl });
    await waitReady(a);
    b = spawnInstance("B", portB, { DATABASE_URL: databaseUrl });
    await waitReady(b);
    apiA = new ApiClient(a.url);
  }, 240_000);
  afterEach(() => closeAllClients());
  afterAll(async () => {
    await Promise.all([a, b].filter(Boolean).map(stopInstance));
    await postgres?.stop();
  }, 60_000);

  async function setup() {
    const steward = await newMember(apiA);
    const specId = (await newSpec(steward.api)).id;
    const crew = await newBoard(steward.api, "members");
    const post = async (title: string) => {
      const r = await steward.api.post(`/boards/${crew}/signals`, { kind: "need", resourceSpecId: specId, quantity: 1, title });
      expect(r.status).toBe(201);
    };
    // A witness on B that keeps its access: what it receives, the cut socket must not.
    const witness = await connectClient(b.url, { token: steward.token });
    expect((await witness.join({ slug: crew })).ok).toBe(true);
    return { steward, crew, post, witness };
  }

  async function expectCutOff(cut: BoardClient, witness: BoardClient, crew: string, post: (t: string) => Promise<void>, reason: string) {
    await waitUntil(() => cut.revoked.length > 0, 10_000, () => "board:revoked on B");
    expect(cut.revoked).toEqual([{ board: crew, reason }]);
    await post("written through A after the end");
    const has = (c: BoardClient) => c.events.some((e) => e.data.signal?.title === "written through A after the end");
    await waitUntil(() => has(witness), 10_000, () => "the witness on B receiving the write");
    await sleep(300);
    expect(has(cut)).toBe(false);
    expect(witness.revoked).toEqual([]);
    expect(await cut.join({ slug: crew })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  }

  it("signing out through A ends the session's socket on B", async () => {
    const { steward, crew, post, witness } = await setup();
    const signIn = await rawRequest(a.url, "POST", "/sessions", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: steward.email, password: steward.password }),
    });
    expect(signIn.status).toBe(201);
    const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith("sb_session="))!.split(";")[0]!;
    const onB = await connectClient(b.url, { cookie });
    expect((await onB.join({ slug: crew })).ok).toBe(true);

    expect((await rawRequest(a.url, "DELETE", "/sessions", { headers: { cookie } })).status).toBe(204);
    await expectCutOff(onB, witness, crew, post, "signed-out");
  });

  it("revoking a token through A ends the token's socket on B", async () => {
    const { steward, crew, post, witness } = await setup();
    const t = await steward.api.post("/tokens", { email: steward.email, password: steward.password, label: "on B" });
    const onB = await connectClient(b.url, { token: t.body.token });
    expect((await onB.join({ slug: crew })).ok).toBe(true);

    expect((await steward.api.delete(`/tokens/${t.body.id}`)).status).toBe(204);
    await expectCutOff(onB, witness, crew, post, "token-revoked");
  });

  it("a sign-out notified while B's LISTEN connection was down still ends the socket on B once it listens again", async () => {
    const { steward, crew, post, witness } = await setup();
    const signIn = await rawRequest(a.url, "POST", "/sessions", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: steward.email, password: steward.password }),
    });
    const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith("sb_session="))!.split(";")[0]!;
    const onB = await connectClient(b.url, { cookie });
    expect((await onB.join({ slug: crew })).ok).toBe(true);

    // Cut both instances' access LISTEN connections; they come back after a back-off of 250 ms, so the
    // sign-out's notification, sent at once, reaches nobody.
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      const cut = await admin.query(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND query = 'LISTEN "access_ended"'`,
      );
      expect(cut.rows[0].n).toBe(2);
    } finally {
      await admin.end();
    }
    expect((await rawRequest(a.url, "DELETE", "/sessions", { headers: { cookie } })).status).toBe(204);
    await expectCutOff(onB, witness, crew, post, "signed-out");
  });

  it("removing a member through A ends their socket on B", async () => {
    const { steward, crew, post, witness } = await setup();
    const m = await newMember(apiA);
    // No API lets a person into a members-only board yet (invitations are later work): write the row.
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO board_members ("boardId", "userId", role) SELECT id, $2::uuid, 'member' FROM boards WHERE slug = $1`,
        [crew, m.id],
      );
    } finally {
      await client.end();
    }
    const onB = await connectClient(b.url, { token: m.token });
    expect((await onB.join({ slug: crew })).ok).toBe(true);

    expect((await steward.api.delete(`/boards/${crew}/members/${m.id}`)).status).toBe(204);
    await expectCutOff(onB, witness, crew, post, "membership-ended");
  });
});
