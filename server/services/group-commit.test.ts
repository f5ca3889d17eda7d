import { describe, expect, it } from "vitest";
import { GroupCommit, type BatchResult } from "./group-commit";

/** A writer that records its batches and can be held open, like a transaction in flight. */
function recorder(fail?: (items: number[]) => boolean) {
  const batches: number[][] = [];
  let release: () => void = () => {};
  let held = Promise.resolve();
  const write = async (items: number[]): Promise<BatchResult<number>> => {
    batches.push(items);
    await held;
    if (fail?.(items)) throw new Error(`batch ${items.join(",")} failed`);
    return { outcomes: items.map((i) => (i < 0 ? { ok: false, error: new Error(`refused ${i}`) } : { ok: true, value: i * 10 })) };
  };
  return {
    batches,
    write,
    hold() {
      held = new Promise((r) => (release = r));
    },
    release: () => release(),
  };
}

describe("GroupCommit", () => {
  it("writes what arrives in one turn together, in arrival order, and answers each with its own outcome", async () => {
    const r = recorder();
    const q = new GroupCommit(r.write);
    const answers = await Promise.allSettled([q.submit(1), q.submit(-2), q.submit(3)]);
    expect(r.batches).toEqual([[1, -2, 3]]);
    expect(answers[0]).toEqual({ status: "fulfilled", value: 10 });
    expect(answers[1]).toMatchObject({ status: "rejected", reason: { message: "refused -2" } });
    expect(answers[2]).toEqual({ status: "fulfilled", value: 30 });
  });

  it("gathers what arrives while a batch is in flight into the next batch, never running two at once", async () => {
    const r = recorder();
    const q = new GroupCommit(r.write);
    r.hold();
    const first = q.submit(1);
    await new Promise((res) => setImmediate(res));
    expect(r.batches).toEqual([[1]]);
    const later = [q.submit(2), q.submit(3), q.submit(4)];
    await new Promise((res) => setTimeout(res, 5));
    expect(r.batches).toEqual([[1]]);
    r.release();
    expect(await Promise.all([first, ...later])).toEqual([10, 20, 30, 40]);
    expect(r.batches).toEqual([[1], [2, 3, 4]]);
  });

  it("caps the batch size", async () => {
    const r = recorder();
    const q = new GroupCommit(r.write, { maxBatch: 2 });
    await Promise.all([1, 2, 3, 4, 5].map((i) => q.submit(i)));
    expect(r.batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it("when a batch fails as a whole, retries each item alone so only the item at fault fails", async () => {
    const r = recorder((items) => items.includes(13));
    const q = new GroupCommit(r.write);
    const answers = await Promise.allSettled([q.submit(12), q.submit(13), q.submit(14)]);
    expect(r.batches).toEqual([[12, 13, 14], [12], [13], [14]]);
    expect(answers.map((a) => a.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((answers[1] as PromiseRejectedResult).reason.message).toBe("batch 13 failed");
  });

  it("a failure after the commit (publishing) answers every item and never writes the batch again", async () => {
    const batches: number[][] = [];
    const heard: unknown[] = [];
    let published = 0;
    const q = new GroupCommit(
      async (items: number[]): Promise<BatchResult<number>> => {
        batches.push(items);
        return {
          outcomes: items.map((i) => ({ ok: true, value: i })),
          afterCommit: () => {
            published++;
            throw new Error("socket fan-out broke");
          },
        };
      },
      { onAfterCommitError: (e) => heard.push(e) },
    );
    const answers = await Promise.allSettled([q.submit(1), q.submit(2), q.submit(3)]);
    expect(answers).toEqual([1, 2, 3].map((value) => ({ status: "fulfilled", value })));
    expect(batches).toEqual([[1, 2, 3]]);
    expect(published).toBe(1);
    expect(heard).toMatchObject([{ message: "socket fan-out broke" }]);
    // The queue goes on working afterwards.
    expect(await q.submit(4)).toBe(4);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });
});
