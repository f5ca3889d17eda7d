// GET /boards/:slug/ledger/verify: walks the board's chain in pages (a page of plain rows at a time, never
// the whole ledger as objects) and reports the first broken link (ADR 021).
import type { EconomicAction } from "../domain/ledger-actions";
import { createChainVerifier, type VerifyResult } from "../domain/ledger-hash";
import type { Actor, ServiceContext } from "./context";
import { loadReadableBoard } from "./access";

const PAGE = 5000;

type Row = {
  id: string;
  seq: number;
  action: EconomicAction;
  resourceSpecId: string;
  quantity: string;
  unit: string;
  providerId: string;
  receiverId: string;
  locationName: string | null;
  lat: number | null;
  lng: number | null;
  toLocationName: string | null;
  toLat: number | null;
  toLng: number | null;
  occurredAt: Date;
  recordedAt: Date;
  recordedById: string | null;
  note: string | null;
  claimId: string | null;
  correctsId: string | null;
  hash: string;
  previousHash: string;
};

const place = (name: string | null, lat: number | null, lng: number | null) =>
  lat !== null && lng !== null ? { name, lat, lng } : null;

/** Verifies one board's chain by id (the benchmark and the tests call this without HTTP). */
export async function verifyLedgerChain(prisma: ServiceContext["prisma"], boardId: string): Promise<VerifyResult> {
  const verifier = createChainVerifier();
  let after = 0;
  for (;;) {
    // Keyset paging by seq on the (boardId, seq) index; raw so 5,000 rows cost one plain decode.
    const rows = await prisma.$queryRaw<Row[]>`
      SELECT id::text AS id, seq, action::text AS action, "resourceSpecId"::text AS "resourceSpecId", quantity::text AS quantity,
             unit, "providerId"::text AS "providerId", "receiverId"::text AS "receiverId", "locationName", lat, lng,
             "toLocationName", "toLat", "toLng", "occurredAt", "recordedAt", "recordedById"::text AS "recordedById", note,
             "claimId"::text AS "claimId", "correctsId"::text AS "correctsId", hash, "previousHash"
        FROM economic_events WHERE "boardId" = ${boardId}::uuid AND seq > ${after}::int ORDER BY seq LIMIT ${PAGE}::int`;
    let more = true;
    for (const r of rows) {
      more = verifier.push({
        ...r,
        boardId,
        seq: Number(r.seq),
        quantity: Number(r.quantity),
        location: place(r.locationName, r.lat, r.lng),
        toLocation: place(r.toLocationName, r.toLat, r.toLng),
      });
      if (!more) break;
    }
    if (!more || rows.length < PAGE) break;
    after = Number(rows.at(-1)!.seq);
  }
  const head = await prisma.ledgerHead.findUnique({ where: { boardId }, select: { lastSeq: true, headHash: true } });
  return verifier.finish(head);
}

export async function verifyLedger(ctx: ServiceContext, actor: Actor | null, slug: string): Promise<VerifyResult> {
  const { board } = await loadReadableBoard(ctx.prisma, slug, actor);
  return verifyLedgerChain(ctx.prisma, board.id);
}
