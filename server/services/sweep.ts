// The board keeps itself true: signals whose freshness has evaporated expire, offers whose availability
// window has ended expire, and claims that showed no progress within the lapse window lapse, returning
// their quantity. Each change is one transaction with
// its own event; running on several instances at once is safe because every change re-checks under lock.
import { hasEvaporated, hoursUntilEvaporation } from "../domain/intensity";
import { claimIsStale, lapseClaim } from "../domain/claim-lifecycle";
import { availabilityHasEnded, deriveSignalStatus, OFFER_KINDS } from "../domain/signal-rules";
import { subQty } from "../domain/quantity";
import type { ServiceContext } from "./context";
import { writeWithEvents } from "./event-log";
import { lockSignal } from "./lock-signal";
import { lockClaim } from "./transition-claim";
import { loadClaimDto, loadSignalDto } from "./signal-view";

const HOUR = 3_600_000;

export async function sweep(ctx: ServiceContext): Promise<{ expired: number; lapsed: number }> {
  const now = ctx.now();
  let expired = 0;
  let lapsed = 0;

  // Lapses first: a lapse can reopen a fully claimed signal that has meanwhile evaporated, and that
  // signal must then expire in the same run, so one run always leaves the board settled.
  const lapseBefore = new Date(now.getTime() - ctx.claimLapseHours * HOUR);
  const quiet = await ctx.prisma.claim.findMany({
    where: {
      status: { in: ["claimed", "in_progress"] },
      lastProgressAt: { lt: lapseBefore },
      // A claim promised for later is not quiet until its promised date has passed too.
      OR: [{ promisedAt: null }, { promisedAt: { lt: lapseBefore } }],
    },
    select: { id: true },
    take: 500,
  });
  for (const c of quiet) if (await lapseQuietClaim(ctx, c.id)) lapsed++;

  const evaporatedBefore = new Date(now.getTime() - hoursUntilEvaporation(ctx.intensity) * HOUR);
  const stale = await ctx.prisma.signal.findMany({
    where: {
      status: "open",
      OR: [{ refreshedAt: { lt: evaporatedBefore } }, { kind: { in: [...OFFER_KINDS] }, availableUntil: { lte: now } }],
    },
    select: { id: true, board: { select: { id: true, slug: true } } },
    take: 500,
  });
  for (const s of stale) {
    const done = await writeWithEvents(ctx, s.board.id, async (tx, emit) => {
      const locked = await lockSignal(tx, s.id);
      const row = await tx.signal.findUnique({
        where: { id: s.id },
        select: { dueAt: true, reinforcementCount: true, refreshedAt: true },
      });
      if (locked.status !== "open" || !row) return false;
      // The reason travels with the event, so a history can say why the signal left the board.
      const reason = availabilityHasEnded(locked, now)
        ? "availability_ended"
        : hasEvaporated({ ...locked, ...row }, now, ctx.intensity)
          ? "evaporated"
          : null;
      if (!reason) return false;
      await tx.signal.update({ where: { id: s.id }, data: { status: "expired" } });
      const signal = (await loadSignalDto(tx, s.id, ctx))!;
      await emit({ boardSlug: s.board.slug, type: "signal.expired", actor: null, signalId: s.id, data: { signal, reason } });
      return true;
    });
    if (done) expired++;
  }

  return { expired, lapsed };
}

/** Lapses one claim if it is still quiet under lock (or unconditionally with `force`, for demo data). */
export async function lapseQuietClaim(ctx: ServiceContext, claimId: string, force = false): Promise<boolean> {
  const c = await ctx.prisma.claim.findUnique({
    where: { id: claimId },
    select: { signalId: true, signal: { select: { board: { select: { id: true, slug: true } } } } },
  });
  if (!c) return false;
  const board = c.signal.board;
  const now = ctx.now();
  return writeWithEvents(ctx, board.id, async (tx, emit) => {
    const signal = await lockSignal(tx, c.signalId);
    const claim = await lockClaim(tx, claimId);
    const row = await tx.claim.findUnique({ where: { id: claimId }, select: { lastProgressAt: true } });
    if (!row) return false;
    const stale = claimIsStale({ status: claim.status, lastProgressAt: row.lastProgressAt }, now, ctx.claimLapseHours);
    if (!stale && !force) return false;
    const r = lapseClaim(claim);
    await tx.claim.update({ where: { id: claimId }, data: { status: "lapsed" } });
    const claimedQuantity = subQty(signal.claimedQuantity, r.returned);
    await tx.signal.update({
      where: { id: c.signalId },
      data: { claimedQuantity, status: deriveSignalStatus({ ...signal, claimedQuantity }) },
    });
    const claimDto = await loadClaimDto(tx, claimId);
    const signalDto = await loadSignalDto(tx, c.signalId, ctx);
    await emit({
      boardSlug: board.slug,
      type: "claim.lapsed",
      actor: null,
      signalId: c.signalId,
      data: { signal: signalDto!, claim: claimDto!, returned: r.returned },
    });
    return true;
  });
}
