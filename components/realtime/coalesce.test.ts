import { describe, expect, it } from "vitest";
import { coalesce, type Timers } from "./coalesce";

/** A hand-driven clock: `advance` runs the timers that fall due, in order. */
function fakeTimers() {
  let now = 0;
  let id = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    set: (fn, ms) => (pending.set(++id, { at: now + ms, fn }), id),
    clear: (h) => pending.delete(h as number),
    now: () => now,
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const next = [...pending.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > until) break;
      pending.delete(next[0]);
      now = next[1].at;
      next[1].fn();
    }
    now = until;
  };
  return { timers, advance };
}

describe("coalesce", () => {
  it("runs once after a burst goes quiet", () => {
    const { timers, advance } = fakeTimers();
    let runs = 0;
    const call = coalesce(() => runs++, 300, 2000, timers);
    for (let i = 0; i < 50; i++) {
      call();
      advance(10);
    }
    expect(runs).toBe(0);
    advance(300);
    expect(runs).toBe(1);
    advance(5000);
    expect(runs).toBe(1);
  });

  it("still runs during an endless stream, at most maxWait after the first call", () => {
    const { timers, advance } = fakeTimers();
    let runs = 0;
    const call = coalesce(() => runs++, 300, 1000, timers);
    for (let i = 0; i < 100; i++) {
      call();
      advance(100);
    }
    expect(runs).toBe(10);
  });

  it("cancel drops the pending call", () => {
    const { timers, advance } = fakeTimers();
    let runs = 0;
    const call = coalesce(() => runs++, 300, 1000, timers);
    call();
    call.cancel();
    advance(2000);
    expect(runs).toBe(0);
  });
});
