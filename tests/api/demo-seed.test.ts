// No published password on a real deployment: the demo network (whose password is in the README) is
// seeded by default only on the embedded database; on PostgreSQL only when SEED_DEMO=true says so. When
// demo accounts exist and the server listens beyond the loopback, it says so loudly at start. Each case
// starts the server as `npm start` does (its own process) and reads what it prints.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, demoUsers } from "../../prisma/seed-data";
import { ApiClient } from "../support/api-client";
import { freePort } from "../support/free-port";
import { spawnInstance, stopInstance, waitReady, type Instance } from "../support/instances";
import { startPostgres, type TestPostgres } from "../support/postgres";

const WARNING = "DEMO ACCOUNTS REACHABLE";
const steward = demoUsers.find((u) => u.key === "ada")!;

/** Starts an instance with `env` (SEED_DEMO left unset unless given), waits for it, and stops it after `fn`. */
async function withInstance(env: Record<string, string | undefined>, fn: (inst: Instance, api: ApiClient) => Promise<void>) {
  const inst = spawnInstance("demo", await freePort(), { SEED_DEMO: undefined, LOG_LEVEL: "info", ...env });
  try {
    await waitReady(inst, 240_000);
    await fn(inst, new ApiClient(inst.url));
  } finally {
    await stopInstance(inst);
  }
}

const printed = (inst: Instance) => inst.output.join("");

async function demoAccountsIn(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const r = await client.query(`SELECT count(*)::int AS n FROM users WHERE email = ANY($1)`, [demoUsers.map((u) => u.email)]);
    return r.rows[0].n;
  } finally {
    await client.end();
  }
}

describe("the demo seed on PostgreSQL", () => {
  let postgres: TestPostgres;
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(async () => {
    await postgres?.stop();
  });

  it("without SEED_DEMO: no demo account exists, the demo password signs nobody in, and nothing warns", async () => {
    const databaseUrl = await postgres.createDatabase("no_demo");
    await withInstance({ DATABASE_URL: databaseUrl, HOST: "0.0.0.0" }, async (inst, api) => {
      const signIn = await api.post("/tokens", { email: steward.email, password: DEMO_PASSWORD });
      expect(signIn.status, JSON.stringify(signIn.body)).toBe(401);
      expect((await api.get("/boards")).body.items.map((b: { slug: string }) => b.slug)).toEqual(["commons"]);
      expect(printed(inst)).not.toContain(WARNING);
    });
    expect(await demoAccountsIn(databaseUrl)).toBe(0);
  }, 300_000);

  it("with SEED_DEMO=true: the demo is seeded, and listening beyond the loopback warns at start", async () => {
    const databaseUrl = await postgres.createDatabase("with_demo");
    await withInstance({ DATABASE_URL: databaseUrl, SEED_DEMO: "true", HOST: "0.0.0.0" }, async (inst, api) => {
      expect((await api.post("/tokens", { email: steward.email, password: DEMO_PASSWORD })).status).toBe(201);
      expect(printed(inst)).toContain(WARNING);
    });
    expect(await demoAccountsIn(databaseUrl)).toBe(demoUsers.length);
  }, 300_000);
});

describe("the demo seed on the embedded database", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "sb-demo-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("seeds by default; listening on 0.0.0.0 prints the warning, naming the published password's risk", async () => {
    await withInstance({ DATA_DIR: path.join(dir, "demo"), HOST: "0.0.0.0" }, async (inst, api) => {
      expect((await api.post("/tokens", { email: steward.email, password: DEMO_PASSWORD })).status).toBe(201);
      const line = printed(inst)
        .split("\n")
        .find((l) => l.includes(WARNING));
      expect(line, printed(inst)).toBeDefined();
      const entry = JSON.parse(line!);
      expect(entry.level).toBe(40); // pino's warn
      expect(entry.demoAccounts).toBe(demoUsers.length);
      expect(entry.msg).toMatch(/password is published/);
      expect(entry.msg).toMatch(/HOST=127\.0\.0\.1/);
    });
  }, 300_000);

  it("on the loopback the same demo (the folder the test above seeded) prints no warning", async () => {
    await withInstance({ DATA_DIR: path.join(dir, "demo"), HOST: "127.0.0.1" }, async (inst, api) => {
      expect((await api.post("/tokens", { email: steward.email, password: DEMO_PASSWORD })).status).toBe(201);
      expect(printed(inst)).toContain("listening on");
      expect(printed(inst)).not.toContain(WARNING);
    });
  }, 300_000);
});
