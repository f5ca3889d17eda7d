import type { MeDto } from "../domain/dto";
import { isDomainError } from "../domain/errors";
import type { Actor, ServiceContext } from "./context";
import { getMe } from "./get-me";

/**
 * The signed-in person, or null when nobody is (or the account is gone): what a browser page asks on
 * every visit, where being anonymous is a normal answer rather than an error.
 */
export async function currentSession(ctx: ServiceContext, actor: Actor | null): Promise<MeDto | null> {
  if (!actor) return null;
  try {
    return await getMe(ctx, actor);
  } catch (e) {
    if (isDomainError(e) && e.code === "UNAUTHENTICATED") return null;
    throw e;
  }
}
