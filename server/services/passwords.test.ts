import { describe, expect, it } from "vitest";
import type { ServiceContext } from "./context";
import { hashPassword, verifyPassword } from "./passwords";

const ctxWith = (hashConcurrency: number, hashQueue: number) =>
  ({ limits: { hashConcurrency, hashQueue, signInPerEmailPerMinute: 10, signInPerAddressPerHour: 100, signUpsPerAddressPerHour: 30 } }) as ServiceContext;

describe("bounded password hashing", () => {
  it("runs at most `hashConcurrency` hashes at once and refuses beyond the queue with SERVER_BUSY", async () => {
    const ctx = ctxWith(1, 2);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => hashPassword(ctx, "correct horse battery")));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "rejected", "rejected", "rejected"]);
    for (const r of results.slice(3)) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "SERVER_BUSY", status: 503 });
    // Once the queue has drained, hashing is accepted again.
    const h = await hashPassword(ctx, "another password");
    expect(await verifyPassword(ctx, h, "another password")).toBe(true);
    expect(await verifyPassword(ctx, h, "wrong password")).toBe(false);
  });

  it("each context has its own slots", async () => {
    const a = ctxWith(1, 0);
    const b = ctxWith(1, 0);
    const both = await Promise.allSettled([hashPassword(a, "x".repeat(10)), hashPassword(b, "y".repeat(10))]);
    expect(both.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
  });

  it("a malformed stored hash verifies as false, not as an error", async () => {
    expect(await verifyPassword(ctxWith(2, 2), "not-a-hash", "whatever")).toBe(false);
  });
});
