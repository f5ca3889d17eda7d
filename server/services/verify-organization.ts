// A board's steward verifies an organization for that board, or withdraws the verification (ADR 030).
// The row is the current state; the board event (organization.verified / .unverified, with who, when
// and the note) is the record, and it updates open boards' cards live.
import type { OrganizationVerificationEventData } from "../domain/dto";
import { DomainError } from "../domain/errors";
import { assert, canVerifyOrganization } from "../domain/permissions";
import type { VerifyOrganizationInput } from "../domain/organization-schemas";
import type { Actor, ServiceContext } from "./context";
import { loadReadableBoard } from "./access";
import { writeWithEvents } from "./event-log";
import { verificationToDto } from "./organization-verifications";

async function stewardAndOrg(ctx: ServiceContext, actor: Actor, slug: string, orgId: string) {
  const { board, viewer } = await loadReadableBoard(ctx.prisma, slug, actor);
  assert(canVerifyOrganization(viewer), "NOT_A_STEWARD", `Only a steward of "${board.slug}" can verify organizations for it`);
  const org = await ctx.prisma.organization.findUnique({ where: { id: orgId }, select: { id: true, name: true, kind: true } });
  if (!org) throw new DomainError("NOT_FOUND", "No such organization");
  return { board, org };
}

/** Verifies (or re-verifies, with a new note) `orgId` for the board. */
export async function verifyOrganization(ctx: ServiceContext, actor: Actor, slug: string, orgId: string, input: VerifyOrganizationInput) {
  const { board, org } = await stewardAndOrg(ctx, actor, slug, orgId);
  const now = ctx.now();
  const note = input.note ?? null;
  return writeWithEvents(ctx, board.id, async (tx, emit) => {
    const row = await tx.organizationVerification.upsert({
      where: { organizationId_boardId: { organizationId: org.id, boardId: board.id } },
      create: { organizationId: org.id, boardId: board.id, verifiedById: actor.userId, verifiedAt: now, note },
      update: { verifiedById: actor.userId, verifiedAt: now, note },
      select: { verifiedAt: true, note: true, board: { select: { slug: true, name: true } } },
    });
    const verification = verificationToDto(row);
    const data: OrganizationVerificationEventData = { organization: org, verification, note };
    await emit({ boardSlug: board.slug, type: "organization.verified", actor, at: now, data });
    return { organization: org, verification };
  });
}

/** Withdraws the board's verification of `orgId`; 404 when the board had not verified it. */
export async function withdrawVerification(ctx: ServiceContext, actor: Actor, slug: string, orgId: string, input: VerifyOrganizationInput) {
  const { board, org } = await stewardAndOrg(ctx, actor, slug, orgId);
  const note = input.note ?? null;
  return writeWithEvents(ctx, board.id, async (tx, emit) => {
    const gone = await tx.organizationVerification.deleteMany({ where: { organizationId: org.id, boardId: board.id } });
    if (gone.count === 0) throw new DomainError("NOT_FOUND", `"${board.slug}" has not verified this organization`);
    const data: OrganizationVerificationEventData = { organization: org, verification: null, note };
    await emit({ boardSlug: board.slug, type: "organization.unverified", actor, data });
    return { organization: org, verification: null };
  });
}
