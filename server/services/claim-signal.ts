import { randomUUID } from "node:crypto";
import { Prisma } from "../db/generated/client";
import type { ClaimDto, SignalDto } from "../domain/dto";
import { DomainError, throwIfProblems } from "../domain/errors";
import { addQty } from "../domain/quantity";
import { promisedAtProblems } from "../domain/signal-dates";
import { checkClaimable, deriveSignalStatus } from "../domain/signal-rules";
import { assert, canClaimSignal, canReadBoard, type Viewer } from "../domain/permissions";
import type { CreateClaimInput } from "../domain/schemas";
import type { Actor, ServiceContext, Tx } from "./context";
import { requireActor, requireBoardWriter, requireOnBehalfOf } from "./access";
import { commitWithEventLog, type AppendEvents, type EventInput } from "./event-log";
import { GroupCommit, type BatchResult, type Outcome } from "./group-commit";
import { perContext } from "./per-context";
import { log } from "../log";
import { lockSignals, type LockedSignal } from "./lock-signal";
import { checkBookings, weekStart, withBookings } from "../domain/capacity-calendar";
import { bookingRows } from "./bookings";
import { claimToDto, loadSignalRows, signalToDto, withClaimAdded, type ClaimRow, type SignalRow } from "./signal-view";

interface ClaimRequest {
  actor: Actor;
  signalId: string;
  input: CreateClaimInput;
}

type ClaimResult = { claim: ClaimDto; signal: SignalDto };

/**
 * A member commits to fill part or all of a signal (VF Commitment). The check and the write happen under
 * the signal's row lock, so the sum of live claims never exceeds the quantity whatever the concurrency;
 * the loser of a race gets OVER_CLAIM with what is left. Claims arriving together are written together
 * (group commit), each checked in arrival order against the quantity the ones before it left.
 */
export async function claimSignal(
  ctx: ServiceContext,
  actorOrNull: Actor | null,
  signalId: string,
  input: CreateClaimInput,
): Promise<ClaimResult> {
  const actor = requireActor(actorOrNull);
  // Input that is wrong whatever the signal says is refused before joining the batch.
  throwIfProblems(promisedAtProblems(input.promisedAt, ctx.now()));
  return queueFor(ctx).submit({ actor, signalId, input });
}

const queueFor = perContext(
  (ctx: ServiceContext) =>
    new GroupCommit(async (batch: ClaimRequest[]): Promise<BatchResult<ClaimResult>> => {
      const { result, publish } = await commitWithEventLog(ctx, (tx, append) => writeClaims(ctx, tx, append, batch));
      return { outcomes: result, afterCommit: publish };
    }, { onAfterCommitError: (err) => log.error({ err }, "after a claim batch's commit") }),
);

/** Everything the rules need about the signals of a batch and the people claiming them, read under lock. */
interface BatchState {
  locked: Map<string, LockedSignal>;
  /** The signals as the API shows them, kept up to date as the batch's claims are applied. */
  rows: Map<string, SignalRow>;
  /** Board role by `boardId:userId`. */
  roles: Map<string, Viewer["boardRole"]>;
  /** The organizations each claimer may speak for, by user id (read only for claims on behalf of one). */
  orgs: Map<string, Map<string, NonNullable<ClaimRow["onBehalfOf"]>>>;
  /** Signals whose claimed quantity the batch changed. */
  touched: Set<string>;
}

async function readBatchState(tx: Tx, batch: ClaimRequest[]): Promise<BatchState> {
  const signalIds = [...new Set(batch.map((c) => c.signalId))];
  const userIds = [...new Set(batch.map((c) => c.actor.userId))];
  const locked = await lockSignals(tx, signalIds);
  const boardIds = [...new Set([...locked.values()].map((s) => s.boardId))];
  const rows = locked.size ? await loadSignalRows(tx, [...locked.keys()]) : new Map();
  const members = boardIds.length
    ? await tx.boardMember.findMany({
        where: { boardId: { in: boardIds }, userId: { in: userIds } },
        select: { boardId: true, userId: true, role: true },
      })
    : [];
  const roles = new Map(members.map((m) => [`${m.boardId}:${m.userId}`, m.role]));
  // Organizations matter only to claims made on behalf of one.
  const onBehalf = [...new Set(batch.filter((c) => c.input.onBehalfOf).map((c) => c.actor.userId))];
  const memberships = onBehalf.length
    ? await tx.organizationMember.findMany({
        where: { userId: { in: onBehalf } },
        select: { userId: true, organization: { select: { id: true, name: true, kind: true } } },
      })
    : [];
  const orgs: BatchState["orgs"] = new Map();
  for (const m of memberships) {
    if (!orgs.has(m.userId)) orgs.set(m.userId, new Map());
    orgs.get(m.userId)!.set(m.organization.id, m.organization);
  }
  return { locked, rows, roles, orgs, touched: new Set() };
}

async function writeClaims(ctx: ServiceContext, tx: Tx, append: AppendEvents, batch: ClaimRequest[]): Promise<Outcome<ClaimResult>[]> {
  const now = ctx.now();
  const state = await readBatchState(tx, batch);
  const newClaims: Array<ClaimRow & { onBehalfOfId: string | null }> = [];
  const newBookings: ReturnType<typeof bookingRows> = [];
  const events = new Map<string, { slug: string; events: EventInput[] }>();
  const outcomes = batch.map((c): Outcome<ClaimResult> => {
    try {
      const result = decide(ctx, state, c, now);
      newClaims.push({ ...result.row, onBehalfOfId: c.input.onBehalfOf ?? null });
      newBookings.push(...bookingRows(result.row.id, c.signalId, result.bookings));
      const boardId = state.locked.get(c.signalId)!.boardId;
      if (!events.has(boardId)) events.set(boardId, { slug: result.dto.signal.board.slug, events: [] });
      events.get(boardId)!.events.push({
        type: "claim.created",
        actor: c.actor,
        signalId: c.signalId,
        data: { signal: result.dto.signal, claim: result.dto.claim },
      });
      return { ok: true, value: result.dto };
    } catch (error) {
      return { ok: false, error };
    }
  });
  if (newClaims.length === 0) return outcomes;
  await tx.claim.createMany({
    data: newClaims.map(({ claimer: _c, onBehalfOf: _o, bookings: _b, ...c }) => c),
  });
  if (newBookings.length) await tx.claimBooking.createMany({ data: newBookings });
  await updateTotals(tx, state, now);
  for (const [id, b] of [...events].sort(([a], [z]) => (a < z ? -1 : 1))) await append({ id, slug: b.slug }, b.events, now);
  return outcomes;
}

/** One statement sets the new claimed quantity and status of every signal the batch claimed from. */
async function updateTotals(tx: Tx, state: BatchState, now: Date) {
  const rows = [...state.touched].map((id) => {
    const s = state.locked.get(id)!;
    return Prisma.sql`(${id}::uuid, ${s.claimedQuantity}::numeric, ${s.status}::text)`;
  });
  await tx.$executeRaw`
    UPDATE signals AS s SET "claimedQuantity" = v.claimed, status = v.status::"SignalStatus", "updatedAt" = ${now}
      FROM (VALUES ${Prisma.join(rows)}) AS v(id, claimed, status)
     WHERE s.id = v.id`;
}

/** Applies one claim of the batch to the batch's state, or throws the domain error that refuses it. */
function decide(ctx: ServiceContext, state: BatchState, c: ClaimRequest, now: Date) {
  const s = state.locked.get(c.signalId);
  const row = state.rows.get(c.signalId);
  if (!s || !row) throw new DomainError("NOT_FOUND", "No such signal");
  const viewer: Viewer = {
    userId: c.actor.userId,
    boardRole: state.roles.get(`${s.boardId}:${c.actor.userId}`) ?? null,
    orgIds: [...(state.orgs.get(c.actor.userId)?.keys() ?? [])],
  };
  assert(canReadBoard(viewer, s), "NOT_FOUND", "No such signal");
  requireBoardWriter(viewer, row.board);
  requireOnBehalfOf(viewer, c.input.onBehalfOf);
  // Claiming your own signal would let one person inflate "activity" on the board and collapse the
  // provider and receiver of the claim into one person.
  assert(canClaimSignal(viewer, s), "OWN_SIGNAL", "You cannot claim your own signal");
  // What plans promised of an offer is not free to claim here, though it is not this signal's own claim.
  const claimable = { ...s, claimedQuantity: addQty(s.claimedQuantity, s.promisedByPlans) };
  checkClaimable({ signal: claimable, spec: row.resourceSpec, quantity: c.input.quantity, now });
  const rate = row.rateQuantity !== null && row.ratePeriod ? { quantity: Number(row.rateQuantity), period: row.ratePeriod } : null;
  checkBookings({ ...row, rate, bookings: c.input.bookings, booked: row.booked, now });
  const bookings = rate ? c.input.bookings! : [];

  const claimRow: ClaimRow = {
    id: randomUUID(),
    signalId: c.signalId,
    quantity: new Prisma.Decimal(c.input.quantity),
    status: "claimed",
    promisedAt: c.input.promisedAt ?? null,
    note: c.input.note ?? null,
    lastProgressAt: now,
    createdAt: now,
    updatedAt: now,
    claimerId: c.actor.userId,
    claimer: { id: c.actor.userId, name: c.actor.name },
    onBehalfOf: c.input.onBehalfOf ? state.orgs.get(c.actor.userId)!.get(c.input.onBehalfOf)! : null,
    bookings: bookings.map((b) => ({ weekStart: weekStart(b.week)!, quantity: new Prisma.Decimal(b.quantity) })),
  };
  s.claimedQuantity = addQty(s.claimedQuantity, c.input.quantity);
  s.status = deriveSignalStatus(s);
  state.touched.add(c.signalId);
  const after = {
    ...withClaimAdded(row, claimRow, { claimedQuantity: s.claimedQuantity, status: s.status, updatedAt: now }),
    booked: withBookings(row.booked, bookings),
  };
  state.rows.set(c.signalId, after);
  return {
    row: claimRow,
    bookings,
    dto: { claim: claimToDto(claimRow), signal: signalToDto(after, now, ctx.intensity) },
  };
}
