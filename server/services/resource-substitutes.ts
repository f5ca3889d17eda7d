// Declared substitutes between resource specifications ("substitute may be used where spec is needed",
// one direction). Matching, suggestions, subscriptions and the planner all read them through
// `acceptedSpecsFor`, so there is one answer to "what may fill a need for this spec".
import { DomainError } from "../domain/errors";
import { assert } from "../domain/permissions";
import type { ResourceSpecDto } from "../domain/dto";
import { isUniqueViolation } from "../db/errors";
import type { Actor, ServiceContext, Tx } from "./context";

type Db = ServiceContext["prisma"] | Tx;

const specSelect = { id: true, name: true, unit: true, divisible: true, category: true, designUrl: true, licence: true } as const;

export interface SubstituteDto {
  spec: ResourceSpecDto;
  substitute: ResourceSpecDto;
  createdBy: string | null;
  createdAt: string;
}

/**
 * For each spec, the specs that may fill a need for it: the spec itself first, then its declared
 * substitutes (by name). Specs that do not exist map to themselves alone. Stable signature, shared with
 * the planner: `acceptedSpecsFor(db, specIds) -> Map<specId, [specId, ...substituteIds]>`.
 */
export async function acceptedSpecsFor(db: Db, specIds: readonly string[]): Promise<Map<string, string[]>> {
  const unique = [...new Set(specIds)];
  const accepted = new Map(unique.map((id) => [id, [id]]));
  if (unique.length === 0) return accepted;
  const rows = await db.resourceSpecSubstitute.findMany({
    where: { specId: { in: unique } },
    select: { specId: true, substituteId: true },
    orderBy: [{ specId: "asc" }, { substitute: { name: "asc" } }, { substituteId: "asc" }],
  });
  for (const r of rows) accepted.get(r.specId)!.push(r.substituteId);
  return accepted;
}

async function requireSpec(db: Db, id: string) {
  const spec = await db.resourceSpec.findUnique({ where: { id }, select: { ...specSelect, createdById: true } });
  if (!spec) throw new DomainError("NOT_FOUND", "No such resource specification");
  return spec;
}

export async function listSubstitutes(ctx: ServiceContext, specId: string): Promise<SubstituteDto[]> {
  await requireSpec(ctx.prisma, specId);
  const rows = await ctx.prisma.resourceSpecSubstitute.findMany({
    where: { specId },
    select: { spec: { select: specSelect }, substitute: { select: specSelect }, createdById: true, createdAt: true },
    orderBy: [{ substitute: { name: "asc" } }, { substituteId: "asc" }],
  });
  return rows.map((r) => ({ spec: r.spec, substitute: r.substitute, createdBy: r.createdById, createdAt: r.createdAt.toISOString() }));
}

/** Any signed-in person may declare a substitute: specs are shared vocabulary, like creating one. */
export async function declareSubstitute(ctx: ServiceContext, actor: Actor, specId: string, substituteId: string): Promise<SubstituteDto> {
  if (specId === substituteId) {
    throw new DomainError("SAME_SPEC", "A resource cannot be a substitute for itself", { substituteId: ["must differ from the resource"] });
  }
  const spec = await requireSpec(ctx.prisma, specId);
  const substitute = await ctx.prisma.resourceSpec.findUnique({ where: { id: substituteId }, select: specSelect });
  if (!substitute) throw new DomainError("NOT_FOUND", "No such substitute resource specification", { substituteId: ["no such resource"] });
  try {
    const row = await ctx.prisma.resourceSpecSubstitute.create({
      data: { specId, substituteId, createdById: actor.userId },
      select: { createdAt: true },
    });
    const { createdById: _, ...specDto } = spec;
    return { spec: specDto, substitute, createdBy: actor.userId, createdAt: row.createdAt.toISOString() };
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError("SUBSTITUTE_EXISTS", `${substitute.name} is already a substitute for ${spec.name}`);
    throw e;
  }
}

/**
 * Who declared a substitute may take it back, and so may the spec's creator, who answers for what the
 * spec means; no one else, so a declaration others plan on cannot vanish at a stranger's hand.
 */
export async function removeSubstitute(ctx: ServiceContext, actor: Actor, specId: string, substituteId: string): Promise<void> {
  const spec = await requireSpec(ctx.prisma, specId);
  const row = await ctx.prisma.resourceSpecSubstitute.findUnique({
    where: { specId_substituteId: { specId, substituteId } },
    select: { createdById: true },
  });
  if (!row) throw new DomainError("NOT_FOUND", "No such substitute declared for this resource");
  assert(
    row.createdById === actor.userId || spec.createdById === actor.userId,
    "FORBIDDEN",
    "Only who declared this substitute, or who created the resource, may remove it",
  );
  await ctx.prisma.resourceSpecSubstitute.deleteMany({ where: { specId, substituteId } });
}
