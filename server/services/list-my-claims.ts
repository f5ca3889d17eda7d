import type { ClaimDto, SignalDto } from "../domain/dto";
import type { Actor, ServiceContext } from "./context";
import { claimSelect, claimToDto, loadSignalDtos } from "./signal-view";

/** The actor's claims, live ones first, each with its signal and the moves the actor can make. */
export async function listMyClaims(
  ctx: ServiceContext,
  actor: Actor,
): Promise<Array<{ claim: ClaimDto; signal: SignalDto }>> {
  const rows = await ctx.prisma.claim.findMany({
    where: { claimerId: actor.userId },
    orderBy: { updatedAt: "desc" },
    take: 200,
    select: {
      ...claimSelect,
      signal: { select: { ownerId: true, kind: true } },
    },
  });
  const signals = await loadSignalDtos(ctx.prisma, [...new Set(rows.map((r) => r.signalId))], ctx, actor.userId);
  const byId = new Map(signals.map((s) => [s.id, s]));
  const liveFirst = (s: string) => (s === "released" || s === "lapsed" || s === "delivered" ? 1 : 0);
  return rows
    .map((r) => ({
      claim: claimToDto(r, { userId: actor.userId, signalOwnerId: r.signal.ownerId, kind: r.signal.kind }),
      signal: byId.get(r.signalId)!,
    }))
    .sort((a, b) => liveFirst(a.claim.status) - liveFirst(b.claim.status));
}
