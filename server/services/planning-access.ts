// Loading a planning session with the viewer's rights on its board (ADR 036). A session is as readable as
// its board: a members-only board's sessions answer 404 to outsiders, like its signals.
import { DomainError } from "../domain/errors";
import { assert, canReadBoard, canSteerPlanning, type Viewer } from "../domain/permissions";
import type { LineFacts, SessionSnapshot } from "../domain/planning-session";
import type { Actor, ServiceContext, Tx } from "./context";
import { viewerFor } from "./access";
import { cachedSnapshot, rememberSnapshot } from "./snapshot-cache";

type Db = ServiceContext["prisma"] | Tx;

export const sessionSelect = {
  id: true,
  title: true,
  resourceSpecIds: true,
  regionKey: true,
  regionName: true,
  horizonWeeks: true,
  firstWeek: true,
  deadline: true,
  status: true,
  runCount: true,
  createdAt: true,
  updatedAt: true,
  createdBy: { select: { id: true, name: true } },
  board: { select: { id: true, slug: true, name: true, visibility: true } },
  plan: { select: { id: true, adoptedAt: true } },
  closedAt: true,
  closedBy: { select: { id: true, name: true } },
} as const;

export async function loadSessionAccess(db: Db, sessionId: string, actor: Actor | null) {
  const session = await db.planningSession.findUnique({ where: { id: sessionId }, select: sessionSelect });
  if (!session) throw new DomainError("NOT_FOUND", "No such planning session");
  const viewer = await viewerFor(db, actor, session.board.id);
  assert(canReadBoard(viewer, session.board), "NOT_FOUND", "No such planning session");
  return { session, viewer };
}

export type SessionRow = Awaited<ReturnType<typeof loadSessionAccess>>["session"];

export function requireSteward(viewer: Viewer, board: { slug: string }) {
  assert(canSteerPlanning(viewer), "NOT_A_STEWARD", `Only a steward of "${board.slug}" can do this in a planning session`);
}

export function requireOpen(session: { status: string }) {
  if (session.status !== "open") throw new DomainError("SESSION_NOT_OPEN", `This planning session is ${session.status}`, undefined, { status: session.status });
}

/** Takes the session's row lock: answers, runs and adoption of one session happen one at a time. */
export async function lockSession(tx: Tx, sessionId: string): Promise<{ status: string; runCount: number }> {
  const rows = await tx.$queryRaw<Array<{ status: string; runCount: number }>>`
    SELECT status::text AS status, "runCount" FROM planning_sessions WHERE id = ${sessionId}::uuid FOR UPDATE`;
  if (!rows[0]) throw new DomainError("NOT_FOUND", "No such planning session");
  return rows[0];
}

/** The session's snapshot, parsed once and then kept (snapshot-cache.ts): it never changes. Read-only. */
export async function readSnapshot(db: Db, sessionId: string): Promise<SessionSnapshot> {
  const cached = cachedSnapshot(sessionId);
  if (cached) return cached;
  // The document is read as text and parsed here: it is stored as sent (json, not jsonb) and read whole.
  const rows = await db.$queryRaw<Array<{ snapshot: string }>>`SELECT snapshot::text AS snapshot FROM planning_sessions WHERE id = ${sessionId}::uuid`;
  if (!rows[0]) throw new DomainError("NOT_FOUND", "No such planning session");
  return rememberSnapshot(sessionId, rows[0].snapshot);
}

/** The session's current lines (every status), in a stable order. */
export async function readLineFacts(db: Db, sessionId: string): Promise<LineFacts[]> {
  const rows = await db.$queryRaw<Array<Omit<LineFacts, "quantity"> & { quantity: number }>>`
    SELECT id::text AS id, "sourceId"::text AS "sourceId", "needId"::text AS "needId", week, quantity::float8 AS quantity, status::text AS status
      FROM plan_lines WHERE "sessionId" = ${sessionId}::uuid ORDER BY "needId", "sourceId", week, id`;
  return rows;
}
