import type { ResourceSpecDto } from "../domain/dto";
import type { ResourceSpecInput } from "../domain/schemas";
import { defaultDivisible } from "../domain/units";
import type { Actor, ServiceContext } from "./context";
import { likeLiteral } from "../db/like";

const select = { id: true, name: true, unit: true, divisible: true, category: true, designUrl: true, licence: true } as const;

export async function listResourceSpecs(ctx: ServiceContext, search: string | undefined): Promise<ResourceSpecDto[]> {
  const q = search ? likeLiteral(search) : undefined;
  return ctx.prisma.resourceSpec.findMany({
    where: q
      ? { OR: [{ name: { contains: q, mode: "insensitive" } }, { category: { contains: q, mode: "insensitive" } }] }
      : undefined,
    orderBy: { name: "asc" },
    take: 500,
    select,
  });
}

export async function createResourceSpec(ctx: ServiceContext, actor: Actor, input: ResourceSpecInput) {
  return ctx.prisma.resourceSpec.create({
    data: {
      name: input.name,
      unit: input.unit,
      divisible: input.divisible ?? defaultDivisible(input.unit),
      category: input.category ?? null,
      designUrl: input.designUrl ?? null,
      licence: input.licence ?? null,
      createdById: actor.userId,
    },
    select,
  });
}
