import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { canonicalQuantity, canonicalText, chain, createChainVerifier, eventHash, GENESIS_HASH, type StoredChainedEvent } from "./ledger-hash";
import { ECONOMIC_ACTIONS } from "./ledger-actions";

const BOARD = "0e6b9a52-4c1f-4c55-9a53-5d1e0d7a0001";
const base = {
  id: "1f2e3d4c-0000-4000-8000-000000000001",
  boardId: BOARD,
  seq: 1,
  action: "produce" as const,
  resourceSpecId: "2a2a2a2a-0000-4000-8000-000000000002",
  quantity: 12.5,
  unit: "each",
  providerId: "3b3b3b3b-0000-4000-8000-000000000003",
  receiverId: "3b3b3b3b-0000-4000-8000-000000000003",
  location: { name: "Werkstatt \"Nord\"", lat: 52.52, lng: 13.405 },
  toLocation: null,
  occurredAt: new Date("2026-11-27T10:00:00.000Z"),
  recordedAt: new Date("2026-11-27T10:00:01.250Z"),
  recordedById: null,
  note: null,
  claimId: null,
  correctsId: null,
  previousHash: GENESIS_HASH,
};

describe("canonical form", () => {
  it("is the documented array, in order, with exact formats", () => {
    expect(canonicalText(base)).toBe(
      '["stigmergy-ledger/1","1f2e3d4c-0000-4000-8000-000000000001","0e6b9a52-4c1f-4c55-9a53-5d1e0d7a0001",1,"produce",' +
        '"2a2a2a2a-0000-4000-8000-000000000002","12.500","each","3b3b3b3b-0000-4000-8000-000000000003",' +
        '"3b3b3b3b-0000-4000-8000-000000000003",["Werkstatt \\"Nord\\"",52.52,13.405],null,' +
        '"2026-11-27T10:00:00.000Z","2026-11-27T10:00:01.250Z",null,null,null,null,' +
        '"0000000000000000000000000000000000000000000000000000000000000000"]',
    );
  });
  it("hashes to the SHA-256 of that text (the vector was computed outside Node: Python's hashlib)", () => {
    // A change of the canonical form would change every stored hash: this vector pins it.
    expect(eventHash(base)).toBe("030f237ab0c4368eb7fa51a0bfc71add812985b13eac4053f86572384b45c1ef");
  });
  it("upper-case ids hash as the database prints them (lower case)", () => {
    expect(eventHash({ ...base, id: base.id.toUpperCase(), providerId: base.providerId.toUpperCase() })).toBe(eventHash(base));
  });
  it("quantities have exactly three decimals, without float noise", () => {
    expect(canonicalQuantity(0.1 + 0.2)).toBe("0.300");
    expect(canonicalQuantity(1_000_000_000)).toBe("1000000000.000");
    expect(canonicalQuantity(7)).toBe("7.000");
    expect(canonicalQuantity(-0.005)).toBe("-0.005");
  });
});

// ---- properties ---------------------------------------------------------------------------------

const arbContent = fc.record({
  id: fc.uuid(),
  action: fc.constantFrom(...ECONOMIC_ACTIONS),
  resourceSpecId: fc.uuid(),
  quantity: fc.integer({ min: 1, max: 1e12 }).map((t) => t / 1000),
  unit: fc.constantFrom("each", "kg", "h"),
  providerId: fc.uuid(),
  receiverId: fc.uuid(),
  location: fc.option(fc.record({ name: fc.option(fc.string(), { nil: null }), lat: fc.double({ min: -90, max: 90, noNaN: true }), lng: fc.double({ min: -180, max: 180, noNaN: true }) }), { nil: null }),
  toLocation: fc.constant(null),
  occurredAt: fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }),
  recordedAt: fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }),
  recordedById: fc.option(fc.uuid(), { nil: null }),
  note: fc.option(fc.string(), { nil: null }),
  claimId: fc.option(fc.uuid(), { nil: null }),
  correctsId: fc.option(fc.uuid(), { nil: null }),
});

const build = (contents: Array<typeof arbContent extends fc.Arbitrary<infer T> ? T : never>) =>
  chain(contents.map((c, i) => ({ ...c, boardId: BOARD, seq: i + 1 })));

function verify(rows: StoredChainedEvent[], head: { lastSeq: number; headHash: string } | null) {
  const v = createChainVerifier();
  for (const r of rows) if (!v.push(r)) break;
  return v.finish(head);
}
const headOf = (rows: StoredChainedEvent[]) => ({ lastSeq: rows.length, headHash: rows.at(-1)?.hash ?? GENESIS_HASH });

/** One field of a row changed to a different value of the same type. */
const tamper = (row: StoredChainedEvent, field: number): StoredChainedEvent => {
  switch (field % 6) {
    case 0: return { ...row, quantity: row.quantity + 1 };
    case 1: return { ...row, note: `${row.note ?? ""}!` };
    case 2: return { ...row, providerId: row.receiverId === row.providerId ? BOARD : row.receiverId };
    case 3: return { ...row, occurredAt: new Date(row.occurredAt.getTime() + 1) };
    case 4: return { ...row, action: row.action === "produce" ? "consume" : "produce" };
    default: return { ...row, hash: row.hash.replace(/^./, (c) => (c === "0" ? "1" : "0")) };
  }
};

describe("chain properties", () => {
  it("a chain as appended verifies, with its count and head", () => {
    fc.assert(
      fc.property(fc.array(arbContent, { maxLength: 30 }), (contents) => {
        const rows = build(contents);
        expect(verify(rows, headOf(rows))).toEqual({ ok: true, count: rows.length, headHash: headOf(rows).headHash });
      }),
      { numRuns: 100 },
    );
  });

  it("any altered row is found, and reported as the first broken link", () => {
    fc.assert(
      fc.property(fc.array(arbContent, { minLength: 1, maxLength: 30 }), fc.nat(), fc.nat(), (contents, which, field) => {
        const rows = build(contents);
        const i = which % rows.length;
        const altered = rows.map((r, j) => (j === i ? tamper(r, field) : r));
        const result = verify(altered, headOf(rows));
        expect(result.ok).toBe(false);
        expect(result.brokenAt).toMatchObject({ seq: i + 1, eventId: rows[i]!.id, reason: "content" });
      }),
      { numRuns: 200 },
    );
  });

  it("a row rewritten with a self-consistent hash breaks the next link (or the head, for the last row)", () => {
    fc.assert(
      fc.property(fc.array(arbContent, { minLength: 1, maxLength: 20 }), fc.nat(), (contents, which) => {
        const rows = build(contents);
        const i = which % rows.length;
        const changed = { ...rows[i]!, note: "rewritten" };
        const altered = rows.map((r, j) => (j === i ? { ...changed, hash: eventHash(changed) } : r));
        const result = verify(altered, headOf(rows));
        expect(result.ok).toBe(false);
        if (i < rows.length - 1) expect(result.brokenAt).toMatchObject({ seq: i + 2, reason: "previous-hash" });
        else expect(result.brokenAt).toMatchObject({ seq: i + 1, reason: "head" });
      }),
      { numRuns: 100 },
    );
  });

  it("a removed row is found: in the middle by the sequence, at the end by the head", () => {
    fc.assert(
      fc.property(fc.array(arbContent, { minLength: 1, maxLength: 20 }), fc.nat(), (contents, which) => {
        const rows = build(contents);
        const i = which % rows.length;
        const result = verify(rows.filter((_, j) => j !== i), headOf(rows));
        expect(result.ok).toBe(false);
        expect(result.brokenAt).toMatchObject({ seq: i + 1, reason: i < rows.length - 1 ? "sequence" : "head" });
      }),
      { numRuns: 100 },
    );
  });
});
