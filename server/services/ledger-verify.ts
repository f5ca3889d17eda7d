// GET /boards/:slug/ledger/verify (ADR 021). The database recomputes every row's hash from its content
// (ledger-canonical-sql.ts) and checks the links and the sequence in one streaming pass, so 100,000 rows
// never travel to JavaScript; the few "edge" rows whose canonical text only JavaScript writes faithfully
// are hashed here. The walk in JavaScript over pages of rows is kept: it is the reference the database's
// pass is tested against, and the fallback for a ledger made mostly of edge rows.
import type { EconomicAction } from "../domain/ledger-actions";
import { createChainVerifier, eventHash, GENESIS_HASH, verdict, type BrokenLink, type BrokenReason, type StoredChainedEvent, type VerifyResult } from "../domain/ledger-hash";
import { Prisma } from "../db/generated/client";
import type { Actor, ServiceContext, Tx } from "./context";
import { loadReadableBoard } from "./access";
import { CANONICAL_TEXT_SQL, EDGE_ROW_SQL } from "./ledger-canonical-sql";

type Db = ServiceContext["prisma"];

const PAGE = 5000;
/** Past this many edge rows, hashing them one look-up at a time is slower than the JavaScript walk. */
const MAX_EDGE_ROWS = 5000;

/**
 * One row as the page query sends it: a JSON array in this order (see the SELECT). A page travels as ONE
 * JSON text (json_agg) rather than 5,000 rows of 22 columns: decoding one string and JSON.parse-ing it is
 * a fraction of the cost of the driver building 110,000 typed values (ADR 021 has the figures).
 */
type PageRow = [
  id: string, seq: number, action: EconomicAction, resourceSpecId: string, quantity: number, unit: string,
  providerId: string, receiverId: string, locationName: string | null, lat: number | null, lng: number | null,
  toLocationName: string | null, toLat: number | null, toLng: number | null, occurredAt: string, recordedAt: string,
  recordedById: string | null, note: string | null, claimId: string | null, correctsId: string | null,
  hash: string, previousHash: string,
];

const place = (name: string | null, lat: number | null, lng: number | null) =>
  lat !== null && lng !== null ? { name, lat, lng } : null;

/** TIMESTAMP(3) columns hold UTC without a zone; JSON prints them as "2026-11-27T10:00:00.123". */
const utc = (s: string) => new Date(`${s}Z`);

function storedEvent(boardId: string, r: PageRow): StoredChainedEvent {
  return {
    id: r[0], boardId, seq: r[1], action: r[2], resourceSpecId: r[3], quantity: r[4], unit: r[5],
    providerId: r[6], receiverId: r[7], location: place(r[8], r[9], r[10]), toLocation: place(r[11], r[12], r[13]),
    occurredAt: utc(r[14]), recordedAt: utc(r[15]), recordedById: r[16], note: r[17], claimId: r[18], correctsId: r[19],
    hash: r[20], previousHash: r[21],
  };
}

/** Rows as PageRow arrays, in seq order: those after `after` (a page), or those with the given seqs. */
async function pageRows(db: Db | Tx, boardId: string, where: { after: number } | { seqs: number[] }): Promise<PageRow[]> {
  const filter =
    "after" in where
      ? Prisma.sql`seq > ${where.after}::int ORDER BY seq LIMIT ${PAGE}::int`
      : Prisma.sql`seq = ANY(${where.seqs}::int[]) ORDER BY seq`;
  const [{ page }] = await db.$queryRaw<Array<{ page: string }>>`
    SELECT coalesce(json_agg(json_build_array(id, seq, action, "resourceSpecId", quantity, unit, "providerId", "receiverId",
             "locationName", lat, lng, "toLocationName", "toLat", "toLng", "occurredAt", "recordedAt", "recordedById", note,
             "claimId", "correctsId", hash, "previousHash") ORDER BY seq), '[]')::text AS page
      FROM (SELECT * FROM economic_events WHERE "boardId" = ${boardId}::uuid AND ${filter}) e`;
  return JSON.parse(page!) as PageRow[];
}

async function ledgerHead(db: Db | Tx, boardId: string) {
  return db.ledgerHead.findUnique({ where: { boardId }, select: { lastSeq: true, headHash: true } });
}

/** The reference walk: every row to JavaScript, a page at a time, hashed here. */
export async function verifyLedgerChainInJs(prisma: Db | Tx, boardId: string): Promise<VerifyResult> {
  const verifier = createChainVerifier();
  let after = 0;
  for (;;) {
    const rows = await pageRows(prisma, boardId, { after });
    let more = true;
    for (const r of rows) {
      more = verifier.push(storedEvent(boardId, r));
      if (!more) break;
    }
    if (!more || rows.length < PAGE) break;
    after = rows.at(-1)![1];
  }
  return verifier.finish(await ledgerHead(prisma, boardId));
}

interface FirstBroken {
  n: number;
  seq: number;
  id: string;
  prev: string;
  reason: BrokenReason;
}

/** Verifies one board's chain by id (the benchmark and the tests call this without HTTP). */
export async function verifyLedgerChain(prisma: Db, boardId: string, opts: { maxEdgeRows?: number } = {}): Promise<VerifyResult> {
  const maxEdgeRows = opts.maxEdgeRows ?? MAX_EDGE_ROWS;
  // One snapshot for every read below (REPEATABLE READ), and float8 printed as its shortest round-trip text
  // whatever the session's setting, since the canonical text depends on it.
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL extra_float_digits = 1`);
      const edges = await tx.$queryRaw<Array<{ seq: number }>>`
        SELECT seq FROM economic_events WHERE "boardId" = ${boardId}::uuid AND (${EDGE_ROW_SQL}) ORDER BY seq LIMIT ${maxEdgeRows + 1}::int`;
      if (edges.length > maxEdgeRows) return verifyLedgerChainInJs(tx, boardId);

      // The first row, in seq order, that is out of sequence, does not link to the row before, or (not
      // being an edge row) does not hash to its hash. Rows stream through the window; nothing is kept.
      const [first] = await tx.$queryRaw<FirstBroken[]>`
        SELECT n::int AS n, seq, id::text AS id, prev,
               CASE WHEN n <> seq THEN 'sequence' WHEN prev <> "previousHash" THEN 'previous-hash' ELSE 'content' END AS reason
          FROM (SELECT seq, id, hash, "previousHash",
                       row_number() OVER (ORDER BY seq) AS n,
                       lag(hash, 1, ${GENESIS_HASH}) OVER (ORDER BY seq) AS prev,
                       CASE WHEN ${EDGE_ROW_SQL} THEN hash ELSE encode(sha256(convert_to(${CANONICAL_TEXT_SQL}, 'UTF8')), 'hex') END AS computed
                  FROM economic_events WHERE "boardId" = ${boardId}::uuid) e
         WHERE n <> seq OR prev <> "previousHash" OR computed <> hash
         ORDER BY seq LIMIT 1`;

      // Edge rows before that point are checked here; their links and sequence were checked above.
      const edgeSeqs = edges.map((e) => e.seq).filter((s) => !first || s < first.seq);
      let broken: BrokenLink | undefined;
      let brokenN = 0;
      let prevOfBroken = GENESIS_HASH;
      if (edgeSeqs.length > 0) {
        for (const r of await pageRows(tx, boardId, { seqs: edgeSeqs })) {
          const e = storedEvent(boardId, r);
          if (eventHash(e) !== e.hash) {
            // Before the first break, position and seq agree and each row links to the one before.
            broken = { seq: e.seq, eventId: e.id, reason: "content" };
            brokenN = e.seq;
            prevOfBroken = e.previousHash;
            break;
          }
        }
      }
      if (!broken && first) {
        broken = { seq: first.n, eventId: first.id, reason: first.reason };
        brokenN = first.n;
        prevOfBroken = first.prev;
      }
      if (broken) return verdict({ count: brokenN - 1, headHash: prevOfBroken, broken }, null);

      const [end] = await tx.$queryRaw<Array<{ count: number; last: string | null }>>`
        SELECT count(*)::int AS count,
               (SELECT hash FROM economic_events WHERE "boardId" = ${boardId}::uuid ORDER BY seq DESC LIMIT 1) AS last
          FROM economic_events WHERE "boardId" = ${boardId}::uuid`;
      return verdict({ count: end!.count, headHash: end!.last ?? GENESIS_HASH }, await ledgerHead(tx, boardId));
    },
    { isolationLevel: "RepeatableRead", timeout: 120_000 },
  );
}

export async function verifyLedger(ctx: ServiceContext, actor: Actor | null, slug: string): Promise<VerifyResult> {
  const { board } = await loadReadableBoard(ctx.prisma, slug, actor);
  return verifyLedgerChain(ctx.prisma, board.id);
}
