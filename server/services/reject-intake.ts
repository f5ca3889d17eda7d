// A steward turns a request down, with a reason kept for the other stewards (ADR 032). One conditional
// update decides it, so a reject racing an accept or another reject has exactly one winner.
import type { IntakeRequestDto, RejectIntakeInput } from "../domain/intake";
import type { Actor, ServiceContext } from "./context";
import { alreadyDecided, intakeToDto, loadReviewBoard, readIntake } from "./intake-access";

export async function rejectIntake(
  ctx: ServiceContext,
  actorOrNull: Actor | null,
  slug: string,
  id: string,
  input: RejectIntakeInput,
): Promise<IntakeRequestDto> {
  const { actor, board } = await loadReviewBoard(ctx, actorOrNull, slug);
  const { count } = await ctx.prisma.intakeRequest.updateMany({
    where: { id, boardId: board.id, status: "pending" },
    data: { status: "rejected", decidedById: actor.userId, decidedAt: ctx.now(), rejectionReason: input.reason },
  });
  const row = await readIntake(ctx.prisma, board.id, id);
  if (count === 0) throw alreadyDecided(row.status);
  return intakeToDto(row);
}
