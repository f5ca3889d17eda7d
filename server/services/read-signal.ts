import type { BoardEventDto, SignalDto } from "../domain/dto";
import { DomainError } from "../domain/errors";
import type { Actor, ServiceContext } from "./context";
import { loadSignalAccess } from "./access";
import { eventRowToDto } from "./event-log";
import { loadSignalDto } from "./signal-view";

/** One signal with all its claims; a signed-in viewer also sees which claim moves are theirs to make. */
export async function getSignal(ctx: ServiceContext, actor: Actor | null, id: string): Promise<SignalDto> {
  await loadSignalAccess(ctx.prisma, id, actor);
  const signal = await loadSignalDto(ctx.prisma, id, ctx, { allClaims: true, viewerId: actor?.userId ?? null });
  if (!signal) throw new DomainError("NOT_FOUND", "No such signal");
  return signal;
}

/** A signal's history: the events of its board that concern it, oldest first. */
export async function getSignalHistory(ctx: ServiceContext, actor: Actor | null, id: string): Promise<BoardEventDto[]> {
  const { signal } = await loadSignalAccess(ctx.prisma, id, actor);
  const rows = await ctx.prisma.boardEvent.findMany({
    where: { signalId: id },
    orderBy: { seq: "asc" },
    take: 1000,
    select: { seq: true, type: true, at: true, actorId: true, actorName: true, data: true },
  });
  return rows.map((r) => eventRowToDto(r, signal.board.slug));
}
