// A session's current lines with their source and need as the snapshot has them (ADR 036); `mine` keeps
// the lines the viewer may answer (their own sources, or their organizations').
import type { Prisma } from "../db/generated/client";
import { canAnswerPlanLine } from "../domain/permissions";
import type { SessionSnapshot } from "../domain/planning-session";
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

export async function readLineRows(db: Db, where: Prisma.PlanLineWhereInput) {
  return db.planLine.findMany({ where, select: lineSelect, orderBy: [{ week: "asc" }, { id: "asc" }] });
}

export async function listPlanLines(ctx: ServiceContext, actor: Actor | null, sessionId: string, opts: { mine: boolean }) {
  const { viewer } = await loadSessionAccess(ctx.prisma, sessionId, actor);
  const snapshot = await readSnapshot(ctx.prisma, sessionId);
  const sources = new Map(snapshot.sources.map((s) => [s.id, s]));
  const needs = new Map(snapshot.needs.map((n) => [n.id, n]));
  let where: Prisma.PlanLineWhereInput = { sessionId };
  if (opts.mine) {
    const mine = snapshot.sources.filter((s) => canAnswerPlanLine(viewer, s)).map((s) => s.id);
    where = { sessionId, sourceId: { in: mine } };
  }
  const rows = await readLineRows(ctx.prisma, where);
  return { items: rows.map((l) => lineDto(l, snapshot, viewer, sources.get(l.sourceId), needs.get(l.needId))) };
}
