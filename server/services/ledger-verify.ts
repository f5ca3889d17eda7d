// GET /boards/:slug/ledger/verify: walks the board's chain in pages (a page of plain rows at a time, never
// the whole ledger as objects) and reports the first broken link (ADR 021).
import type { EconomicAction } from "../domain/ledger-actions";
import { createChainVerifier, type VerifyResult } from "../domain/ledger-hash";
import type { Actor, ServiceContext } from "./context";
import { loadReadableBoard } from "./access";

const PAGE = 5000;

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

/** Verifies one board's chain by id (the benchmark and the tests call this without HTTP). */
export async function verifyLedgerChain(prisma: ServiceContext["prisma"], boardId: string): Promise<VerifyResult> {
  const verifier = createChainVerifier();
  let after = 0;
  for (;;) {
    // Keyset paging by seq on the (boardId, seq) index.
    const [{ page }] = await prisma.$queryRaw<Array<{ page: string }>>`
      SELECT coalesce(json_agg(json_build_array(id, seq, action, "resourceSpecId", quantity, unit, "providerId", "receiverId",
               "locationName", lat, lng, "toLocationName", "toLat", "toLng", "occurredAt", "recordedAt", "recordedById", note,
               "claimId", "correctsId", hash, "previousHash") ORDER BY seq), '[]')::text AS page
        FROM (SELECT * FROM economic_events WHERE "boardId" = ${boardId}::uuid AND seq > ${after}::int ORDER BY seq LIMIT ${PAGE}::int) e`;
    const rows = JSON.parse(page!) as PageRow[];
    let more = true;
    for (const r of rows) {
      more = verifier.push({
        id: r[0], boardId, seq: r[1], action: r[2], resourceSpecId: r[3], quantity: r[4], unit: r[5],
        providerId: r[6], receiverId: r[7], location: place(r[8], r[9], r[10]), toLocation: place(r[11], r[12], r[13]),
        occurredAt: utc(r[14]), recordedAt: utc(r[15]), recordedById: r[16], note: r[17], claimId: r[18], correctsId: r[19],
        hash: r[20], previousHash: r[21],
      });
      if (!more) break;
    }
    if (!more || rows.length < PAGE) break;
    after = rows.at(-1)![1];
  }
  const head = await prisma.ledgerHead.findUnique({ where: { boardId }, select: { lastSeq: true, headHash: true } });
  return verifier.finish(head);
}

export async function verifyLedger(ctx: ServiceContext, actor: Actor | null, slug: string): Promise<VerifyResult> {
  const { board } = await loadReadableBoard(ctx.prisma, slug, actor);
  return verifyLedgerChain(ctx.prisma, board.id);
}
