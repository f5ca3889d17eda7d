// The public form's view of a board, and the stewards' switch that opens or closes it (ADR 032).
import type { IntakeFormDto } from "../domain/intake";
import { acceptsIntake } from "../domain/intake";
import type { Actor, ServiceContext } from "./context";
import { loadIntakeBoard, loadReviewBoard } from "./intake-access";

/**
 * Whether the board takes requests, and the resources it coordinates (those its signals are for) to pick
 * from. Nothing else of the board: on a members-only board that opened its form, this is all outsiders see.
 */
export async function getIntakeForm(ctx: ServiceContext, actor: Actor | null, slug: string): Promise<IntakeFormDto> {
  const { board, accepting } = await loadIntakeBoard(ctx, actor, slug);
  const resources = accepting
    ? await ctx.prisma.resourceSpec.findMany({
        where: { signals: { some: { boardId: board.id } } },
        orderBy: { name: "asc" },
        take: 500,
        select: { id: true, name: true, unit: true, divisible: true },
      })
    : [];
  return { board: { slug: board.slug, name: board.name }, accepting, resources };
}

/** A steward opens (true) or closes (false) the form, or returns it to the default of the board's visibility (null). */
export async function setIntakeEnabled(ctx: ServiceContext, actor: Actor | null, slug: string, enabled: boolean | null) {
  const { board } = await loadReviewBoard(ctx, actor, slug);
  const saved = await ctx.prisma.board.update({
    where: { id: board.id },
    data: { intakeEnabled: enabled },
    select: { visibility: true, intakeEnabled: true },
  });
  return { enabled: saved.intakeEnabled, accepting: acceptsIntake(saved) };
}

/** The switch as stored (null: the visibility's default) and what it means now. */
export async function getIntakeSettings(ctx: ServiceContext, actor: Actor | null, slug: string) {
  const { board } = await loadReviewBoard(ctx, actor, slug);
  const saved = await ctx.prisma.board.findUniqueOrThrow({ where: { id: board.id }, select: { visibility: true, intakeEnabled: true } });
  return { enabled: saved.intakeEnabled, accepting: acceptsIntake(saved) };
}
