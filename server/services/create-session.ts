import type { SignInInput } from "../domain/schemas";
import type { ServiceContext } from "./context";
import { hashSecret, newSecret } from "./secrets";
import { verifyCredentials } from "./verify-credentials";

/** Browser sign-in: returns the cookie value (only its hash is stored) and when it expires. */
export async function createSession(ctx: ServiceContext, input: SignInInput, ip: string) {
  const user = await verifyCredentials(ctx, input.email, input.password, ip);
  const secret = newSecret("sbs_");
  const expiresAt = new Date(ctx.now().getTime() + ctx.sessionTtlDays * 86_400_000);
  await ctx.prisma.session.create({ data: { id: hashSecret(secret), userId: user.id, expiresAt } });
  return { user, secret, expiresAt };
}

export async function deleteSession(ctx: ServiceContext, secret: string) {
  await ctx.prisma.session.deleteMany({ where: { id: hashSecret(secret) } });
}
