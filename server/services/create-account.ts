import { DomainError } from "../domain/errors";
import type { CreateAccountInput } from "../domain/schemas";
import { isUniqueViolation } from "../db/errors";
import type { ServiceContext } from "./context";
import { hashPassword } from "./passwords";

/** Signs a person up. Boards are joined separately, each accepting its own covenant. */
export async function createAccount(ctx: ServiceContext, input: CreateAccountInput) {
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await ctx.prisma.user.create({
      data: { email: input.email, name: input.name, passwordHash },
      select: { id: true, email: true, name: true },
    });
    return user;
  } catch (e) {
    if (isUniqueViolation(e))
      throw new DomainError("EMAIL_TAKEN", "An account with this email exists", { email: ["already registered"] });
    throw e;
  }
}
