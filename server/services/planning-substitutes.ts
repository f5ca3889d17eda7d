// The declared substitutes a planning session may use (issue 8). TEMPORARY home: the matching helper's
// server/services/resource-substitutes.ts (`acceptedSpecsFor`) replaces this one small reader on merge.
import type { ServiceContext, Tx } from "./context";

type Db = ServiceContext["prisma"] | Tx;

/** The substitutes declared for `specIds`: `substituteId` may be used where `specId` is needed. */
export async function substitutesFor(db: Db, specIds: string[]): Promise<Array<{ specId: string; substituteId: string }>> {
  if (specIds.length === 0) return [];
  return db.resourceSpecSubstitute.findMany({ where: { specId: { in: specIds } }, select: { specId: true, substituteId: true } });
}
