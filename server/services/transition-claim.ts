import type { ClaimDto, SignalDto } from "../domain/dto";
import { DomainError } from "../domain/errors";
import { addQty, subQty } from "../domain/quantity";
import { deriveSignalStatus } from "../domain/signal-rules";
import { transitionClaim as applyTransition, type ClaimStatus } from "../domain/claim-lifecycle";
import type { TransitionClaimInput } from "../domain/schemas";
import type { Actor, ServiceContext, Tx } from "./context";
import { loadSignalAccess, requireActor } from "./access";
import { writeWithEvents, type AppendEvents } from "./event-log";
import { lockLedgerHead } from "./ledger-append";
import { recordDelivery } from "./ledger-delivery";
import { lockSignal } from "./lock-signal";
import { trimBookings } from "../domain/capacity-calendar";
import { loadClaimBookings, replaceBookings } from "./bookings";
import { loadClaimDto, loadSignalDto } from "./signal-view";

export async function lockClaim(tx: Tx, id: string) {
  const rows = await tx.$queryRaw<Array<{ status: ClaimStatus; quantity: unknown; claimerId: string; signalId: string }>>`
    SELECT status::text AS status, quantity, "claimerId"::text AS "claimerId", "signalId"::text AS "signalId"
      FROM claims WHERE id = ${id}::uuid FOR UPDATE`;
  const r = rows[0];
  if (!r) throw new DomainError("NOT_FOUND", "No such claim");
  return { ...r, quantity: Number(r.quantity) };
}

/** Moves a claim along its lifecycle; released quantity goes back to the signal, delivered is counted. */
export async function transitionClaim(
  ctx: ServiceContext,
  actorOrNull: Actor | null,
  claimId: string,
  input: TransitionClaimInput,
): Promise<{ claim: ClaimDto; signal: SignalDto }> {
  const actor = requireActor(actorOrNull);
  const found = await ctx.prisma.claim.findUnique({ where: { id: claimId }, select: { signalId: true } });
  if (!found) throw new DomainError("NOT_FOUND", "No such claim");
  const { signal: s } = await loadSignalAccess(ctx.prisma, found.signalId, actor);
  const now = ctx.now();
  return writeWithEvents(ctx, s.board.id, async (tx, emit) => {
    // A delivery appends to the ledger, whose head lock comes before any signal's (ledger-append.ts).
    if (input.to === "delivered") await lockLedgerHead(tx, s.board.id);
    // Lock order signal -> claim -> board everywhere, so concurrent writers cannot deadlock.
    const signal = await lockSignal(tx, s.id);
    const claim = await lockClaim(tx, claimId);
    const from = claim.status;
    const r = applyTransition({
      kind: signal.kind,
      claim,
      signalOwnerId: signal.ownerId,
      actorId: actor.userId,
      to: input.to,
      quantity: input.quantity,
      spec: s.resourceSpec,
    });
    await tx.claim.update({
      where: { id: claimId },
      data: { status: r.status, quantity: r.quantity, lastProgressAt: now },
    });
    // A partial release of a booked claim gives back weeks too (a whole release frees them all: only live
    // claims' bookings count).
    if (r.returned > 0 && r.status === from) {
      const bookings = await loadClaimBookings(tx, claimId);
      if (bookings.length) await replaceBookings(tx, claimId, s.id, trimBookings(bookings, r.returned));
    }
    const claimedQuantity = subQty(signal.claimedQuantity, r.returned);
    const deliveredQuantity = addQty(signal.deliveredQuantity, r.delivered);
    await tx.signal.update({
      where: { id: s.id },
      data: {
        claimedQuantity,
        deliveredQuantity,
        status: deriveSignalStatus({ ...signal, claimedQuantity, deliveredQuantity }),
      },
    });
    if (r.delivered > 0) {
      const append: AppendEvents = async (board, events, at) => {
        const out = [];
        for (const e of events) out.push(await emit({ ...e, boardSlug: board.slug, at }));
        return out;
      };
      await recordDelivery(tx, ctx, append, s.board, { claimId, signalId: s.id, kind: signal.kind, delivered: r.delivered, actor });
    }
    const claimDto = await loadClaimDto(tx, claimId);
    const signalDto = await loadSignalDto(tx, s.id, ctx);
    await emit({
      boardSlug: s.board.slug,
      type: "claim.transitioned",
      actor,
      signalId: s.id,
      data: { signal: signalDto!, claim: claimDto!, from, to: r.status, returned: r.returned },
    });
    return { claim: claimDto!, signal: signalDto! };
  });
}
