// The board's list orders by intensity computed in SQL (server/services/intensity-sql.ts). It must be the
// domain's number (intensityScore): random signals, stored in the real database, scored by both at random
// clocks, on both databases. Dates land exactly on the clock too, where "due now" and "ended" switch.
import { describe, expect, it } from "vitest";
import { Prisma } from "../../server/db/generated/client";
import { defaultIntensityConfig, intensityScore, type IntensityConfig } from "../../server/domain/intensity";
import { intensitySql, signalColumns } from "../../server/services/intensity-sql";
import { DB_KINDS } from "../support/server";
import { prng, useApp } from "../support/fixtures";

const KINDS = ["need", "order", "capacity", "stock"] as const;
const HOUR = 3_600_000;
const BASE = Date.parse("2026-11-20T12:00:00.000Z");

describe.each(DB_KINDS)("intensity in SQL on %s", (kind) => {
  const h = useApp(kind, { withoutNext: true });

  async function seed(n: number, seedNo: number) {
    const prisma = h.app.ctx.prisma;
    const rnd = prng(seedNo);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const user = await prisma.user.create({ data: { email: `sql-${seedNo}-${kind}@example.org`, name: "SQL", passwordHash: "x" } });
    const board = await prisma.board.create({ data: { slug: `sql-${seedNo}-${kind}`, name: "SQL" } });
    const spec = await prisma.resourceSpec.create({ data: { name: "Spec", unit: "kg" } });
    // Dates on whole hours around BASE, so that some fall exactly on a clock below.
    const date = () => (rnd() < 0.2 ? null : new Date(BASE + Math.round((rnd() - 0.4) * 1200) * HOUR));
    const rows = Array.from({ length: n }, () => {
      const quantity = Math.round((0.001 + rnd() * 500) * 1000) / 1000;
      const claimedRoll = rnd();
      const claimedQuantity =
        claimedRoll < 0.4 ? 0 : claimedRoll < 0.5 ? quantity : Math.round(rnd() * quantity * 1000) / 1000;
      return {
        boardId: board.id,
        kind: pick(KINDS),
        resourceSpecId: spec.id,
        title: "t",
        quantity,
        claimedQuantity,
        ownerId: user.id,
        dueAt: date(),
        availableUntil: date(),
        reinforcementCount: rnd() < 0.5 ? 0 : Math.floor(rnd() * 40),
        refreshedAt: new Date(BASE - Math.round((rnd() - 0.05) * 900 * HOUR) - Math.floor(rnd() * 1000)),
      };
    });
    await prisma.signal.createMany({ data: rows });
    return board.id;
  }

  async function compare(boardId: string, now: Date, config: IntensityConfig) {
    const rows = await h.app.ctx.prisma.$queryRaw<
      Array<{ id: string; score: number; kind: (typeof KINDS)[number]; quantity: unknown; claimedQuantity: unknown } & Record<string, any>>
    >(Prisma.sql`SELECT s.id::text AS id, s.kind::text AS kind, s.quantity, s."claimedQuantity", s."dueAt", s."availableUntil",
                        s."reinforcementCount", s."refreshedAt", ${intensitySql(signalColumns("s"), now, config)} AS score
                   FROM signals s WHERE s."boardId" = ${boardId}::uuid`);
    let worst = 0;
    for (const r of rows) {
      const expected = intensityScore(
        {
          kind: r.kind,
          quantity: Number(r.quantity),
          claimedQuantity: Number(r.claimedQuantity),
          dueAt: r.dueAt,
          availableUntil: r.availableUntil,
          reinforcementCount: r.reinforcementCount,
          refreshedAt: r.refreshedAt,
        },
        now,
        config,
      );
      const got = Number(r.score);
      worst = Math.max(worst, Math.abs(got - expected));
      expect(Math.abs(got - expected), `${JSON.stringify(r)} at ${now.toISOString()}: SQL ${got}, domain ${expected}`).toBeLessThanOrEqual(1e-12);
    }
    return { n: rows.length, worst, distinct: new Set(rows.map((r) => r.score)).size };
  }

  it("equals intensityScore on 600 random signals at random clocks, and on the hour of their dates", async () => {
    const boardId = await seed(600, 42);
    const rnd = prng(7);
    const clocks = [
      new Date(BASE), // many dates fall exactly here
      new Date(BASE + 5 * HOUR),
      ...Array.from({ length: 4 }, () => new Date(BASE + Math.round((rnd() - 0.3) * 1500 * HOUR) + Math.floor(rnd() * HOUR))),
    ];
    for (const now of clocks) {
      const r = await compare(boardId, now, defaultIntensityConfig);
      expect(r.n).toBe(600);
      expect(r.distinct).toBeGreaterThan(200); // the inputs really vary
    }
  });

  it("follows the configuration it is given", async () => {
    const boardId = await seed(200, 43);
    const config = { ...defaultIntensityConfig, halfLifeHours: 24, urgencyHorizonHours: 48, reinforcementSaturation: 1.5 };
    await compare(boardId, new Date(BASE + 17 * HOUR), config);
  });
});
