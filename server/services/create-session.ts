import type { SignInInput } from "../domain/schemas";
import type { ServiceContext } from "./context";
import { hashSecret, newSecret } from "./secrets";
import { verifyCredentials } from "./verify-credentials";
import { writeEndingAccess } from "./access-ends";

/** Browser sign-in: returns the cookie value (only its hash is stored) and when it expires. */
export async function createSession(ctx: ServiceContext, input: SignInInput, ip: string) {
  const user = await verifyCredentials(ctx, input.email, input.password, ip);
  const secret = newSecret("sbs_");
  const expiresAt = new Date(ctx.now().getTime() + ctx.sessionTtlDays * 86_400_000);
  await ctx.prisma.session.create({ data: { id: hashSecret(secret), userId: user.id, expiresAt } });
  return { user, secret, expiresAt };
}

/** Sign-out: the session stops working for requests and for the sockets it opened, on every instance. */
export async function deleteSession(ctx: ServiceContext, secret: string) {
  const id = hashSecret(secret);
  await writeEndingAccess(ctx, async (tx, end) => {
    const { count } = await tx.session.deleteMany({ where: { id } });
    if (count > 0) await end({ kind: "session", id });
  });
}
