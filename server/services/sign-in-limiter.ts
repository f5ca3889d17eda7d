// Password guessing is limited by three counters kept in the database (rate-limiter-flexible's Prisma
// store, so every instance on one PostgreSQL counts together and a restart forgets nothing): failed
// sign-ins per email from anywhere, failed sign-ins per client address across every email, and sign-ups
// per address. An attempt is counted *before* its password is hashed, by one atomic increment
// (`consume`), so N parallel guesses cannot all pass a check that none of them had yet counted. An
// attempt that was let through but was no guess (its password was right, or was never checked) is given
// its point back (ADR 010). Attempts refused with 429 are never given back: during a burst a counter may
// stand above its limit, which only means "locked until the window ends".
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { DomainError } from "../domain/errors";
import { rateLimitAddressKey } from "../domain/client-address";
import type { ServiceContext } from "./context";
import { hashSecret } from "./secrets";
import { perContext } from "./per-context";

/** Counters this much past their window are deleted by the sweep (a later attempt resets them anyway). */
export const SIGN_IN_LIMIT_RETENTION_MS = 3_600_000;

const limiters = perContext((ctx: ServiceContext) => {
  const make = (keyPrefix: string, points: number, duration: number) =>
    new RateLimiterPrisma({
      storeClient: ctx.prisma,
      tableName: "signInLimit",
      keyPrefix,
      points,
      duration,
      // The sweep deletes old counters; the library's own timer would outlive a closed database.
      clearExpiredByTimeout: false,
    });
  return {
    email: make("signin-email", ctx.limits.signInPerEmailPerMinute, 60),
    address: make("signin-address", ctx.limits.signInPerAddressPerHour, 3600),
    signUp: make("signup-address", ctx.limits.signUpsPerAddressPerHour, 3600),
  };
});

type Limiter = RateLimiterPrisma;

/** One counted attempt: settle it once the password was checked (or could not be). */
export interface Attempt {
  /** The password was right: it was no guess. */
  succeeded(): Promise<void>;
  /** The password was never checked (busy, database down): it was no guess either. */
  notTried(): Promise<void>;
}

// Emails and addresses are personal data: the table holds only their hashes.
const keyOf = (value: string) => hashSecret(value);

/**
 * Counts a sign-in attempt against its email and its address at once; 429 RATE_LIMITED when either
 * limit is spent, before any password work.
 */
export async function beginSignIn(ctx: ServiceContext, email: string, ip: string): Promise<Attempt> {
  const l = limiters(ctx);
  const counted = await consumeAll(ctx, [
    [l.email, keyOf(email.toLowerCase())],
    [l.address, keyOf(rateLimitAddressKey(ip))],
  ]);
  const [byEmail, byAddress] = counted;
  return {
    // A right password clears its email's failures (the person proved who they are) but only gives
    // back its own point on the address, where other people's failures stay counted.
    succeeded: async () => void (await Promise.all([byEmail!.limiter.delete(byEmail!.key), refund(ctx, byAddress!)])),
    notTried: async () => void (await Promise.all(counted.map((c) => refund(ctx, c)))),
  };
}

/** Counts a sign-up against its address; 429 RATE_LIMITED when the address has signed up too often. */
export async function beginSignUp(ctx: ServiceContext, ip: string): Promise<Pick<Attempt, "notTried">> {
  const counted = await consumeAll(ctx, [[limiters(ctx).signUp, keyOf(rateLimitAddressKey(ip))]]);
  return { notTried: async () => void (await Promise.all(counted.map((c) => refund(ctx, c)))) };
}

interface Counted {
  limiter: Limiter;
  key: string;
}

/**
 * Gives back one point, only while the counter's window is open and above zero. The library's `reward`
 * would upsert: after a reset (a right password) or a new window it would write a negative count,
 * which is free guesses.
 */
async function refund(ctx: ServiceContext, c: Counted): Promise<void> {
  // The library times its windows by the real clock (not ctx.now), so this does too.
  await ctx.prisma.$executeRaw`
    UPDATE sign_in_limits SET points = points - 1
     WHERE key = ${c.limiter.getKey(c.key)} AND points > 0 AND (expire IS NULL OR expire > ${new Date()})`;
}

/** Consumes one point on every counter, or none: a counter that said yes is refunded when another said no. */
async function consumeAll(ctx: ServiceContext, counters: Array<[Limiter, string]>): Promise<Counted[]> {
  const results = await Promise.allSettled(counters.map(([limiter, key]) => limiter.consume(key, 1)));
  const counted = counters.map(([limiter, key]) => ({ limiter, key }));
  const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  if (refused.length === 0) return counted;
  // Only an attempt that every counter let through is a guess.
  await Promise.all(counted.filter((_, i) => results[i]!.status === "fulfilled").map((c) => refund(ctx, c)));
  const failure = refused.find((r) => !(r.reason instanceof RateLimiterRes));
  if (failure) throw failure.reason; // the store failed: not a limit, an error
  const waitMs = Math.max(...refused.map((r) => (r.reason as RateLimiterRes).msBeforeNext));
  throw new DomainError("RATE_LIMITED", "Too many attempts from here or for this account; try again later", undefined, {
    retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
  });
}

/** Deletes counters whose window ended long ago; run by the background sweep. */
export async function deleteOldSignInLimits(ctx: ServiceContext): Promise<number> {
  const { count } = await ctx.prisma.signInLimit.deleteMany({
    where: { expire: { lt: new Date(ctx.now().getTime() - SIGN_IN_LIMIT_RETENTION_MS) } },
  });
  return count;
}
