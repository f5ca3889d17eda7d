// Who may see and do what on a board: loads the viewer's memberships and applies the pure permission rules.
import DataLoader from "dataloader";
import { DomainError } from "../domain/errors";
import { anonymousViewer, assert, canActOnBehalfOf, canReadBoard, canWriteBoard, type Viewer } from "../domain/permissions";
import type { Actor, ServiceContext, Tx } from "./context";
import { perContext } from "./per-context";

type Db = ServiceContext["prisma"] | Tx;

const BOARD_SLUG = /^[a-z0-9-]{1,60}$/;

export interface BoardRef {
  id: string;
  slug: string;
  name: string;
  visibility: "public" | "members";
}

export async function viewerFor(db: Db, actor: Actor | null, boardId: string): Promise<Viewer> {
  if (!actor) return anonymousViewer;
  // Sequential on purpose: `db` may be a transaction, whose single connection cannot overlap queries.
  const membership = await db.boardMember.findUnique({
    where: { boardId_userId: { boardId, userId: actor.userId } },
    select: { role: true },
  });
  const orgs = await db.organizationMember.findMany({ where: { userId: actor.userId }, select: { organizationId: true } });
  return { userId: actor.userId, boardRole: membership?.role ?? null, orgIds: orgs.map((o) => o.organizationId) };
}

const boardSelect = { id: true, slug: true, name: true, visibility: true, covenant: true, licence: true, lastSeq: true } as const;

// Boards asked for in the same turn of the event loop are read with one query: a crowd joining a board
// (1,000 sockets) or calling its API at once costs one look-up per turn, not one each (as credentials,
// ADR 006). Nothing is kept between turns, so a board's lastSeq is never stale by more than that.
const boardsBySlug = perContext(
  (prisma: ServiceContext["prisma"]) =>
    new DataLoader(
      async (slugs: readonly string[]) => {
        const rows = await prisma.board.findMany({ where: { slug: { in: [...new Set(slugs)] } }, select: boardSelect });
        const bySlug = new Map(rows.map((b) => [b.slug, b]));
        return slugs.map((s) => bySlug.get(s) ?? null);
      },
      { cache: false, batchScheduleFn: (run) => setImmediate(run), maxBatchSize: 500 },
    ),
);

/** A path segment that cannot be a slug names no board (and must not reach the database as is). */
export function requireSlugShape(slug: string) {
  if (!BOARD_SLUG.test(slug)) throw new DomainError("NOT_FOUND", "No such board");
}

/** A members-only board answers 404 to outsiders: its existence is not public either. */
export async function loadReadableBoard(db: Db, slug: string, actor: Actor | null) {
  requireSlugShape(slug);
  // Inside a transaction (whose client has no $connect), read through it; otherwise join the turn's batch.
  const board =
    "$connect" in db
      ? await boardsBySlug(db as ServiceContext["prisma"]).load(slug)
      : await db.board.findUnique({ where: { slug }, select: boardSelect });
  if (!board) throw new DomainError("NOT_FOUND", `No board "${slug}"`);
  const viewer = await viewerFor(db, actor, board.id);
  assert(canReadBoard(viewer, board), "NOT_FOUND", `No board "${slug}"`);
  return { board, viewer };
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new DomainError("UNAUTHENTICATED", "Sign in (session cookie or Bearer token) to do this");
  return actor;
}

export function requireBoardWriter(viewer: Viewer, board: { slug: string }) {
  assert(canWriteBoard(viewer), "NOT_A_MEMBER", `Join the board "${board.slug}" (accepting its covenant) to do this`);
}

/** Loads a signal's board and the viewer's rights on it, hiding signals of boards the viewer cannot read. */
export async function loadSignalAccess(db: Db, signalId: string, actor: Actor | null) {
  const signal = await db.signal.findUnique({
    where: { id: signalId },
    select: {
      id: true,
      kind: true,
      status: true,
      ownerId: true,
      quantity: true,
      claimedQuantity: true,
      // A signal's resource never changes, so its unit rule can be read before the row lock.
      resourceSpec: { select: { unit: true, divisible: true } },
      board: { select: { id: true, slug: true, name: true, visibility: true } },
    },
  });
  if (!signal) throw new DomainError("NOT_FOUND", "No such signal");
  const viewer = await viewerFor(db, actor, signal.board.id);
  assert(canReadBoard(viewer, signal.board), "NOT_FOUND", "No such signal");
  return { signal, viewer };
}

export function requireOnBehalfOf(viewer: Viewer, orgId: string | undefined | null) {
  if (orgId && !canActOnBehalfOf(viewer, orgId))
    throw new DomainError("FORBIDDEN", "You can act only on behalf of organizations you belong to", {
      onBehalfOf: ["not one of your organizations"],
    });
}
