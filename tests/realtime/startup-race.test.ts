// Several app instances may start at the same moment on one PostgreSQL (two-instances.test.ts does it
// with real processes, where the race is timing-dependent). Here the start-up steps every instance runs
// are raced directly, many at once, so a non-atomic step fails every time rather than now and then.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type TestPostgres } from "../support/postgres";
import { openDatabase, type Database } from "../../server/db/database";
import { ensureCommonsBoard } from "../../server/services/ensure-commons";
import type { ServiceContext } from "../../server/services/context";
import { range, sleep } from "../support/socket";

describe("start-up steps raced by several instances on PostgreSQL", () => {
  let postgres: TestPostgres;
  const opened: Database[] = [];
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(async () => {
    await Promise.all(opened.map((d) => d.close()));
    // Database.close() resolves before the pool's sockets have closed; stopping PostgreSQL at once would
    // make them raise 57P01 as uncaught exceptions (the pool's error listener is gone by then).
    await sleep(500);
    await postgres?.stop();
  });

  it("opening (and migrating) one empty database from 6 instances at once succeeds for all", async () => {
    const url = await postgres.createDatabase("migrate_race");
    const results = await Promise.allSettled(range(1, 6).map(() => openDatabase({ databaseUrl: url, dataDir: "memory://" })));
    for (const r of results) if (r.status === "fulfilled") opened.push(r.value);
    expect(results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => String(r.reason))).toEqual([]);
    const boards = await opened[0]!.prisma.board.count();
    expect(boards).toBe(0); // migrated, empty
  });

  it("ensureCommonsBoard from 8 instances at once: all succeed, one commons board (5 rounds)", async () => {
    const url = await postgres.createDatabase("commons_race");
    const dbs = await Promise.all(range(1, 8).map(async () => openDatabase({ databaseUrl: url, dataDir: "memory://" })));
    opened.push(...dbs);
    const failures: string[] = [];
    for (let round = 1; round <= 5; round++) {
      await dbs[0]!.prisma.board.deleteMany({ where: { slug: "commons" } });
      const results = await Promise.allSettled(dbs.map((d) => ensureCommonsBoard({ prisma: d.prisma } as ServiceContext)));
      for (const r of results) {
        if (r.status === "rejected") {
          failures.push(`round ${round}: ${r.reason?.code}: ${String(r.reason?.message).trim().split("\n").at(-1)}`);
        }
      }
      expect(await dbs[0]!.prisma.board.count({ where: { slug: "commons" } })).toBe(1);
    }
    expect(failures).toEqual([]);
  });
});
