import type { Actor, ServiceContext } from "./context";
import { hashSecret } from "./secrets";

/** Resolves a session cookie or a Bearer token to the person it belongs to; null when neither is valid. */
export async function authenticate(
  ctx: ServiceContext,
  creds: { sessionSecret?: string | null; bearerToken?: string | null },
): Promise<Actor | null> {
  const now = ctx.now();
  if (creds.bearerToken) {
    const token = await ctx.prisma.apiToken.findUnique({
      where: { tokenHash: hashSecret(creds.bearerToken) },
      select: { id: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, name: true } } },
    });
    if (!token || token.revokedAt) return null;
    // Write lastUsedAt at most once a minute: a machine client may call many times a second.
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
      await ctx.prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
    }
    return { userId: token.user.id, name: token.user.name };
  }
  if (creds.sessionSecret) {
    const session = await ctx.prisma.session.findUnique({
      where: { id: hashSecret(creds.sessionSecret) },
      select: { expiresAt: true, user: { select: { id: true, name: true } } },
    });
    if (!session || session.expiresAt <= now) return null;
    return { userId: session.user.id, name: session.user.name };
  }
  return null;
}
