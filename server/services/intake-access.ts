// Who may reach a board's intake: anyone, through the public form, when the board takes requests; only
// the board's stewards for the queue (the requests hold contact details). Shared by the intake use-cases.
import { DomainError } from "../domain/errors";
import { acceptsIntake, type IntakeRequestDto } from "../domain/intake";
import { assert, canReadBoard, canReviewIntake } from "../domain/permissions";
import type { Prisma } from "../db/generated/client";
import type { Actor, ServiceContext, Tx } from "./context";
import { loadReadableBoard, requireActor, requireSlugShape, viewerFor } from "./access";

type Db = ServiceContext["prisma"] | Tx;

/**
 * The board as the public form sees it. Unknown boards, and members-only boards that do not take requests
 * (to someone who is not a member), are 404 like everywhere else: their existence is not public.
 */
export async function loadIntakeBoard(ctx: ServiceContext, actor: Actor | null, slug: string) {
  requireSlugShape(slug);
  const board = await ctx.prisma.board.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, visibility: true, intakeEnabled: true },
  });
  if (!board) throw new DomainError("NOT_FOUND", `No board "${slug}"`);
  const accepting = acceptsIntake(board);
  if (!accepting && board.visibility === "members") {
    assert(canReadBoard(await viewerFor(ctx.prisma, actor, board.id), board), "NOT_FOUND", `No board "${slug}"`);
  }
  return { board, accepting };
}

/** The board, for one of its stewards: 401 anonymous, 404 a members-only board to outsiders, else 403. */
export async function loadReviewBoard(ctx: ServiceContext, actorOrNull: Actor | null, slug: string) {
  const actor = requireActor(actorOrNull);
  const { board, viewer } = await loadReadableBoard(ctx.prisma, slug, actor);
  assert(canReviewIntake(viewer), "FORBIDDEN", "Only the board's stewards see and decide intake requests");
  return { actor, board };
}

export const intakeSelect = {
  id: true,
  reference: true,
  status: true,
  facilityName: true,
  contactEmail: true,
  contactPhone: true,
  placeName: true,
  lat: true,
  lng: true,
  resourceSpec: { select: { id: true, name: true, unit: true } },
  resourceSpecId: true,
  resourceText: true,
  quantity: true,
  neededBy: true,
  note: true,
  createdAt: true,
  decidedAt: true,
  decidedBy: { select: { id: true, name: true } },
  signalId: true,
  organization: { select: { id: true, name: true } },
  rejectionReason: true,
} as const satisfies Prisma.IntakeRequestSelect;

export type IntakeRow = Prisma.IntakeRequestGetPayload<{ select: typeof intakeSelect }>;

export function intakeToDto(r: IntakeRow): IntakeRequestDto {
  return {
    id: r.id,
    reference: r.reference,
    status: r.status,
    facilityName: r.facilityName,
    contact: { email: r.contactEmail, phone: r.contactPhone },
    place: { name: r.placeName, lat: r.lat, lng: r.lng },
    resourceSpec: r.resourceSpec,
    resourceText: r.resourceText,
    quantity: Number(r.quantity),
    neededBy: r.neededBy?.toISOString() ?? null,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decidedBy: r.decidedBy,
    signalId: r.signalId,
    organization: r.organization,
    rejectionReason: r.rejectionReason,
  };
}

/** One request of this board, read through `db` (a transaction's client when deciding). */
export async function readIntake(db: Db, boardId: string, id: string): Promise<IntakeRow> {
  const row = await db.intakeRequest.findFirst({ where: { id, boardId }, select: intakeSelect });
  if (!row) throw new DomainError("NOT_FOUND", "No such intake request");
  return row;
}

export function alreadyDecided(status: string): DomainError {
  return new DomainError("INTAKE_ALREADY_DECIDED", `This request was already ${status}`, undefined, { status });
}
