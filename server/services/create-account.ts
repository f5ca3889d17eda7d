import { DomainError } from "../domain/errors";
import type { CreateAccountInput } from "../domain/schemas";
import { isUniqueViolation } from "../db/errors";
import type { ServiceContext } from "./context";
import { hashPassword } from "./passwords";
import { beginSignUp } from "./sign-in-limiter";

/**
 * Signs a person up from the client address `ip`, limited per address (counted before the password is
 * hashed). Boards are joined separately, each accepting its own covenant.
 */
export async function createAccount(ctx: ServiceContext, input: CreateAccountInput, ip: string) {
  const signUp = await beginSignUp(ctx, ip);
  let passwordHash: string;
  try {
    passwordHash = await hashPassword(ctx, input.password);
  } catch (e) {
    await signUp.notTried().catch(() => {});
    throw e;
  }
  return insertAccount(ctx, input, passwordHash);
}

/** An account made by the server itself (the demo seed): no client, so no per-address limit. */
export async function createAccountUnlimited(ctx: ServiceContext, input: CreateAccountInput) {
  return insertAccount(ctx, input, await hashPassword(ctx, input.password));
}

async function insertAccount(ctx: ServiceContext, input: CreateAccountInput, passwordHash: string) {
  try {
    return await ctx.prisma.user.create({
      data: { email: input.email, name: input.name, passwordHash },
      select: { id: true, email: true, name: true },
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new DomainError("EMAIL_TAKEN", "An account with this email exists", { email: ["already registered"] });
    throw e;
  }
}
