import { randomUUID } from "node:crypto";
import { Prisma } from "../db/generated/client";
import { DomainError, throwIfProblems } from "../domain/errors";
import type { SignalDto } from "../domain/dto";
import { assert, canReadBoard, type Viewer } from "../domain/permissions";
import type { CreateSignalInput } from "../domain/schemas";
import { signalDateProblems } from "../domain/signal-dates";
import { isRequestKind } from "../domain/signal-rules";
import { quantityUnitProblems } from "../domain/units";
import { rateProblems } from "../domain/capacity-calendar";
import type { Actor, ServiceContext } from "./context";
import { requireActor, requireBoardWriter, requireOnBehalfOf, requireSlugShape } from "./access";
import { writeOneEventInOneStatement } from "./event-log";
import { signalToDto, type SignalRow } from "./signal-view";

// Publishing a signal is the write every viewer of a board waits for, so it costs two statements: one
// read of everything the checks need and one write of the signal with its event (ADR 015). The checks
// themselves are the shared ones (permissions.ts, access.ts, the domain's problem lists).

type Spec = SignalRow["resourceSpec"];
type Org = NonNullable<SignalRow["onBehalfOf"]>;

interface PublishingContext {
  board: { id: string; slug: string; name: string; visibility: "public" | "members" };
  /** The publisher's rights, as far as this write needs them: its role, and the one organization named. */
  viewer: Viewer;
  spec: Spec | null;
  onBehalfOf: Org | null;
}

/** The board, the publisher's role on it, the resource and the organization spoken for: one statement. */
async function loadPublishingContext(ctx: ServiceContext, actor: Actor, slug: string, input: CreateSignalInput): Promise<PublishingContext | null> {
  const org = input.onBehalfOf
    ? Prisma.sql`(SELECT json_build_object('id', o.id, 'name', o.name, 'kind', o.kind,
         'verified', EXISTS (SELECT 1 FROM organization_verifications v WHERE v."organizationId" = o.id AND v."boardId" = b.id),
         'isMember', EXISTS (SELECT 1 FROM organization_members om WHERE om."organizationId" = o.id AND om."userId" = ${actor.userId}::uuid))
       FROM organizations o WHERE o.id = ${input.onBehalfOf}::uuid)`
    : Prisma.sql`NULL::json`;
  const rows = await ctx.prisma.$queryRaw<
    Array<PublishingContext["board"] & { role: Viewer["boardRole"]; spec: Spec | null; org: (Org & { isMember: boolean }) | null }>
  >`
    SELECT b.id, b.slug, b.name, b.visibility::text AS visibility,
      (SELECT m.role::text FROM board_members m WHERE m."boardId" = b.id AND m."userId" = ${actor.userId}::uuid) AS role,
      (SELECT json_build_object('id', r.id, 'name', r.name, 'unit', r.unit, 'divisible', r.divisible,
         'category', r.category, 'designUrl', r."designUrl", 'licence', r.licence)
       FROM resource_specs r WHERE r.id = ${input.resourceSpecId}::uuid) AS spec,
      ${org} AS org
    FROM boards b WHERE b.slug = ${slug}`;
  const row = rows[0];
  if (!row) return null;
  const { role, spec, org: named, ...board } = row;
  return {
    board,
    viewer: { userId: actor.userId, boardRole: role, orgIds: named?.isMember ? [named.id] : [] },
    spec,
    onBehalfOf: named ? { id: named.id, name: named.name, kind: named.kind, verified: named.verified } : null,
  };
}

/** Publishes a signal on a board (members only) and logs `signal.created`. */
export async function createSignal(
  ctx: ServiceContext,
  actorOrNull: Actor | null,
  slug: string,
  input: CreateSignalInput,
  /**
   * A steward accepting a public intake request posts for the facility's organization without belonging
   * to it (ADR 032); honoured only when the actor is a steward of the board.
   */
  opts: { onBehalfOfVouchedBySteward?: boolean } = {},
): Promise<SignalDto> {
  const actor = requireActor(actorOrNull);
  requireSlugShape(slug);
  const found = await loadPublishingContext(ctx, actor, slug, input);
  // A members-only board answers 404 to outsiders: its existence is not public either.
  assert(found !== null && canReadBoard(found.viewer, found.board), "NOT_FOUND", `No board "${slug}"`);
  const { board, viewer, spec, onBehalfOf } = found;
  requireBoardWriter(viewer, board);
  if (!(opts.onBehalfOfVouchedBySteward && viewer.boardRole === "steward")) requireOnBehalfOf(viewer, input.onBehalfOf);
  if (!spec)
    throw new DomainError("VALIDATION_FAILED", "Unknown resource specification", {
      resourceSpecId: ["no resource specification with this id"],
    });
  const now = ctx.now();
  throwIfProblems({
    ...quantityUnitProblems(input.quantity, spec),
    ...(input.rate ? quantityUnitProblems(input.rate.quantity, spec, "rate.quantity") : {}),
    ...signalDateProblems({ kind: input.kind, given: input, now }),
    ...rateProblems({ kind: input.kind, rate: input.rate, availableFrom: input.availableFrom, availableUntil: input.availableUntil, now }),
  });

  // Everything on the new card is known before the write (it has no claims yet), so the card goes into
  // the event in the same statement that writes the row; tests/api/create-signal-view.test.ts checks
  // it against the signal as read back.
  const row = {
    id: randomUUID(),
    kind: input.kind,
    title: input.title ?? `${isRequestKind(input.kind) ? "Needed" : "Offered"}: ${spec.name}`,
    note: input.note ?? null,
    quantity: input.quantity,
    claimedQuantity: 0,
    deliveredQuantity: 0,
    status: "open" as const,
    locationName: input.location?.name ?? null,
    lat: input.location?.lat ?? null,
    lng: input.location?.lng ?? null,
    // signalDateProblems refused the dates of the other side, so only the kind's own can be set here.
    dueAt: input.dueAt ?? null,
    availableFrom: input.availableFrom ?? null,
    availableUntil: input.availableUntil ?? null,
    reinforcementCount: 0,
    rateQuantity: input.rate ? new Prisma.Decimal(input.rate.quantity) : null,
    ratePeriod: input.rate?.period ?? null,
    refreshedAt: now,
    createdAt: now,
    updatedAt: now,
    ownerId: actor.userId,
  };
  const signal = signalToDto(
    {
      ...row,
      quantity: new Prisma.Decimal(row.quantity),
      claimedQuantity: new Prisma.Decimal(0),
      deliveredQuantity: new Prisma.Decimal(0),
      board: { slug: board.slug, name: board.name },
      resourceSpec: spec,
      owner: { id: actor.userId, name: actor.name },
      onBehalfOf,
      liveClaimCount: 0,
      claims: [],
      booked: new Map(),
    },
    now,
    ctx.intensity,
  );
  const ts = (d: Date | null) => (d ? d.toISOString() : null);
  await writeOneEventInOneStatement(
    ctx,
    board,
    now,
    { type: "signal.created", actor, signalId: row.id, data: { signal } },
    Prisma.sql`
      INSERT INTO signals (id, "boardId", kind, "resourceSpecId", title, note, quantity, "ownerId", "onBehalfOfId",
        "locationName", lat, lng, "dueAt", "availableFrom", "availableUntil", "rateQuantity", "ratePeriod",
        "refreshedAt", "createdAt", "updatedAt")
      SELECT ${row.id}::uuid, ${board.id}::uuid, ${row.kind}::"SignalKind", ${spec.id}::uuid, ${row.title}, ${row.note},
        ${row.quantity}::numeric(14, 3), ${actor.userId}::uuid, ${onBehalfOf?.id ?? null}::uuid,
        ${row.locationName}, ${row.lat}::float8, ${row.lng}::float8, ${ts(row.dueAt)}::timestamp,
        ${ts(row.availableFrom)}::timestamp, ${ts(row.availableUntil)}::timestamp,
        ${input.rate?.quantity ?? null}::numeric(14, 3), ${row.ratePeriod}::"RatePeriod", ${ts(now)}::timestamp,
        ${ts(now)}::timestamp, ${ts(now)}::timestamp
      FROM seq`,
  );
  return signal;
}
