import { DomainError } from "../domain/errors";
import type { SignalKind, SignalStatus } from "../domain/signal-rules";
import type { Tx } from "./context";

/**
 * Locks a signal's row for the rest of the transaction and reads the fields every rule needs. All
 * claim arithmetic happens under this lock, which is why two racing claimers can never both win.
 */
export async function lockSignal(tx: Tx, id: string) {
  const rows = await tx.$queryRaw<
    Array<{
      kind: SignalKind;
      status: SignalStatus;
      ownerId: string;
      quantity: unknown;
      claimedQuantity: unknown;
      deliveredQuantity: unknown;
      availableFrom: Date | null;
      availableUntil: Date | null;
    }>
  >`SELECT kind::text AS kind, status::text AS status, "ownerId"::text AS "ownerId", quantity, "claimedQuantity",
           "deliveredQuantity", "availableFrom", "availableUntil"
      FROM signals WHERE id = ${id}::uuid FOR UPDATE`;
  const r = rows[0];
  if (!r) throw new DomainError("NOT_FOUND", "No such signal");
  return {
    ...r,
    quantity: Number(r.quantity),
    claimedQuantity: Number(r.claimedQuantity),
    deliveredQuantity: Number(r.deliveredQuantity),
  };
}
