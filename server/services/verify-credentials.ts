import { DomainError } from "../domain/errors";
import type { ServiceContext } from "./context";
import { dummyVerify, verifyPassword } from "./passwords";
import { beginSignIn } from "./sign-in-limiter";

/**
 * Checks an email and password for sign-in and token creation. The attempt is counted (per email and
 * per address) before the password is hashed, so a burst of parallel guesses gets no more than the limit.
 */
export async function verifyCredentials(ctx: ServiceContext, email: string, password: string, ip: string) {
  const attempt = await beginSignIn(ctx, email, ip);
  let user: { id: string; name: string; email: string; passwordHash: string } | null;
  let ok: boolean;
  try {
    user = await ctx.prisma.user.findUnique({
      where: { email: email.toLowerCase() },
      select: { id: true, name: true, email: true, passwordHash: true },
    });
    ok = user ? await verifyPassword(ctx, user.passwordHash, password) : await dummyVerify(ctx, password);
  } catch (e) {
    await attempt.notTried().catch(() => {});
    throw e;
  }
  if (!user || !ok) throw new DomainError("INVALID_CREDENTIALS", "Email or password is wrong");
  await attempt.succeeded();
  return { id: user.id, name: user.name, email: user.email };
}
