// A person's subscriptions to new needs (ADR 035): GET/POST /me/subscriptions, DELETE /me/subscriptions/:id.
import { DomainError } from "../domain/errors";
import { canReadBoard } from "../domain/permissions";
import { MAX_SUBSCRIPTIONS, type SubscriptionInput } from "../domain/subscriptions";
import type { Actor, ServiceContext } from "./context";

export interface SubscriptionDto {
  id: string;
  resourceSpecs: Array<{ id: string; name: string; unit: string }>;
  near: { lat: number; lng: number };
  radiusKm: number;
  boardSlugs: string[];
  createdAt: string;
}

type Row = { id: string; resourceSpecIds: string[]; lat: number; lng: number; radiusKm: number; boardIds: string[]; createdAt: Date };

async function toDtos(ctx: ServiceContext, rows: Row[]): Promise<SubscriptionDto[]> {
  const specIds = [...new Set(rows.flatMap((r) => r.resourceSpecIds))];
  const boardIds = [...new Set(rows.flatMap((r) => r.boardIds))];
  const specs = new Map(
    (await ctx.prisma.resourceSpec.findMany({ where: { id: { in: specIds } }, select: { id: true, name: true, unit: true } })).map((s) => [s.id, s]),
  );
  const boards = new Map((await ctx.prisma.board.findMany({ where: { id: { in: boardIds } }, select: { id: true, slug: true } })).map((b) => [b.id, b.slug]));
  return rows.map((r) => ({
    id: r.id,
    resourceSpecs: r.resourceSpecIds.flatMap((id) => (specs.has(id) ? [specs.get(id)!] : [])),
    near: { lat: r.lat, lng: r.lng },
    radiusKm: r.radiusKm,
    boardSlugs: r.boardIds.flatMap((id) => (boards.has(id) ? [boards.get(id)!] : [])),
    createdAt: r.createdAt.toISOString(),
  }));
}

const rowSelect = { id: true, resourceSpecIds: true, lat: true, lng: true, radiusKm: true, boardIds: true, createdAt: true } as const;

export async function listSubscriptions(ctx: ServiceContext, actor: Actor): Promise<SubscriptionDto[]> {
  const rows = await ctx.prisma.subscription.findMany({ where: { userId: actor.userId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: rowSelect });
  return toDtos(ctx, rows);
}

export async function createSubscription(ctx: ServiceContext, actor: Actor, input: SubscriptionInput): Promise<SubscriptionDto> {
  const specIds = [...new Set(input.resourceSpecIds)];
  const found = await ctx.prisma.resourceSpec.findMany({ where: { id: { in: specIds } }, select: { id: true } });
  if (found.length !== specIds.length) {
    throw new DomainError("VALIDATION_FAILED", "Some resources do not exist", { resourceSpecIds: ["names a resource that does not exist"] });
  }
  const slugs = [...new Set(input.boardSlugs ?? [])];
  const boards = await ctx.prisma.board.findMany({
    where: { slug: { in: slugs } },
    select: { id: true, slug: true, visibility: true, members: { where: { userId: actor.userId }, select: { role: true } } },
  });
  // A members-only board the person cannot read is "no such board", exactly like one that does not exist.
  const readable = boards.filter((b) => canReadBoard({ userId: actor.userId, boardRole: b.members[0]?.role ?? null, orgIds: [] }, b));
  if (readable.length !== slugs.length) {
    throw new DomainError("VALIDATION_FAILED", "Some boards do not exist", { boardSlugs: ["names a board that does not exist"] });
  }
  const row = await ctx.prisma.$transaction(async (tx) => {
    // The person's row lock makes the count and the insert one step: two requests at once cannot both pass the limit.
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${actor.userId}::uuid FOR UPDATE`;
    const count = await tx.subscription.count({ where: { userId: actor.userId } });
    if (count >= MAX_SUBSCRIPTIONS) {
      throw new DomainError("SUBSCRIPTION_LIMIT", `At most ${MAX_SUBSCRIPTIONS} subscriptions: delete one first`, undefined, { max: MAX_SUBSCRIPTIONS });
    }
    return tx.subscription.create({
      data: {
        userId: actor.userId,
        resourceSpecIds: specIds,
        lat: input.near.lat,
        lng: input.near.lng,
        radiusKm: input.radiusKm,
        boardIds: readable.map((b) => b.id),
        createdAt: ctx.now(),
      },
      select: rowSelect,
    });
  });
  return (await toDtos(ctx, [row]))[0]!;
}

/** Someone else's subscription is "not found": whether it exists is none of the caller's business. */
export async function deleteSubscription(ctx: ServiceContext, actor: Actor, id: string): Promise<void> {
  const { count } = await ctx.prisma.subscription.deleteMany({ where: { id, userId: actor.userId } });
  if (count === 0) throw new DomainError("NOT_FOUND", "No such subscription");
}
