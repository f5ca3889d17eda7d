// An adopted Plan (VF Plan, ADR 037) with its commitments: the claims its adoption made, as they stand now.
import { DomainError } from "../domain/errors";
import { assert, canReadBoard } from "../domain/permissions";
import type { Actor, ServiceContext } from "./context";
import { viewerFor } from "./access";
import { claimSelect, claimToDto } from "./signal-view";

export async function readPlan(ctx: ServiceContext, actor: Actor | null, planId: string) {
  const plan = await ctx.prisma.plan.findUnique({
    where: { id: planId },
    select: {
      id: true,
      adoptedAt: true,
      adoptedBy: { select: { id: true, name: true } },
      session: { select: { id: true, title: true, board: { select: { id: true, slug: true, name: true, visibility: true } } } },
      claims: { select: { ...claimSelect, signal: { select: { id: true, title: true, kind: true } } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
  });
  if (!plan) throw new DomainError("NOT_FOUND", "No such plan");
  const viewer = await viewerFor(ctx.prisma, actor, plan.session.board.id);
  assert(canReadBoard(viewer, plan.session.board), "NOT_FOUND", "No such plan");
  return {
    id: plan.id,
    session: { id: plan.session.id, title: plan.session.title },
    board: { slug: plan.session.board.slug, name: plan.session.board.name },
    adoptedAt: plan.adoptedAt.toISOString(),
    adoptedBy: plan.adoptedBy,
    commitments: plan.claims.map(({ signal, ...c }) => ({ ...claimToDto(c), signal })),
  };
}
