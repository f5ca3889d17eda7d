// The public intake form has no account behind it, so its only brake is per client address: N requests
// an hour (INTAKE_REQUESTS_PER_ADDRESS_PER_HOUR), counted atomically in the database like the sign-in
// limits (ADR 010), so every instance counts together and a restart forgets nothing (ADR 032).
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { DomainError } from "../domain/errors";
import { rateLimitAddressKey } from "../domain/client-address";
import type { ServiceContext } from "./context";
import { hashSecret } from "./secrets";
import { perContext } from "./per-context";

const limiter = perContext(
  (ctx: ServiceContext) =>
    new RateLimiterPrisma({
      storeClient: ctx.prisma,
      // The sign-in limits' table: the sweep already deletes its old counters, and keys hold only hashes.
      tableName: "signInLimit",
      keyPrefix: "intake-address",
      points: ctx.limits.intakePerAddressPerHour,
      duration: 3600,
      clearExpiredByTimeout: false,
    }),
);

/** Counts one request from this address; 429 RATE_LIMITED with Retry-After once the hour's allowance is spent. */
export async function countIntakeRequest(ctx: ServiceContext, ip: string): Promise<void> {
  try {
    await limiter(ctx).consume(hashSecret(rateLimitAddressKey(ip)), 1);
  } catch (e) {
    if (!(e instanceof RateLimiterRes)) throw e; // the store failed: an error, not a limit
    throw new DomainError("RATE_LIMITED", "Too many requests from this address; try again later, or call the board's stewards", undefined, {
      retryAfterSeconds: Math.max(1, Math.ceil(e.msBeforeNext / 1000)),
    });
  }
}
