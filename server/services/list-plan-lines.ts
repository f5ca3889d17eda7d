// A session's current lines with their source and need as the snapshot has them (ADR 036); `mine` keeps
// the lines the viewer may answer (their own sources, or their organizations').
import type { Prisma } from "../db/generated/client";
import { canAnswerPlanLine } from "../domain/permissions";
import { lineCursor, type ListLinesQuery, type SessionSnapshot } from "../domain/planning-session";
import type { Actor, ServiceContext, Tx } from "./context";
import { loadSessionAccess, readSnapshot } from "./planning-access";
import type { Viewer } from "../domain/permissions";

type Db = ServiceContext["prisma"] | Tx;

const lineSelect = {
  id: true,
  run: true,
  sourceId: true,
  needId: true,
  week: true,
  quantity: true,
  distanceKm: true,
  reasons: true,
  kept: true,
  status: true,
  answerReason: true,
  answeredAt: true,
  answeredBy: { select: { id: true, name: true } },
} satisfies Prisma.PlanLineSelect;

type LineRow = Prisma.PlanLineGetPayload<{ select: typeof lineSelect }>;

export function lineToDto(l: LineRow, snapshot: SessionSnapshot, viewer: Viewer) {
  const s = snapshot.sources.find((x) => x.id === l.sourceId);
  const n = snapshot.needs.find((x) => x.id === l.needId);
  return lineDto(l, snapshot, viewer, s, n);
}

function lineDto(l: LineRow, snapshot: SessionSnapshot, viewer: Viewer, s: SessionSnapshot["sources"][number] | undefined, n: SessionSnapshot["needs"][number] | undefined) {
  return {
    id: l.id,
    run: l.run,
    week: snapshot.weeks[l.week] ?? null,
    weekIndex: l.week,
    quantity: Number(l.quantity),
    distanceKm: l.distanceKm,
    reasons: l.reasons,
    kept: l.kept,
    status: l.status,
    answerReason: l.answerReason,
    answeredBy: l.answeredBy,
    answeredAt: l.answeredAt?.toISOString() ?? null,
    source: s
      ? { id: s.id, kind: s.kind, title: s.title, owner: { id: s.ownerId, name: s.ownerName }, organization: s.orgId ? { id: s.orgId, name: s.orgName } : null, place: s.place }
      : { id: l.sourceId },
    need: n ? { id: n.id, kind: n.kind, title: n.title, quantity: n.quantity, dueWeek: snapshot.weeks[n.dueWeek], place: n.place, owner: { id: n.ownerId, name: n.ownerName } } : { id: l.needId },
    canAnswer: !!s && canAnswerPlanLine(viewer, s),
  };
}

export async function readLineRows(db: Db, where: Prisma.PlanLineWhereInput, take?: number) {
  return db.planLine.findMany({ where, select: lineSelect, orderBy: [{ week: "asc" }, { id: "asc" }], take });
}

/**
 * One page of a session's current lines, in week order then id: `limit` lines after the `after` cursor,
 * and the cursor of the next page (null on the last). A run replaces the suggestions, so a client paging
 * across a run starts again from the first page (the page's planning events tell it when).
 */
export async function listPlanLines(ctx: ServiceContext, actor: Actor | null, sessionId: string, query: ListLinesQuery) {
  const { viewer } = await loadSessionAccess(ctx.prisma, sessionId, actor);
  const snapshot = await readSnapshot(ctx.prisma, sessionId);
  const sources = new Map(snapshot.sources.map((s) => [s.id, s]));
  const needs = new Map(snapshot.needs.map((n) => [n.id, n]));
  const where: Prisma.PlanLineWhereInput[] = [{ sessionId }];
  if (query.mine === "1") where.push({ sourceId: { in: snapshot.sources.filter((s) => canAnswerPlanLine(viewer, s)).map((s) => s.id) } });
  const after = query.after;
  if (after) where.push({ OR: [{ week: { gt: after.week } }, { week: after.week, id: { gt: after.id } }] });
  const rows = await readLineRows(ctx.prisma, { AND: where }, query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((l) => lineDto(l, snapshot, viewer, sources.get(l.sourceId), needs.get(l.needId))),
    nextCursor: rows.length > query.limit ? lineCursor(page.at(-1)!) : null,
  };
}
