// Stock signals that follow an organization's inventory (ADR 022). A linked stock signal offers what the
// organization has on hand of its resource on the board (every place together), less what live claims
// have reserved: its quantity is kept at on-hand + delivered, so that `remaining` (quantity - claimed,
// where claimed counts delivered claims too) is on-hand minus the claims not yet delivered.
import { compareQty, roundQty } from "../domain/quantity";
import { deriveSignalStatus } from "../domain/signal-rules";
import type { Actor, ServiceContext, Tx } from "./context";
import type { EventInput } from "./event-log";
import { lockSignals } from "./lock-signal";
import { loadSignalDtos } from "./signal-view";

/**
 * The quantity a linked signal shows. Stock taken below what claims reserved (the owner used it up)
 * cannot un-claim anyone, so the quantity never drops below the claimed total: the signal then shows as
 * fully claimed, and the coordinator's list of signals that no longer match the ledger finds it.
 */
export function linkedQuantity(onHand: number, s: { claimedQuantity: number; deliveredQuantity: number }): number {
  const q = roundQty(Math.max(0, onHand) + s.deliveredQuantity);
  return compareQty(q, s.claimedQuantity) < 0 ? roundQty(s.claimedQuantity) : q;
}

/** Total on-hand per organization and resource on a board (every place together). */
export async function onHandTotals(tx: Tx, boardId: string, pairs: Array<{ agentId: string; resourceSpecId: string }>) {
  const agents = [...new Set(pairs.map((p) => p.agentId))];
  const specs = [...new Set(pairs.map((p) => p.resourceSpecId))];
  const rows = await tx.$queryRaw<Array<{ agentId: string; resourceSpecId: string; onHand: unknown }>>`
    SELECT "agentId"::text AS "agentId", "resourceSpecId"::text AS "resourceSpecId", sum("onHand") AS "onHand"
      FROM economic_resources
     WHERE "boardId" = ${boardId}::uuid AND "agentId" = ANY(${agents}::uuid[]) AND "resourceSpecId" = ANY(${specs}::uuid[])
     GROUP BY 1, 2`;
  return new Map(rows.map((r) => [`${r.agentId}/${r.resourceSpecId}`, Number(r.onHand)]));
}

/**
 * Brings the linked stock signals of these organizations' resources in step with the ledger, under their
 * row locks, and returns a `signal.updated` event for each one that changed (but those in `except`).
 */
export async function syncLinkedSignals(
  tx: Tx,
  boardId: string,
  pairs: Array<{ agentId: string; resourceSpecId: string }>,
  ctx: Pick<ServiceContext, "now" | "intensity">,
  actor: Actor | null,
  except: string[],
  onlySignalIds?: string[],
): Promise<EventInput[]> {
  if (pairs.length === 0) return [];
  const wanted = new Set(pairs.map((p) => `${p.agentId}/${p.resourceSpecId}`));
  const candidates = await tx.signal.findMany({
    where: {
      boardId,
      kind: "stock",
      status: { notIn: ["withdrawn", "expired"] },
      inventoryOfId: { in: [...new Set(pairs.map((p) => p.agentId))] },
      resourceSpecId: { in: [...new Set(pairs.map((p) => p.resourceSpecId))] },
      ...(onlySignalIds ? { id: { in: onlySignalIds } } : {}),
    },
    select: { id: true, inventoryOfId: true, resourceSpecId: true },
  });
  const linked = candidates.filter((c) => wanted.has(`${c.inventoryOfId}/${c.resourceSpecId}`));
  if (linked.length === 0) return [];
  const locked = await lockSignals(tx, linked.map((c) => c.id));
  const totals = await onHandTotals(tx, boardId, pairs);
  const changed: string[] = [];
  for (const c of linked) {
    const s = locked.get(c.id)!;
    const quantity = linkedQuantity(totals.get(`${c.inventoryOfId}/${c.resourceSpecId}`) ?? 0, s);
    if (compareQty(quantity, s.quantity) === 0) continue;
    await tx.signal.update({ where: { id: c.id }, data: { quantity, status: deriveSignalStatus({ ...s, quantity }) } });
    if (!except.includes(c.id)) changed.push(c.id);
  }
  const dtos = await loadSignalDtos(tx, changed, ctx);
  return dtos.map((signal) => ({ type: "signal.updated", actor, signalId: signal.id, data: { signal } }));
}

