// The stewards' queue: a board's requests of one status with their contact details, and how many wait.
import type { IntakeListDto, IntakeStatus } from "../domain/intake";
import type { Actor, ServiceContext } from "./context";
import { intakeSelect, intakeToDto, loadReviewBoard } from "./intake-access";

export async function listIntake(
  ctx: ServiceContext,
  actor: Actor | null,
  slug: string,
  query: { status?: IntakeStatus; limit?: number },
): Promise<IntakeListDto> {
  const { board } = await loadReviewBoard(ctx, actor, slug);
  const status = query.status ?? "pending";
  const rows = await ctx.prisma.intakeRequest.findMany({
    where: { boardId: board.id, status },
    // Waiting requests first come, first served; decided ones newest first.
    orderBy: status === "pending" ? [{ createdAt: "asc" }, { id: "asc" }] : [{ decidedAt: "desc" }, { id: "asc" }],
    take: query.limit ?? 100,
    select: intakeSelect,
  });
  const groups = await ctx.prisma.intakeRequest.groupBy({ by: ["status"], where: { boardId: board.id }, _count: { _all: true } });
  const counts: IntakeListDto["counts"] = { pending: 0, accepted: 0, rejected: 0 };
  for (const g of groups) counts[g.status] = g._count._all;
  return { items: rows.map(intakeToDto), counts };
}
