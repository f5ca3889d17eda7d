import { afterEach, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { cachedSnapshot, rememberSnapshot } from "./snapshot-cache";

const text = JSON.stringify({ weeks: ["2026-W49"], needs: [{ id: "n1", quantity: 5 }], sources: [{ id: "s1", supply: [{ week: 0, quantity: 3 }] }] });

describe("snapshot cache", () => {
  afterEach(() => void vi.useRealTimers());

  it("answers the parsed snapshot it was given, the same object each time", () => {
    const id = randomUUID();
    expect(cachedSnapshot(id)).toBeUndefined();
    const s = rememberSnapshot(id, text);
    expect(s).toEqual(JSON.parse(text));
    expect(cachedSnapshot(id)).toBe(s);
    expect(cachedSnapshot(randomUUID())).toBeUndefined();
  });

  it("is frozen all the way down: a caller that changes it throws instead of corrupting the next read", () => {
    const s = rememberSnapshot(randomUUID(), text) as unknown as { needs: Array<{ quantity: number }>; sources: Array<{ supply: Array<{ quantity: number }> }> };
    expect(() => s.needs.push({ quantity: 1 })).toThrow(TypeError);
    expect(() => (s.needs[0]!.quantity = 0)).toThrow(TypeError);
    expect(() => (s.sources[0]!.supply[0]!.quantity = 0)).toThrow(TypeError);
  });

  it("drops a snapshot nobody read for a minute, read or not, so an idle server holds none", async () => {
    vi.useFakeTimers();
    vi.resetModules(); // a fresh cache, whose sweep runs on the fake clock
    const cache = await import("./snapshot-cache");
    const [idle, used] = [randomUUID(), randomUUID()];
    cache.rememberSnapshot(idle, text);
    cache.rememberSnapshot(used, text);
    vi.advanceTimersByTime(40_000);
    expect(cache.cachedSnapshot(used)).toBeDefined();
    vi.advanceTimersByTime(55_000); // a sweep every 30 s: the one at 90 s finds it idle for 90 s
    expect(cache.heldSnapshots()).toBe(1); // swept without anyone asking
    expect(cache.cachedSnapshot(idle)).toBeUndefined();
    expect(cache.cachedSnapshot(used)).toBeDefined();
    vi.advanceTimersByTime(120_000);
    expect(cache.heldSnapshots()).toBe(0);
  });
});
