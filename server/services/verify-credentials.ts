import { DomainError } from "../domain/errors";
import type { ServiceContext } from "./context";
import { dummyVerify, verifyPassword } from "./passwords";
import { assertNotLimited, recordFailure, recordSuccess } from "./sign-in-limiter";

/** Checks an email and password for sign-in and token creation, rate limited per email and address. */
export async function verifyCredentials(ctx: ServiceContext, email: string, password: string, ip: string) {
  await assertNotLimited(ctx, email, ip);
  const user = await ctx.prisma.user.findUnique({
    where: { email: email.toLowerCase() },
    select: { id: true, name: true, email: true, passwordHash: true },
  });
  const ok = user ? await verifyPassword(user.passwordHash, password) : await dummyVerify(password);
  if (!user || !ok) {
    await recordFailure(ctx, email, ip);
    throw new DomainError("INVALID_CREDENTIALS", "Email or password is wrong");
  }
  await recordSuccess(ctx, email, ip);
  return { id: user.id, name: user.name, email: user.email };
}
