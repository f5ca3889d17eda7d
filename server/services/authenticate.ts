import DataLoader from "dataloader";
import type { Actor, ServiceContext } from "./context";
import { hashSecret } from "./secrets";
import { perContext } from "./per-context";

export interface Credentials {
  sessionSecret?: string | null;
  bearerToken?: string | null;
}

/** What a person signed in with: a session (by its row id, the hash of its cookie) or a token (by id). */
export interface Credential {
  kind: "session" | "token";
  id: string;
}

/** Resolves a session cookie or a Bearer token to the person it belongs to; null when neither is valid. */
export async function authenticate(ctx: ServiceContext, creds: Credentials): Promise<Actor | null> {
  return (await identify(ctx, creds))?.actor ?? null;
}

/** `authenticate`, also saying which credential it was, so what relied on it can end with it (sockets). */
export async function identify(ctx: ServiceContext, creds: Credentials): Promise<{ actor: Actor; credential: Credential } | null> {
  const now = ctx.now();
  if (creds.bearerToken) {
    const token = await loadersFor(ctx).tokens.load(hashSecret(creds.bearerToken));
    if (!token || token.revokedAt) return null;
    return { actor: { userId: token.user.id, name: token.user.name }, credential: { kind: "token", id: token.id } };
  }
  if (creds.sessionSecret) {
    const id = hashSecret(creds.sessionSecret);
    const session = await loadersFor(ctx).sessions.load(id);
    if (!session || session.expiresAt <= now) return null;
    return { actor: { userId: session.user.id, name: session.user.name }, credential: { kind: "session", id } };
  }
  return null;
}

// Requests that arrive together (in one turn of the event loop) look their credentials up in one query:
// with many machine clients calling at once, one look-up per request was the largest cost left in a
// claim (ADR 006). Nothing is cached between turns, so a revoked token or ended session stops at once.
const BATCHING = { cache: false, batchScheduleFn: (run: () => void) => setImmediate(run), maxBatchSize: 500 };

function createLoaders(ctx: ServiceContext) {
  const user = { select: { id: true, name: true } };
  return {
    tokens: new DataLoader(async (hashes: readonly string[]) => {
      const rows = await ctx.prisma.apiToken.findMany({
        where: { tokenHash: { in: [...new Set(hashes)] } },
        select: { id: true, tokenHash: true, revokedAt: true, lastUsedAt: true, user },
      });
      // Write lastUsedAt at most once a minute: a machine client may call many times a second.
      const now = ctx.now().getTime();
      const stale = rows.filter((t) => !t.revokedAt && (!t.lastUsedAt || now - t.lastUsedAt.getTime() > 60_000));
      if (stale.length) {
        await ctx.prisma.apiToken.updateMany({ where: { id: { in: stale.map((t) => t.id) } }, data: { lastUsedAt: new Date(now) } });
      }
      const byHash = new Map(rows.map((r) => [r.tokenHash, r]));
      return hashes.map((h) => byHash.get(h) ?? null);
    }, BATCHING),
    sessions: new DataLoader(async (ids: readonly string[]) => {
      const rows = await ctx.prisma.session.findMany({
        where: { id: { in: [...new Set(ids)] } },
        select: { id: true, expiresAt: true, user },
      });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }, BATCHING),
  };
}

const loadersFor = perContext(createLoaders);
