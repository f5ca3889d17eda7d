// Reading organizations' verifications as a viewer may see them: only those of boards the viewer can read
// (public boards, and members-only boards they belong to), so a members-only board's trust in someone is
// never shown to outsiders (ADR 030).
import type { OrganizationVerificationDto } from "../domain/dto";
import type { Prisma } from "../db/generated/client";
import type { Actor, ServiceContext, Tx } from "./context";

type Db = ServiceContext["prisma"] | Tx;

/** Prisma's filter for the boards `actor` can read: the public ones and their own members-only ones. */
export function readableBoardWhere(actor: Actor | null): Prisma.BoardWhereInput {
  return actor ? { OR: [{ visibility: "public" }, { members: { some: { userId: actor.userId } } }] } : { visibility: "public" };
}

/**
 * The verifications of these organizations on the boards `actor` can read (or on `boardId` alone, which
 * the caller has checked is readable), per organization, board by board name: one query.
 */
export async function verificationsOf(
  db: Db,
  orgIds: string[],
  actor: Actor | null,
  boardId?: string,
): Promise<Map<string, OrganizationVerificationDto[]>> {
  const out = new Map<string, OrganizationVerificationDto[]>();
  if (orgIds.length === 0) return out;
  const rows = await db.organizationVerification.findMany({
    where: { organizationId: { in: orgIds }, ...(boardId ? { boardId } : { board: readableBoardWhere(actor) }) },
    select: { organizationId: true, verifiedAt: true, note: true, board: { select: { slug: true, name: true } } },
    orderBy: [{ board: { name: "asc" } }],
  });
  for (const r of rows) {
    const list = out.get(r.organizationId) ?? [];
    list.push(verificationToDto(r));
    out.set(r.organizationId, list);
  }
  return out;
}

export function verificationToDto(r: { verifiedAt: Date; note: string | null; board: { slug: string; name: string } }): OrganizationVerificationDto {
  return { board: r.board, verifiedAt: r.verifiedAt.toISOString(), note: r.note };
}
