// The embedded database has no autovacuum: the app keeps the planner's statistics (and the dead row
// versions of updated tables) in hand itself. Run on both databases; PostgreSQL would also do it alone.
import { describe, expect, it } from "vitest";
import { refreshPlannerStatistics } from "../../server/services/planner-statistics";
import { DB_KINDS } from "../support/server";
import { newBoard, postSignal, useApp } from "../support/fixtures";

describe.each(DB_KINDS)("planner statistics on %s", (kind) => {
  const h = useApp(kind);

  it("analyzes the list's tables once they grew, and leaves a steady database alone", async () => {
    const prisma = h.app.ctx.prisma;
    const b = await newBoard(h.api);
    for (let i = 0; i < 30; i++) await postSignal(b.steward, b.slug, { kind: "need", resourceSpecId: b.spec.id, quantity: 1 + i });
    await refreshPlannerStatistics(h.app.ctx); // whatever start-up left to do
    expect(await refreshPlannerStatistics(h.app.ctx)).toEqual([]);
    const rows = await prisma.$queryRaw<Array<{ reltuples: number }>>`SELECT reltuples FROM pg_class WHERE relname = 'signals'`;
    expect(Number(rows[0]!.reltuples)).toBeGreaterThanOrEqual(30);

    // Grow the table well past a tenth: the next run analyzes it, and counts what is there now.
    await prisma.$executeRaw`INSERT INTO signals (id, "boardId", kind, "resourceSpecId", title, quantity, "ownerId", "updatedAt")
      SELECT gen_random_uuid(), s."boardId", s.kind, s."resourceSpecId", s.title, s.quantity, s."ownerId", now()
        FROM signals s, generate_series(1, 100) WHERE s.id = (SELECT id FROM signals LIMIT 1)`;
    const ran = await refreshPlannerStatistics(h.app.ctx);
    // PostgreSQL's own autovacuum may have got there first; on PGlite nothing else ever does.
    if (kind === "pglite") expect(ran).toContain("signals");
    const after = await prisma.$queryRaw<Array<{ reltuples: number }>>`SELECT reltuples FROM pg_class WHERE relname = 'signals'`;
    expect(Number(after[0]!.reltuples)).toBeGreaterThanOrEqual(130);
    expect(await refreshPlannerStatistics(h.app.ctx)).toEqual([]);
  });
});
