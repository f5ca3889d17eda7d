// When a session, a token or a membership ends, the sockets that relied on it must stop receiving what
// it allowed, on every instance (ADR 011). The end is announced inside the ending transaction (a
// PostgreSQL NOTIFY is delivered only if and when it commits) and handed to this process's own sockets
// right after the commit.
import { z } from "zod";
import type { AccessEnd, ServiceContext, Tx } from "./context";
import type { Credential } from "./authenticate";

export const ACCESS_CHANNEL = "access_ended";

const id = z.string().min(1).max(200);
const notificationSchema = z.object({
  from: id,
  end: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("session"), id }),
    z.object({ kind: z.literal("token"), id }),
    z.object({ kind: z.literal("membership"), boardId: id, userId: id }),
  ]),
});

/** A NOTIFY payload: the access end and the instance that sent it; null for anything else. */
export function parseAccessEnd(payload: string): { from: string; end: AccessEnd } | null {
  try {
    const parsed = notificationSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Runs `fn` in one transaction; each access end it announces reaches the other instances with the commit
 * and this process's sockets right after it. Nothing is announced when the transaction fails.
 */
export async function writeEndingAccess<T>(
  ctx: ServiceContext,
  fn: (tx: Tx, end: (e: AccessEnd) => Promise<void>) => Promise<T>,
): Promise<T> {
  const ends: AccessEnd[] = [];
  const result = await ctx.prisma.$transaction((tx) => fn(tx, (e) => announceInTx(ctx, tx, ends, e)));
  for (const e of ends) ctx.access.ended(e);
  return result;
}

/**
 * Which of these credentials and memberships no longer hold: for an instance that may have missed
 * notifications (its LISTEN connection was down) and checks what its sockets rely on.
 */
export async function findEndedAccess(
  ctx: ServiceContext,
  credentials: Credential[],
  memberships: Array<{ boardId: string; userId: string }>,
): Promise<AccessEnd[]> {
  const ids = (kind: Credential["kind"]) => [...new Set(credentials.filter((c) => c.kind === kind).map((c) => c.id))];
  const sessionIds = ids("session");
  const tokenIds = ids("token");
  // Sequential: on the embedded database queries run one at a time anyway.
  const sessions = await ctx.prisma.session.findMany({ where: { id: { in: sessionIds }, expiresAt: { gt: ctx.now() } }, select: { id: true } });
  const tokens = await ctx.prisma.apiToken.findMany({ where: { id: { in: tokenIds }, revokedAt: null }, select: { id: true } });
  const members = memberships.length
    ? await ctx.prisma.boardMember.findMany({ where: { OR: memberships }, select: { boardId: true, userId: true } })
    : [];
  const live = new Set([...sessions.map((s) => `s:${s.id}`), ...tokens.map((t) => `t:${t.id}`), ...members.map((m) => `m:${m.boardId}:${m.userId}`)]);
  return [
    ...sessionIds.filter((id) => !live.has(`s:${id}`)).map((id): AccessEnd => ({ kind: "session", id })),
    ...tokenIds.filter((id) => !live.has(`t:${id}`)).map((id): AccessEnd => ({ kind: "token", id })),
    ...memberships.filter((m) => !live.has(`m:${m.boardId}:${m.userId}`)).map((m): AccessEnd => ({ kind: "membership", ...m })),
  ];
}

/** For a write that already runs its own transaction: announce in it, then call `ended` after commit. */
export async function announceInTx(ctx: ServiceContext, tx: Tx, ends: AccessEnd[], e: AccessEnd): Promise<void> {
  if (ctx.access.crossProcess) {
    await tx.$executeRaw`SELECT pg_notify(${ACCESS_CHANNEL}, ${JSON.stringify({ from: ctx.access.instanceId, end: e })})`;
  }
  ends.push(e);
}
