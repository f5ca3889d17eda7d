// Repeated failed sign-ins for one email from one address are rate limited (429), so passwords cannot be
// guessed at speed. rate-limiter-flexible keeps the counters in the database (its Prisma store), so every
// instance on one PostgreSQL counts the same failures and a restart forgets none.
import { RateLimiterPrisma } from "rate-limiter-flexible";
import { DomainError } from "../domain/errors";
import type { ServiceContext } from "./context";
import { hashSecret } from "./secrets";
import { perContext } from "./per-context";

const WINDOW_SECONDS = 60;
/** Counters this much past their window are deleted by the sweep (a later attempt resets them anyway). */
export const SIGN_IN_LIMIT_RETENTION_MS = 3_600_000;

const limiter = perContext(
  (ctx: ServiceContext) =>
    new RateLimiterPrisma({
      storeClient: ctx.prisma,
      tableName: "signInLimit",
      points: ctx.signInAttemptsPerMinute,
      duration: WINDOW_SECONDS,
      // The sweep deletes old counters; the library's own timer would outlive a closed database.
      clearExpiredByTimeout: false,
    }),
);

function key(email: string, ip: string) {
  return hashSecret(`${email.toLowerCase()}|${ip}`);
}

export async function assertNotLimited(ctx: ServiceContext, email: string, ip: string) {
  const res = await limiter(ctx).get(key(email, ip));
  if (res && res.consumedPoints >= ctx.signInAttemptsPerMinute) {
    throw new DomainError("RATE_LIMITED", "Too many failed sign-ins; try again in a minute", undefined, {
      retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
    });
  }
}

export async function recordFailure(ctx: ServiceContext, email: string, ip: string) {
  await limiter(ctx).penalty(key(email, ip), 1);
}

export async function recordSuccess(ctx: ServiceContext, email: string, ip: string) {
  await limiter(ctx).delete(key(email, ip));
}

/** Deletes counters whose window ended long ago; run by the background sweep. */
export async function deleteOldSignInLimits(ctx: ServiceContext): Promise<number> {
  const { count } = await ctx.prisma.signInLimit.deleteMany({
    where: { expire: { lt: new Date(ctx.now().getTime() - SIGN_IN_LIMIT_RETENTION_MS) } },
  });
  return count;
}
