// A steward adopts the session's plan (ADR 037): every accepted or changed line becomes one claim on its
// need (a VF Commitment of the Plan), made by the source's owner on behalf of the source's organization,
// promised by the end of the line's week, and booking that week of the source. Everything is re-checked
// under the signals' row locks (the same locks claims take); if the board moved on, nothing is adopted
// and the answer lists the offending lines (409 PLAN_STALE). Two stewards adopting at once: the session's
// row lock makes one wait, and it then finds the session adopted.
import { randomUUID } from "node:crypto";
import { addMilliseconds, addWeeks } from "date-fns";
import { Prisma } from "../db/generated/client";
import { weekKeyOf, weekStart } from "../domain/capacity-calendar";
import { DomainError } from "../domain/errors";
import { staleLines } from "../domain/plan-adoption";
import { isCommitted } from "../domain/planning-session";
import { addQty } from "../domain/quantity";
import { deriveSignalStatus } from "../domain/signal-rules";
import type { EventInput } from "./event-log";
import type { Actor, ServiceContext, Tx } from "./context";
import { requireActor } from "./access";
import { writeWithEventLog } from "./event-log";
import { loadBookedWeeks } from "./bookings";
import { lockSignals, type LockedSignal } from "./lock-signal";
import { loadSessionAccess, lockSession, readLineFacts, readSnapshot, requireOpen, requireSteward } from "./planning-access";
import { bookedByPlans } from "./planning-snapshot-sql";
import { claimToDto, loadSignalRows, signalToDto, withClaimAdded, type ClaimRow } from "./signal-view";

export async function adoptPlan(ctx: ServiceContext, actorOrNull: Actor | null, sessionId: string) {
  const actor = requireActor(actorOrNull);
  const { session, viewer } = await loadSessionAccess(ctx.prisma, sessionId, actor);
  requireSteward(viewer, session.board);
  requireOpen(session);
  const snapshot = await readSnapshot(ctx.prisma, sessionId);
  const sources = new Map(snapshot.sources.map((s) => [s.id, s]));
  const now = ctx.now();
  const planId = randomUUID();
  return writeWithEventLog(ctx, async (tx, append) => {
    requireOpen(await lockSession(tx, sessionId));
    const lines = (await readLineFacts(tx, sessionId)).filter(isCommitted);
    if (lines.length === 0) throw new DomainError("NOTHING_TO_ADOPT", "No line is accepted yet: there is nothing to adopt");
    const needIds = [...new Set(lines.map((l) => l.needId))];
    const sourceIds = [...new Set(lines.map((l) => l.sourceId))];
    const locked = await lockSignals(tx, [...needIds, ...sourceIds]);
    const owners = [...new Set(sourceIds.map((id) => sources.get(id)!.ownerId))];
    const rated = sourceIds.filter((id) => locked.get(id)?.ratePeriod);
    const stale = staleLines(snapshot, lines, {
      signals: locked,
      bookedWeeks: await loadBookedWeeks(tx, rated),
      bookedByPlans: await bookedByPlans(tx, sourceIds),
      members: await boardMembers(tx, session.board.id, owners),
      currentWeek: weekKeyOf(now),
      now,
    });
    if (stale.length) {
      throw new DomainError("PLAN_STALE", `The board moved on since these lines were accepted: ${stale.length} no longer fit`, undefined, { lines: stale });
    }
    await tx.plan.create({ data: { id: planId, sessionId, adoptedById: actor.userId, adoptedAt: now } });
    const orgs = await orgMemberships(tx, owners);
    const rows = await loadSignalRows(tx, needIds);
    const claims: Prisma.ClaimCreateManyInput[] = [];
    const bookings: Prisma.ClaimBookingCreateManyInput[] = [];
    const events: EventInput[] = [];
    for (const l of lines) {
      const source = sources.get(l.sourceId)!;
      const need = locked.get(l.needId)!;
      const monday = weekStart(snapshot.weeks[l.week]!)!;
      const org = source.orgId && orgs.has(`${source.orgId}:${source.ownerId}`) ? orgs.get(`${source.orgId}:${source.ownerId}`)! : null;
      const claim: ClaimRow = {
        id: randomUUID(),
        signalId: l.needId,
        quantity: new Prisma.Decimal(l.quantity),
        status: "claimed",
        // The end of the line's week: the plan says "in week N", so that is the promise.
        promisedAt: addMilliseconds(addWeeks(monday, 1), -1),
        note: `Plan "${session.title}": ${source.title}, ${snapshot.weeks[l.week]}`,
        lastProgressAt: now,
        createdAt: now,
        updatedAt: now,
        claimerId: source.ownerId,
        claimer: { id: source.ownerId, name: source.ownerName },
        onBehalfOf: org,
        bookings: [{ weekStart: monday, quantity: new Prisma.Decimal(l.quantity) }],
      };
      const { claimer: _c, onBehalfOf: _o, bookings: _b, ...columns } = claim;
      claims.push({ ...columns, onBehalfOfId: org?.id ?? null, planId });
      bookings.push({ claimId: claim.id, signalId: l.sourceId, weekStart: monday, quantity: claim.quantity });
      need.claimedQuantity = addQty(need.claimedQuantity, l.quantity);
      need.status = deriveSignalStatus(need);
      const after = withClaimAdded(rows.get(l.needId)!, claim, { claimedQuantity: need.claimedQuantity, status: need.status, updatedAt: now });
      rows.set(l.needId, after);
      const claimActor = { userId: source.ownerId, name: source.ownerName };
      events.push({ type: "claim.created", actor: claimActor, signalId: l.needId, data: { signal: signalToDto(after, now, ctx.intensity), claim: claimToDto(claim) } });
    }
    await tx.claim.createMany({ data: claims });
    await tx.claimBooking.createMany({ data: bookings });
    await updateNeeds(tx, needIds, locked, now);
    // Rated capacity shows its booked weeks: viewers of those sources see the plan take them, live.
    for (const row of (await loadSignalRows(tx, rated)).values()) {
      events.push({ type: "signal.updated", actor, signalId: row.id, data: { signal: signalToDto(row, now, ctx.intensity) } });
    }
    await tx.$executeRaw`UPDATE planning_sessions SET status = 'adopted', "updatedAt" = ${now} WHERE id = ${sessionId}::uuid`;
    const data = { sessionId, title: session.title, planId, claims: claims.length, quantity: lines.reduce((a, l) => addQty(a, l.quantity), 0) };
    events.push({ type: "planning.plan_adopted", actor, data });
    await append({ id: session.board.id, slug: session.board.slug }, events, now);
    return { planId, sessionId, claims: claims.length };
  });
}

async function boardMembers(tx: Tx, boardId: string, userIds: string[]): Promise<Set<string>> {
  const rows = await tx.boardMember.findMany({ where: { boardId, userId: { in: userIds } }, select: { userId: true } });
  return new Set(rows.map((r) => r.userId));
}

/** The organizations the sources' owners still belong to, keyed `orgId:userId`: a claim speaks for one only then. */
async function orgMemberships(tx: Tx, userIds: string[]) {
  const rows = await tx.organizationMember.findMany({
    where: { userId: { in: userIds } },
    select: { userId: true, organization: { select: { id: true, name: true, kind: true } } },
  });
  return new Map(rows.map((r) => [`${r.organization.id}:${r.userId}`, r.organization]));
}

/** One statement sets the new claimed quantity and status of every need the plan claimed. */
async function updateNeeds(tx: Tx, ids: string[], locked: Map<string, LockedSignal>, now: Date) {
  const values = ids.map((id) => Prisma.sql`(${id}::uuid, ${locked.get(id)!.claimedQuantity}::numeric, ${locked.get(id)!.status}::text)`);
  await tx.$executeRaw`
    UPDATE signals AS s SET "claimedQuantity" = v.claimed, status = v.status::"SignalStatus", "updatedAt" = ${now}
      FROM (VALUES ${Prisma.join(values)}) AS v(id, claimed, status)
     WHERE s.id = v.id`;
}
