// Password hashing is argon2id through @node-rs/argon2 (prebuilt, no install script), never by hand.
// Each hash takes ~19 MiB and ~20-40 ms of a core, so at most `limits.hashConcurrency` run at once and at
// most `limits.hashQueue` wait; a flood beyond that is answered 503 at once rather than queued without
// bound (ADR 010). Sign-in limits are checked before a hash is ever queued.
import { hash, verify } from "@node-rs/argon2";
import pLimit from "p-limit";
import { DomainError } from "../domain/errors";
import type { ServiceContext } from "./context";
import { perContext } from "./per-context";

const slots = perContext((ctx: ServiceContext) => pLimit(ctx.limits.hashConcurrency));

/** Runs `work` in a hashing slot, or refuses at once when too many are already waiting. */
async function bounded<T>(ctx: ServiceContext, work: () => Promise<T>): Promise<T> {
  const limit = slots(ctx);
  if (limit.activeCount + limit.pendingCount >= limit.concurrency + ctx.limits.hashQueue) {
    throw new DomainError("SERVER_BUSY", "The server is checking too many passwords at once; try again in a moment", undefined, {
      retryAfterSeconds: 1,
    });
  }
  return limit(work);
}

export function hashPassword(ctx: ServiceContext, password: string): Promise<string> {
  return bounded(ctx, () => hash(password));
}

export function verifyPassword(ctx: ServiceContext, passwordHash: string, password: string): Promise<boolean> {
  return bounded(ctx, () => verify(passwordHash, password).catch(() => false));
}

// Verifying against a fixed hash when the email is unknown keeps the answer time the same either way,
// so timing does not reveal which emails have accounts.
let dummyHash: Promise<string> | undefined;
export function dummyVerify(ctx: ServiceContext, password: string): Promise<boolean> {
  return bounded(ctx, async () => {
    dummyHash ??= hash("not-a-real-password-0000");
    return verify(await dummyHash, password).catch(() => false);
  });
}
