import { DomainError } from "../domain/errors";
import type { SignalKind, SignalStatus } from "../domain/signal-rules";
import type { Tx } from "./context";

/** The fields every claim rule needs, read under the signal's row lock. */
export interface LockedSignal {
  kind: SignalKind;
  status: SignalStatus;
  ownerId: string;
  quantity: number;
  claimedQuantity: number;
  deliveredQuantity: number;
  availableFrom: Date | null;
  availableUntil: Date | null;
  /** Set on a rated capacity signal (capacity calendars). */
  ratePeriod: "week" | null;
  rateQuantity: number | null;
  /** What adopted plans promised of this offer through claims on needs (their bookings here, ADR 037):
   * not in claimedQuantity, yet no longer free to claim. 0 for requests and for offers no plan used. */
  promisedByPlans: number;
  /** Set on a stock signal whose quantity follows an organization's inventory in the ledger (ADR 022). */
  inventoryOfId: string | null;
  boardId: string;
  visibility: "public" | "members";
}

type Raw = Omit<LockedSignal, "quantity" | "claimedQuantity" | "deliveredQuantity" | "rateQuantity" | "promisedByPlans"> & {
  promisedByPlans: unknown;
  id: string;
  rateQuantity: unknown;
  quantity: unknown;
  claimedQuantity: unknown;
  deliveredQuantity: unknown;
};

/**
 * Locks signals' rows for the rest of the transaction and reads what the rules need. All claim
 * arithmetic happens under this lock, which is why two racing claimers can never both win. Rows are
 * locked in id order, so two transactions locking overlapping sets cannot deadlock.
 */
export async function lockSignals(tx: Tx, ids: string[]): Promise<Map<string, LockedSignal>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.$queryRaw<Raw[]>`
    SELECT s.id::text AS id, s.kind::text AS kind, s.status::text AS status, s."ownerId"::text AS "ownerId",
           s.quantity, s."claimedQuantity", s."deliveredQuantity", s."availableFrom", s."availableUntil",
           s."ratePeriod"::text AS "ratePeriod", s."rateQuantity", s."inventoryOfId"::text AS "inventoryOfId", s."boardId"::text AS "boardId", b.visibility::text AS visibility,
           (SELECT coalesce(sum(pb.quantity), 0) FROM claim_bookings pb JOIN claims pc ON pc.id = pb."claimId"
             WHERE pb."signalId" = s.id AND pc."signalId" <> s.id
               AND pc.status IN ('claimed', 'in_progress', 'shipped', 'delivered')) AS "promisedByPlans"
      FROM signals s JOIN boards b ON b.id = s."boardId"
     WHERE s.id = ANY(${ids}::uuid[])
     ORDER BY s.id
       FOR UPDATE OF s`;
  return new Map(
    rows.map(({ id, ...r }) => [
      id,
      {
        ...r,
        quantity: Number(r.quantity),
        claimedQuantity: Number(r.claimedQuantity),
        deliveredQuantity: Number(r.deliveredQuantity),
        rateQuantity: r.rateQuantity === null ? null : Number(r.rateQuantity),
        promisedByPlans: Number(r.promisedByPlans),
      },
    ]),
  );
}

export async function lockSignal(tx: Tx, id: string): Promise<LockedSignal> {
  const s = (await lockSignals(tx, [id])).get(id);
  if (!s) throw new DomainError("NOT_FOUND", "No such signal");
  return s;
}
