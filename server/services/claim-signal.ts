import type { ClaimDto, SignalDto } from "../domain/dto";
import { DomainError } from "../domain/errors";
import { addQty } from "../domain/quantity";
import { checkClaimable, deriveSignalStatus } from "../domain/signal-rules";
import type { CreateClaimInput } from "../domain/schemas";
import type { Actor, ServiceContext } from "./context";
import { loadSignalAccess, requireActor, requireBoardWriter, requireOnBehalfOf } from "./access";
import { writeWithEvents } from "./event-log";
import { lockSignal } from "./lock-signal";
import { loadClaimDto, loadSignalDto } from "./signal-view";

/**
 * A member commits to fill part or all of a signal (VF Commitment). The check and the write happen under
 * the signal's row lock, so the sum of live claims never exceeds the quantity whatever the concurrency;
 * the loser of a race gets OVER_CLAIM with what is left.
 */
export async function claimSignal(
  ctx: ServiceContext,
  actorOrNull: Actor | null,
  signalId: string,
  input: CreateClaimInput,
): Promise<{ claim: ClaimDto; signal: SignalDto }> {
  const actor = requireActor(actorOrNull);
  const { signal: s, viewer } = await loadSignalAccess(ctx.prisma, signalId, actor);
  requireBoardWriter(viewer, s.board);
  requireOnBehalfOf(viewer, input.onBehalfOf);
  if (s.ownerId === actor.userId) throw new DomainError("OWN_SIGNAL", "You cannot claim your own signal");
  const now = ctx.now();
  return writeWithEvents(ctx, s.board.id, async (tx, emit) => {
    const locked = await lockSignal(tx, signalId);
    checkClaimable({ signal: { ...locked }, actorId: actor.userId, quantity: input.quantity });
    const claimedQuantity = addQty(locked.claimedQuantity, input.quantity);
    const row = await tx.claim.create({
      data: {
        signalId,
        claimerId: actor.userId,
        onBehalfOfId: input.onBehalfOf ?? null,
        quantity: input.quantity,
        promisedAt: input.promisedAt ?? null,
        note: input.note ?? null,
        lastProgressAt: now,
        createdAt: now,
      },
      select: { id: true },
    });
    await tx.signal.update({
      where: { id: signalId },
      data: { claimedQuantity, status: deriveSignalStatus({ ...locked, claimedQuantity }) },
    });
    const claim = await loadClaimDto(tx, row.id);
    const signal = await loadSignalDto(tx, signalId, ctx);
    await emit({ boardSlug: s.board.slug, type: "claim.created", actor, signalId, data: { signal: signal!, claim: claim! } });
    return { claim: claim!, signal: signal! };
  });
}
