import { DomainError, throwIfProblems } from "../domain/errors";
import type { SignalDto } from "../domain/dto";
import type { CreateSignalInput } from "../domain/schemas";
import { signalDateProblems } from "../domain/signal-dates";
import { isRequestKind } from "../domain/signal-rules";
import { quantityUnitProblems } from "../domain/units";
import type { Actor, ServiceContext } from "./context";
import { loadReadableBoard, requireActor, requireBoardWriter, requireOnBehalfOf } from "./access";
import { writeWithEvents } from "./event-log";
import { signalColumnsSelect, signalToDto } from "./signal-view";

/** Publishes a signal on a board (members only) and logs `signal.created`. */
export async function createSignal(
  ctx: ServiceContext,
  actorOrNull: Actor | null,
  slug: string,
  input: CreateSignalInput,
): Promise<SignalDto> {
  const actor = requireActor(actorOrNull);
  const { board, viewer } = await loadReadableBoard(ctx.prisma, slug, actor);
  requireBoardWriter(viewer, board);
  requireOnBehalfOf(viewer, input.onBehalfOf);
  const spec = await ctx.prisma.resourceSpec.findUnique({
    where: { id: input.resourceSpecId },
    select: { id: true, name: true, unit: true, divisible: true, category: true, designUrl: true, licence: true },
  });
  if (!spec)
    throw new DomainError("VALIDATION_FAILED", "Unknown resource specification", {
      resourceSpecId: ["no resource specification with this id"],
    });
  const onBehalfOf = input.onBehalfOf
    ? await ctx.prisma.organization.findUnique({ where: { id: input.onBehalfOf }, select: { id: true, name: true, kind: true } })
    : null;
  const now = ctx.now();
  throwIfProblems({ ...quantityUnitProblems(input.quantity, spec), ...signalDateProblems({ kind: input.kind, given: input, now }) });
  const title = input.title ?? `${isRequestKind(input.kind) ? "Needed" : "Offered"}: ${spec.name}`;
  return writeWithEvents(ctx, board.id, async (tx, emit) => {
    const row = await tx.signal.create({
      data: {
        boardId: board.id,
        kind: input.kind,
        resourceSpecId: spec.id,
        title,
        note: input.note ?? null,
        quantity: input.quantity,
        ownerId: actor.userId,
        onBehalfOfId: input.onBehalfOf ?? null,
        locationName: input.location?.name ?? null,
        lat: input.location?.lat ?? null,
        lng: input.location?.lng ?? null,
        // checkSignalDates refused the dates of the other side, so only the kind's own can be set here.
        dueAt: input.dueAt ?? null,
        availableFrom: input.availableFrom ?? null,
        availableUntil: input.availableUntil ?? null,
        refreshedAt: now,
        createdAt: now,
      },
      select: signalColumnsSelect,
    });
    // A new signal has no claims, and everything else on its card is known here: build the card instead
    // of reading it back (two fewer statements per publication; tests/api/create-signal-view.test.ts).
    const signal = signalToDto(
      {
        ...row,
        board: { slug: board.slug, name: board.name },
        resourceSpec: spec,
        owner: { id: actor.userId, name: actor.name },
        onBehalfOf,
        liveClaimCount: 0,
        claims: [],
      },
      now,
      ctx.intensity,
    );
    await emit({ boardSlug: board.slug, type: "signal.created", actor, signalId: row.id, data: { signal } });
    return signal;
  });
}
