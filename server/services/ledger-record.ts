// POST /boards/:slug/ledger/events: a member acting for the provider organization records what happened.
import { DomainError, throwIfProblems, type FieldProblems } from "../domain/errors";
import type { OrgRef } from "../domain/dto";
import { partyProblems, storedReceiver, type LedgerLocation } from "../domain/ledger-actions";
import type { LocationInput } from "../domain/schemas";
import type { EconomicEventDto, LedgerResourceSpecDto, RecordEconomicEventInput } from "../domain/ledger-schemas";
import { canActOnBehalfOf } from "../domain/permissions";
import { quantityUnitProblems } from "../domain/units";
import type { Actor, ServiceContext, Tx } from "./context";
import { loadReadableBoard, requireActor, requireBoardWriter } from "./access";
import { writeWithEventLog } from "./event-log";
import { appendLedgerEvents, type PreparedEconomicEvent } from "./ledger-append";

/** A clock a few minutes ahead of ours is not a lie about the future. */
const CLOCK_SKEW_MS = 5 * 60_000;

type Db = ServiceContext["prisma"] | Tx;

export const ledgerSpecSelect = { id: true, name: true, unit: true, divisible: true } as const;
export const orgRefSelect = { id: true, name: true, kind: true } as const;

export async function loadOrgRefs(db: Db, ids: string[]): Promise<Map<string, OrgRef>> {
  const rows = await db.organization.findMany({ where: { id: { in: [...new Set(ids)] } }, select: orgRefSelect });
  return new Map(rows.map((o) => [o.id, o]));
}

const ledgerLocation = (l: LocationInput | undefined): LedgerLocation | null =>
  l ? { name: l.name ?? null, lat: l.lat, lng: l.lng } : null;

/** Checks an input against the board and the database, and names every problem at once (400). */
async function prepare(
  db: Db,
  board: { id: string },
  actor: Actor,
  input: RecordEconomicEventInput,
  now: Date,
): Promise<PreparedEconomicEvent> {
  const problems: FieldProblems = {};
  const location = ledgerLocation(input.location);
  const toLocation = ledgerLocation(input.toLocation);
  const receiverId = storedReceiver({ action: input.action, providerId: input.provider, receiverId: input.receiver });
  Object.assign(
    problems,
    partyProblems({
      action: input.action,
      providerId: input.provider,
      receiverId: input.receiver,
      location,
      toLocation,
    }),
  );
  const spec: LedgerResourceSpecDto | null = await db.resourceSpec.findUnique({ where: { id: input.resourceSpecId }, select: ledgerSpecSelect });
  if (!spec) problems.resourceSpecId = ["no resource specification with this id"];
  else Object.assign(problems, quantityUnitProblems(input.quantity, spec));
  const orgs = await loadOrgRefs(db, [input.provider, receiverId]);
  if (!orgs.has(input.provider)) problems.provider = ["no organization with this id"];
  if (!orgs.has(receiverId)) problems.receiver = ["no organization with this id"];
  if (input.occurredAt && input.occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
    problems.occurredAt = ["Must not be in the future: the ledger records what happened"];
  if (input.claimId) {
    const claim = await db.claim.findUnique({ where: { id: input.claimId }, select: { signal: { select: { boardId: true } } } });
    if (claim?.signal.boardId !== board.id) problems.claimId = ["no claim with this id on this board"];
  }
  if (input.corrects) {
    const corrected = await db.economicEvent.findUnique({ where: { id: input.corrects }, select: { boardId: true } });
    if (corrected?.boardId !== board.id) problems.corrects = ["no ledger event with this id on this board"];
  }
  throwIfProblems(problems);
  return {
    action: input.action,
    spec: spec!,
    quantity: input.quantity,
    provider: orgs.get(input.provider)!,
    receiver: orgs.get(receiverId)!,
    location,
    toLocation,
    occurredAt: input.occurredAt ?? now,
    note: input.note ?? null,
    claimId: input.claimId ?? null,
    correctsId: input.corrects ?? null,
    recordedBy: actor,
  };
}

/** Records one economic event; 409 INSUFFICIENT_STOCK when it would take more than is on hand. */
export async function recordEconomicEvent(
  ctx: ServiceContext,
  actorOrNull: Actor | null,
  slug: string,
  input: RecordEconomicEventInput,
): Promise<EconomicEventDto> {
  const actor = requireActor(actorOrNull);
  const { board, viewer } = await loadReadableBoard(ctx.prisma, slug, actor);
  requireBoardWriter(viewer, board);
  // The provider gives (or makes, or uses up): only its members may say so.
  if (!canActOnBehalfOf(viewer, input.provider))
    throw new DomainError("FORBIDDEN", "You can record events only for organizations you belong to", {
      provider: ["not one of your organizations"],
    });
  const now = ctx.now();
  const prepared = await prepare(ctx.prisma, board, actor, input, now);
  const { events } = await writeWithEventLog(ctx, (tx, append) => appendLedgerEvents(tx, append, board, now, [prepared], ctx));
  return events[0]!;
}
