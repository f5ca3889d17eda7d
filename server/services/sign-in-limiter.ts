// Repeated failed sign-ins for one email from one address are rate limited (429), so passwords cannot be
// guessed at speed. rate-limiter-flexible keeps the counters; one per process (see ADR 003 for several).
import { RateLimiterMemory } from "rate-limiter-flexible";
import { DomainError } from "../domain/errors";

const KEY = Symbol.for("stigmergy.signInLimiters");
type G = typeof globalThis & { [KEY]?: Map<number, RateLimiterMemory> };

/** One limiter per configured allowance, shared by every copy of this module in the process. */
function limiter(points: number): RateLimiterMemory {
  const g = globalThis as G;
  g[KEY] ??= new Map();
  let l = g[KEY].get(points);
  if (!l) g[KEY].set(points, (l = new RateLimiterMemory({ points, duration: 60 })));
  return l;
}

function key(email: string, ip: string) {
  return `${email.toLowerCase()}|${ip}`;
}

export async function assertNotLimited(points: number, email: string, ip: string) {
  const res = await limiter(points).get(key(email, ip));
  if (res && res.consumedPoints >= points) {
    throw new DomainError("RATE_LIMITED", "Too many failed sign-ins; try again in a minute", undefined, {
      retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
    });
  }
}

export async function recordFailure(points: number, email: string, ip: string) {
  await limiter(points).penalty(key(email, ip), 1);
}

export async function recordSuccess(points: number, email: string, ip: string) {
  await limiter(points).delete(key(email, ip));
}
