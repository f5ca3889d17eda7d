// A steward accepts a request: it becomes an ordinary need signal, posted by the steward for the facility's
// organization (an existing one, or one made now from the facility's name and place), through the same
// create-signal use-case as every other need, so it reaches the board as `signal.created` (ADR 032).
//
// Two stewards accepting at once must make exactly one signal. The request's row is locked first, and the
// organization, the signal with its event, and the decision are written in that one transaction: the
// loser waits on the lock, then finds the request decided (409). createSignal runs on the transaction's
// client and its committed event is handed to the sink only after the commit, so a rolled-back accept
// never reaches a viewer.
import type { SignalDto, BoardEventDto } from "../domain/dto";
import { throwIfProblems, validationError } from "../domain/errors";
import { acceptProblems, type AcceptIntakeInput, type IntakeRequestDto } from "../domain/intake";
import type { PrismaClient } from "../db/generated/client";
import type { Actor, EventSink, ServiceContext } from "./context";
import { createSignal } from "./create-signal";
import { log } from "../log";
import { alreadyDecided, intakeToDto, loadReviewBoard, readIntake } from "./intake-access";

export async function acceptIntake(
  ctx: ServiceContext,
  actorOrNull: Actor | null,
  slug: string,
  id: string,
  input: AcceptIntakeInput,
): Promise<{ request: IntakeRequestDto; signal: SignalDto }> {
  const { actor, board } = await loadReviewBoard(ctx, actorOrNull, slug);
  const held: Array<[string, BoardEventDto[]]> = [];
  const holdingSink: EventSink = { crossProcess: ctx.events.crossProcess, committed: (boardId, events) => void held.push([boardId, events]) };

  const result = await ctx.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM intake_requests WHERE id = ${id}::uuid AND "boardId" = ${board.id}::uuid FOR UPDATE`;
    const request = await readIntake(tx, board.id, id);
    if (request.status !== "pending") throw alreadyDecided(request.status);
    throwIfProblems(acceptProblems(request, input));

    let organizationId = input.organizationId;
    if (organizationId) {
      const known = await tx.organization.findUnique({ where: { id: organizationId }, select: { id: true } });
      if (!known) throw validationError({ organizationId: ["No organization with this id"] });
    } else {
      const made = await tx.organization.create({
        data: {
          name: request.facilityName,
          kind: input.organizationKind ?? "other",
          locationName: request.placeName,
          lat: request.lat,
          lng: request.lng,
          createdByIntake: true,
        },
        select: { id: true },
      });
      organizationId = made.id;
    }

    const point = request.lat !== null && request.lng !== null ? { name: request.placeName, lat: request.lat, lng: request.lng } : undefined;
    // createSignal reads and writes only through `ctx.prisma.$queryRaw`, which the transaction's client has:
    // handing it the transaction keeps the signal inside this accept (the cast drops $transaction & co.,
    // which it does not use; tests/api/intake.test.ts races two accepts on both databases).
    const inTx: ServiceContext = { ...ctx, prisma: tx as unknown as PrismaClient, events: holdingSink };
    const signal = await createSignal(
      inTx,
      actor,
      board.slug,
      {
        kind: "need",
        resourceSpecId: (input.resourceSpecId ?? request.resourceSpecId)!,
        quantity: input.quantity ?? Number(request.quantity),
        title: input.title,
        note: input.note,
        location: input.location ?? point,
        dueAt: input.dueAt ?? request.neededBy ?? undefined,
        onBehalfOf: organizationId,
      },
      { onBehalfOfVouchedBySteward: true },
    );
    await tx.intakeRequest.update({
      where: { id },
      data: { status: "accepted", decidedById: actor.userId, decidedAt: ctx.now(), signalId: signal.id, organizationId },
    });
    return { request: intakeToDto(await readIntake(tx, board.id, id)), signal };
  });
  // As event-log.ts does: the accept is committed and answered whatever the sink does; a failure is logged
  // and the stream reads the event from the log when the next one shows it the gap.
  for (const [boardId, events] of held) {
    try {
      ctx.events.committed(boardId, events);
    } catch (err) {
      log.error({ err, boardId }, "publishing an accepted intake request's events failed");
    }
  }
  return result;
}
