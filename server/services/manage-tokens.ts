import { DomainError } from "../domain/errors";
import type { CreateTokenInput } from "../domain/schemas";
import type { Actor, ServiceContext } from "./context";
import { hashSecret, newSecret } from "./secrets";
import { verifyCredentials } from "./verify-credentials";
import { writeEndingAccess } from "./access-ends";

/** Personal API token for a machine client; the token is shown once and only its hash is kept. */
export async function createToken(ctx: ServiceContext, input: CreateTokenInput, ip: string) {
  const user = await verifyCredentials(ctx, input.email, input.password, ip);
  const token = newSecret("sbt_");
  const row = await ctx.prisma.apiToken.create({
    data: { userId: user.id, label: input.label ?? "API token", tokenHash: hashSecret(token) },
    select: { id: true },
  });
  return { id: row.id, token };
}

/**
 * Revokes one of the actor's own tokens, for requests and for the sockets it opened, on every instance.
 * Another person's token id answers 404, not 403.
 */
export async function revokeToken(ctx: ServiceContext, actor: Actor, id: string) {
  await writeEndingAccess(ctx, async (tx, end) => {
    const res = await tx.apiToken.updateMany({
      where: { id, userId: actor.userId, revokedAt: null },
      data: { revokedAt: ctx.now() },
    });
    if (res.count === 0) throw new DomainError("NOT_FOUND", "No such token");
    await end({ kind: "token", id });
  });
}

export async function listTokens(ctx: ServiceContext, actor: Actor) {
  const rows = await ctx.prisma.apiToken.findMany({
    where: { userId: actor.userId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, label: true, createdAt: true, lastUsedAt: true },
  });
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  }));
}
