// Repeated failed sign-ins for one email from one address are rate limited (429), so passwords cannot be
// guessed at speed. rate-limiter-flexible keeps the counters; one per process (see ADR 003 for several).
import { RateLimiterMemory } from "rate-limiter-flexible";
import { DomainError } from "../domain/errors";

const KEY = Symbol.for("stigmergy.signInLimiter");
type G = typeof globalThis & { [KEY]?: RateLimiterMemory };

function limiter(): RateLimiterMemory {
  const g = globalThis as G;
  g[KEY] ??= new RateLimiterMemory({
    points: Number(process.env.SIGNIN_ATTEMPTS_PER_MINUTE ?? 10),
    duration: 60,
  });
  return g[KEY];
}

function key(email: string, ip: string) {
  return `${email.toLowerCase()}|${ip}`;
}

export async function assertNotLimited(email: string, ip: string) {
  const res = await limiter().get(key(email, ip));
  if (res && res.consumedPoints >= limiter().points) {
    throw new DomainError("RATE_LIMITED", "Too many failed sign-ins; try again in a minute", undefined, {
      retryAfterSeconds: Math.ceil(res.msBeforeNext / 1000),
    });
  }
}

export async function recordFailure(email: string, ip: string) {
  await limiter().penalty(key(email, ip), 1);
}

export async function recordSuccess(email: string, ip: string) {
  await limiter().delete(key(email, ip));
}
