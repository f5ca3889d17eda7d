// A steward opens a planning session (ADR 036): the snapshot of needs and supply in scope is taken and
// kept in the same transaction as the session row, so everyone plans from one moment's numbers.
import { randomUUID } from "node:crypto";
import { DomainError, throwIfProblems } from "../domain/errors";
import { regionOf } from "../domain/regions";
import type { OpenPlanningSessionInput } from "../domain/planning-session";
import type { Actor, ServiceContext } from "./context";
import { loadReadableBoard, requireActor } from "./access";
import { writeWithEvents } from "./event-log";
import { requireSteward } from "./planning-access";
import { takeSnapshot } from "./planning-snapshot-sql";
import { readPlanningSession } from "./read-planning-session";

export async function openPlanningSession(ctx: ServiceContext, actorOrNull: Actor | null, slug: string, input: OpenPlanningSessionInput) {
  const actor = requireActor(actorOrNull);
  const { board, viewer } = await loadReadableBoard(ctx.prisma, slug, actor);
  requireSteward(viewer, board);
  const now = ctx.now();
  throwIfProblems(input.deadline.getTime() <= now.getTime() ? { deadline: ["Must be in the future"] } : {});
  const known = await ctx.prisma.resourceSpec.count({ where: { id: { in: input.resourceSpecIds } } });
  if (known !== input.resourceSpecIds.length) throw new DomainError("VALIDATION_FAILED", "Unknown resource", { resourceSpecIds: ["Names a resource that does not exist"] });
  const region = input.region ? regionOf(input.region) : null;
  const id = randomUUID();
  const snapshot = await writeWithEvents(ctx, board.id, async (tx, emit) => {
    const taken = await takeSnapshot(tx, { boardId: board.id, specIds: input.resourceSpecIds, regionKey: region?.key, horizonWeeks: input.horizonWeeks, now });
    // One parameter of JSON text, cast in SQL: Prisma's Json path would serialise and re-parse megabytes.
    await tx.$executeRaw`
      INSERT INTO planning_sessions (id, "boardId", title, "resourceSpecIds", "regionKey", "regionName", "horizonWeeks", "firstWeek",
                                     deadline, status, "createdById", "runCount", snapshot, "createdAt", "updatedAt")
      VALUES (${id}::uuid, ${board.id}::uuid, ${input.title}, ${input.resourceSpecIds}::uuid[], ${region?.key ?? null}, ${region?.name ?? null},
              ${input.horizonWeeks}, ${taken.weeks[0]!}, ${input.deadline}, 'open', ${actor.userId}::uuid, 0, ${JSON.stringify(taken)}::json, ${now}, ${now})`;
    await emit({
      boardSlug: board.slug,
      type: "planning.session_opened",
      actor,
      at: now,
      data: { sessionId: id, title: input.title, needs: taken.needs.length, sources: taken.sources.length, demand: taken.totals.demand, supply: taken.totals.supply },
    });
    return taken;
  });
  return readPlanningSession(ctx, actor, id, snapshot);
}
