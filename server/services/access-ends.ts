// When a session, a token or a membership ends, the sockets that relied on it must stop receiving what
// it allowed, on every instance (ADR 011). The end is announced inside the ending transaction (a
// PostgreSQL NOTIFY is delivered only if and when it commits) and handed to this process's own sockets
// right after the commit.
import { z } from "zod";
import type { AccessEnd, ServiceContext, Tx } from "./context";

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

/** For a write that already runs its own transaction: announce in it, then call `ended` after commit. */
export async function announceInTx(ctx: ServiceContext, tx: Tx, ends: AccessEnd[], e: AccessEnd): Promise<void> {
  if (ctx.access.crossProcess) {
    await tx.$executeRaw`SELECT pg_notify(${ACCESS_CHANNEL}, ${JSON.stringify({ from: ctx.access.instanceId, end: e })})`;
  }
  ends.push(e);
}
