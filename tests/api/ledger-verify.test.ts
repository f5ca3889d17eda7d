// Verify runs in the database (ledger-canonical-sql.ts): PostgreSQL rebuilds each row's canonical text and
// hashes it. That is only sound if its text is byte for byte what JavaScript's canonicalText writes. This
// file checks it differentially on both databases: chains with hostile content (control characters,
// quotes, backslashes, any Unicode, tiny and negative-zero coordinates, years from 1 to 9999, corrections)
// are written as rows, and the database's verdict must equal the JavaScript walk's, before and after a
// random row is altered behind the append-only trigger's back.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DB_KINDS } from "../support/server";
import { newBoard, useApp } from "../support/fixtures";
import { canonicalQuantity, chain, GENESIS_HASH } from "../../server/domain/ledger-hash";
import { ECONOMIC_ACTIONS } from "../../server/domain/ledger-actions";
import { verifyLedgerChain, verifyLedgerChainInJs } from "../../server/services/ledger-verify";

// PostgreSQL text holds no NUL and no lone surrogate; everything else is fair game.
const text = fc.string({ unit: "binary", maxLength: 12 }).map((s) => s.replace(/\u0000/g, "").replace(/[\ud800-\udfff]/g, "?"));
const coordinate = (max: number) =>
  fc.oneof(fc.double({ min: -max, max, noNaN: true }), fc.constantFrom(0, -0, 1e-5, -3e-7, 0.0001, 5e-324, max, 1 / 3));
const place = fc.option(fc.record({ name: fc.option(text, { nil: null }), lat: coordinate(90), lng: coordinate(180) }), { nil: null });
const date = fc.date({ min: new Date("0001-01-01T00:00:00.000Z"), max: new Date("9999-12-31T23:59:59.999Z"), noInvalidDate: true });
const content = fc.record({
  action: fc.constantFrom(...ECONOMIC_ACTIONS),
  thousandths: fc.integer({ min: 1, max: 99_999_999_999_000 }),
  unit: text,
  location: place,
  toLocation: place,
  occurredAt: date,
  recordedAt: date,
  note: fc.option(text, { nil: null }),
  corrects: fc.boolean(),
});

const COLUMNS = `id, "boardId", seq, action, "resourceSpecId", quantity, unit, "providerId", "receiverId", "locationName", lat, lng,
  "toLocationName", "toLat", "toLng", "occurredAt", "recordedAt", "recordedById", note, "claimId", "correctsId", hash, "previousHash"`;

describe.each(DB_KINDS)("ledger verify in the database on %s", (kind) => {
  const h = useApp(kind);

  async function ledger() {
    const b = await newBoard(h.api);
    const orgs = [];
    for (const name of ["Maker", "Clinic"]) orgs.push((await b.steward.api.post("/organizations", { name, kind: "hub" })).body as { id: string });
    const board = await h.app.ctx.prisma.board.findUniqueOrThrow({ where: { slug: b.slug }, select: { id: true } });
    return { boardId: board.id, specId: b.spec.id as string, orgs: orgs.map((o) => o.id), userId: b.steward.id as string };
  }

  type Ledger = Awaited<ReturnType<typeof ledger>>;

  /** Writes the rows as they are (hashes computed by JavaScript), and the head the last append would record. */
  async function write(l: Ledger, items: Array<typeof content extends fc.Arbitrary<infer T> ? T : never>) {
    const ids = items.map(() => randomUUID());
    const rows = chain(
      items.map((c, i) => ({
        id: ids[i]!, boardId: l.boardId, seq: i + 1, action: c.action, resourceSpecId: l.specId, quantity: c.thousandths / 1000,
        unit: c.unit, providerId: l.orgs[0]!, receiverId: l.orgs[i % 2]!, location: c.location, toLocation: c.toLocation,
        occurredAt: c.occurredAt, recordedAt: c.recordedAt, recordedById: i % 3 === 0 ? null : l.userId, note: c.note,
        claimId: null, correctsId: c.corrects && i > 0 ? ids[i - 1]! : null,
      })),
    );
    const json = rows.map((r) => ({
      id: r.id, boardId: r.boardId, seq: r.seq, action: r.action, resourceSpecId: r.resourceSpecId, quantity: canonicalQuantity(r.quantity),
      unit: r.unit, providerId: r.providerId, receiverId: r.receiverId, locationName: r.location?.name ?? null, lat: r.location?.lat ?? null,
      lng: r.location?.lng ?? null, toLocationName: r.toLocation?.name ?? null, toLat: r.toLocation?.lat ?? null, toLng: r.toLocation?.lng ?? null,
      occurredAt: r.occurredAt.toISOString(), recordedAt: r.recordedAt.toISOString(), recordedById: r.recordedById, note: r.note,
      claimId: null, correctsId: r.correctsId, hash: r.hash, previousHash: r.previousHash,
    }));
    // JSON cannot carry -0; the rows that have it get it back with an UPDATE while the trigger is off.
    const negativeZero = rows.flatMap((r) =>
      [["lat", r.location?.lat], ["lng", r.location?.lng], ["toLat", r.toLocation?.lat], ["toLng", r.toLocation?.lng]]
        .filter(([, v]) => Object.is(v, -0))
        .map(([column]) => ({ id: r.id, column })),
    );
    await h.app.ctx.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`INSERT INTO economic_events (${COLUMNS}) SELECT ${COLUMNS} FROM json_populate_recordset(null::economic_events, $1::json)`, JSON.stringify(json));
      await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
      for (const z of negativeZero) await tx.$executeRawUnsafe(`UPDATE economic_events SET "${z.column}" = '-0'::float8 WHERE id = $1::uuid`, z.id);
      await tx.$executeRawUnsafe(`INSERT INTO ledger_heads ("boardId", "lastSeq", "headHash") VALUES ($1::uuid, $2, $3)
        ON CONFLICT ("boardId") DO UPDATE SET "lastSeq" = EXCLUDED."lastSeq", "headHash" = EXCLUDED."headHash"`, l.boardId, rows.length, rows.at(-1)?.hash ?? GENESIS_HASH);
    });
    return rows;
  }

  const both = async (boardId: string) => {
    const inDb = await verifyLedgerChain(h.app.ctx.prisma, boardId);
    expect(inDb, "the database's verdict is the JavaScript walk's").toEqual(await verifyLedgerChainInJs(h.app.ctx.prisma, boardId));
    return inDb;
  };

  it("hostile content verifies in the database exactly as in JavaScript; an altered row is found at the same link", async () => {
    const alterations = [
      `unit = unit || 'x'`, `note = coalesce(note, '') || E'\\n'`, `quantity = quantity + 0.001`, `lat = coalesce(lat, 0) + 1e-9, lng = coalesce(lng, 0)`,
      `"occurredAt" = "occurredAt" + interval '1 millisecond'`, `"recordedById" = NULL`, `action = 'raise'`, `seq = seq + 1000`,
    ];
    await fc.assert(
      fc.asyncProperty(fc.array(content, { minLength: 1, maxLength: 14 }), fc.nat(), fc.constantFrom(...alterations), async (items, pick, alteration) => {
        const l = await ledger();
        const rows = await write(l, items);
        expect(await both(l.boardId)).toEqual({ ok: true, count: rows.length, headHash: rows.at(-1)!.hash });

        const victim = rows[pick % rows.length]!;
        await h.app.ctx.prisma.$transaction(async (tx) => {
          await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
          await tx.$executeRawUnsafe(`UPDATE economic_events SET ${alteration} WHERE id = $1::uuid`, victim.id);
        });
        const after = await both(l.boardId);
        // An alteration that leaves the canonical text as it was (an action set to what it was, a NULL
        // set to NULL) is no alteration; any other is found at the victim, or at the gap it leaves.
        if (after.ok) expect(after.count).toBe(rows.length);
        else expect(after.brokenAt!.seq).toBe(victim.seq);
      }),
      { numRuns: kind === "pglite" ? 12 : 8 },
    );
  });

  it("a ledger of edge rows is walked in JavaScript as a whole, with the same verdict", async () => {
    const l = await ledger();
    const tiny = { name: "Null Island", lat: 1e-5, lng: -0.00002 };
    const items = Array.from({ length: 6 }, (_, i) => ({
      action: "produce" as const, thousandths: 1000 * (i + 1), unit: "each", location: tiny, toLocation: null,
      occurredAt: new Date("0999-05-01T00:00:00.000Z"), recordedAt: new Date("2026-11-27T10:00:00.000Z"), note: null, corrects: false,
    }));
    const rows = await write(l, items);
    expect(await verifyLedgerChain(h.app.ctx.prisma, l.boardId, { maxEdgeRows: 2 })).toEqual({ ok: true, count: 6, headHash: rows[5]!.hash });
    await h.app.ctx.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
      await tx.$executeRawUnsafe(`UPDATE economic_events SET lat = 2e-5 WHERE id = $1::uuid`, rows[3]!.id);
    });
    const expected = { ok: false, count: 3, headHash: rows[2]!.hash, brokenAt: { seq: 4, eventId: rows[3]!.id, reason: "content" } };
    expect(await verifyLedgerChain(h.app.ctx.prisma, l.boardId, { maxEdgeRows: 2 })).toEqual(expected);
    expect(await verifyLedgerChain(h.app.ctx.prisma, l.boardId)).toEqual(expected);
  });
});
