// Leaving a board, or a steward removing a member. Logged on the board like every other change
// (member.left / member.removed); on a members-only board the person's sockets stop receiving it at once.
import { memberRemovalEvent } from "../domain/membership";
import type { AccessEnd, Actor, ServiceContext } from "./context";
import { loadReadableBoard } from "./access";
import { writeWithEvents } from "./event-log";
import { announceInTx } from "./access-ends";

/** `userId` is whose membership ends: the actor's own (leaving) or, for a steward, anyone's. */
export async function removeMember(ctx: ServiceContext, actor: Actor, slug: string, userId: string) {
  const { board } = await loadReadableBoard(ctx.prisma, slug, actor);
  const ends: AccessEnd[] = [];
  const result = await writeWithEvents(ctx, board.id, async (tx, emit) => {
    // The board row's lock serialises removals, so two stewards removing each other at once cannot both
    // count the other as the steward who remains.
    await tx.$queryRaw`SELECT id FROM boards WHERE id = ${board.id}::uuid FOR UPDATE`;
    const roleOf = (id: string) =>
      tx.boardMember.findUnique({ where: { boardId_userId: { boardId: board.id, userId: id } }, select: { role: true } });
    const actorRole = (await roleOf(actor.userId))?.role ?? null;
    const target = userId === actor.userId ? (actorRole ? { role: actorRole } : null) : await roleOf(userId);
    const stewards = await tx.boardMember.count({ where: { boardId: board.id, role: "steward" } });
    const type = memberRemovalEvent({
      actor: { userId: actor.userId, boardRole: actorRole },
      target: { userId, role: target?.role ?? null },
      stewards,
    });
    await tx.boardMember.delete({ where: { boardId_userId: { boardId: board.id, userId } } });
    const member = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, name: true } });
    await emit({ boardSlug: board.slug, type, actor, data: { member } });
    // A public board stays readable to anyone, so only a members-only board's sockets are cut.
    if (board.visibility === "members") await announceInTx(ctx, tx, ends, { kind: "membership", boardId: board.id, userId });
    return { board: board.slug, member, event: type };
  });
  for (const e of ends) ctx.access.ended(e);
  return result;
}
