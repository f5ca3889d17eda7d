// The owner's and members' actions on an existing signal: edit, refresh, reinforce, withdraw. Each locks
// the signal row, applies a pure rule, writes, and logs one event in the same transaction.
import { DomainError, throwIfProblems } from "../domain/errors";
import type { BoardEventType, SignalDto } from "../domain/dto";
import { assert, canEditSignal, canReinforceSignal, canWithdrawSignal } from "../domain/permissions";
import { signalDateProblems } from "../domain/signal-dates";
import { rateProblems } from "../domain/capacity-calendar";
import { checkQuantityEdit, checkStillAvailable, deriveSignalStatus } from "../domain/signal-rules";
import { quantityUnitProblems } from "../domain/units";
import type { PatchSignalInput } from "../domain/schemas";
import type { Actor, ServiceContext, Tx } from "./context";
import { loadSignalAccess, requireActor, requireBoardWriter } from "./access";
import { writeWithEvents } from "./event-log";
import { loadSignalDto } from "./signal-view";
import { lockSignal } from "./lock-signal";
import type { Prisma } from "../db/generated/client";

type SignalAccess = Awaited<ReturnType<typeof loadSignalAccess>>;

async function changeSignal(
  ctx: ServiceContext,
  actorOrNull: Actor | null,
  signalId: string,
  type: BoardEventType,
  authorize: (a: SignalAccess) => void,
  change: (tx: Tx, locked: Awaited<ReturnType<typeof lockSignal>>, actor: Actor, access: SignalAccess) => Promise<Prisma.SignalUpdateInput>,
): Promise<SignalDto> {
  const actor = requireActor(actorOrNull);
  const access = await loadSignalAccess(ctx.prisma, signalId, actor);
  authorize(access);
  const { board } = access.signal;
  return writeWithEvents(ctx, board.id, async (tx, emit) => {
    const locked = await lockSignal(tx, signalId);
    const data = await change(tx, locked, actor, access);
    await tx.signal.update({ where: { id: signalId }, data });
    const signal = (await loadSignalDto(tx, signalId, ctx))!;
    await emit({ boardSlug: board.slug, type, actor, signalId, data: { signal } });
    return signal;
  });
}

function requireLive(status: string) {
  if (status === "withdrawn") throw new DomainError("SIGNAL_NOT_OPEN", "This signal was withdrawn");
}

export function updateSignal(ctx: ServiceContext, actor: Actor | null, id: string, input: PatchSignalInput) {
  return changeSignal(
    ctx,
    actor,
    id,
    "signal.updated",
    ({ viewer, signal }) => {
      assert(canEditSignal(viewer, signal), "FORBIDDEN", "Only the signal's owner can edit it");
    },
    async (_tx, s, _actor, { signal: { resourceSpec: spec } }) => {
      requireLive(s.status);
      // The same rules as creation (one shared rule each), on the fields this edit gives; a due date
      // that has since passed is not re-judged by an edit of the title.
      throwIfProblems({
        ...(input.quantity !== undefined ? quantityUnitProblems(input.quantity, spec) : {}),
        // A linked stock signal's quantity is the ledger's: an edit would be overwritten by the next event.
        ...(input.quantity !== undefined && s.inventoryOfId
          ? { quantity: ["This stock follows its organization's inventory: record a ledger event, or unlink the inventory first"] }
          : {}),
        ...signalDateProblems({ kind: s.kind, given: input, stored: s, now: ctx.now() }),
        // A rated signal keeps an end of availability within the calendar's limit.
        ...rateProblems({
          kind: s.kind,
          rate: s.ratePeriod && s.rateQuantity !== null ? { quantity: s.rateQuantity, period: s.ratePeriod } : null,
          availableFrom: input.availableFrom !== undefined ? input.availableFrom : s.availableFrom,
          availableUntil: input.availableUntil !== undefined ? input.availableUntil : s.availableUntil,
          now: ctx.now(),
        }),
      });
      const quantity = input.quantity ?? s.quantity;
      if (input.quantity !== undefined) checkQuantityEdit(input.quantity, s.claimedQuantity, spec);
      const loc = input.location;
      return {
        ...(input.title !== undefined && { title: input.title }),
        ...(input.note !== undefined && { note: input.note }),
        ...(input.dueAt !== undefined && { dueAt: input.dueAt }),
        ...(input.availableFrom !== undefined && { availableFrom: input.availableFrom }),
        ...(input.availableUntil !== undefined && { availableUntil: input.availableUntil }),
        ...(loc !== undefined && {
          locationName: loc?.name ?? null,
          lat: loc?.lat ?? null,
          lng: loc?.lng ?? null,
        }),
        quantity,
        status: deriveSignalStatus({ ...s, quantity }),
      };
    },
  );
}

/** "Still needed": resets the evaporation clock. An expired signal comes back to life. */
export function refreshSignal(ctx: ServiceContext, actor: Actor | null, id: string) {
  return changeSignal(
    ctx,
    actor,
    id,
    "signal.refreshed",
    ({ viewer, signal }) => {
      assert(canEditSignal(viewer, signal), "FORBIDDEN", "Only the signal's owner can refresh it");
    },
    async (_tx, s) => {
      requireLive(s.status);
      // Refreshing says "still on offer"; past the end of its window it is not, and the sweep would
      // expire it again within a minute. Moving availableUntil (PATCH) is the way to offer it again.
      checkStillAvailable(s, ctx.now(), "move availableUntil later to offer it again");
      const status = s.status === "expired" ? "open" : s.status;
      return { refreshedAt: ctx.now(), status: deriveSignalStatus({ ...s, status }) };
    },
  );
}

/** "We need this too": once per member, never by the owner; raises the signal's intensity. */
export function reinforceSignal(ctx: ServiceContext, actor: Actor | null, id: string) {
  return changeSignal(
    ctx,
    actor,
    id,
    "signal.reinforced",
    ({ viewer, signal }) => {
      requireBoardWriter(viewer, signal.board);
      assert(canReinforceSignal(viewer, signal), "FORBIDDEN", "You cannot reinforce your own signal");
    },
    async (tx, s, a) => {
      if (s.status !== "open" && s.status !== "claimed")
        throw new DomainError("SIGNAL_NOT_OPEN", `This signal is ${s.status}`);
      const inserted = await tx.$executeRaw`
        INSERT INTO reinforcements ("signalId", "userId") VALUES (${id}::uuid, ${a.userId}::uuid)
        ON CONFLICT DO NOTHING`;
      if (inserted === 0) throw new DomainError("ALREADY_REINFORCED", "You already reinforced this signal");
      return { reinforcementCount: { increment: 1 } };
    },
  );
}

/** The owner (or a steward) takes a signal off the board; live claims stay and can still be completed. */
export function withdrawSignal(ctx: ServiceContext, actor: Actor | null, id: string) {
  return changeSignal(
    ctx,
    actor,
    id,
    "signal.withdrawn",
    ({ viewer, signal }) => {
      assert(canWithdrawSignal(viewer, signal), "FORBIDDEN", "Only the signal's owner or a steward can withdraw it");
    },
    async (_tx, s) => {
      requireLive(s.status);
      return { status: "withdrawn" };
    },
  );
}
