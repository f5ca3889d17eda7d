import { afterEach, describe, expect, it, vi } from "vitest";
import { BoardPresence, PRESENCE_COALESCE_MS, PRESENCE_HEARTBEAT_MS } from "./presence";

/** Instances wired to one another through a fake NOTIFY bus, each with what its viewers were last shown. */
function network(n: number) {
  let t = 0;
  const clock = () => t;
  const shown: Array<Map<string, number>> = [];
  const instances: BoardPresence[] = [];
  const bus = async (payload: string) => {
    for (const p of instances) p.received(payload);
  };
  for (let i = 0; i < n; i++) {
    const seen = new Map<string, number>();
    shown.push(seen);
    instances.push(new BoardPresence((board, viewers) => seen.set(board, viewers), bus, clock, 0));
  }
  return { instances, shown, advance: (ms: number) => (t += ms), stop: () => instances.forEach((p) => p.stop()) };
}

describe("BoardPresence", () => {
  it("shows each instance the sum of every instance's viewers, as they join and leave", async () => {
    const net = network(2);
    const [a, b] = net.instances;
    a!.setLocal("board-1", 2);
    expect(net.shown.map((s) => s.get("board-1"))).toEqual([2, 2]);
    b!.setLocal("board-1", 3);
    expect(net.shown.map((s) => s.get("board-1"))).toEqual([5, 5]);
    a!.setLocal("board-1", 0);
    expect(net.shown.map((s) => s.get("board-1"))).toEqual([3, 3]);
    b!.setLocal("board-2", 1);
    expect(net.shown.map((s) => s.get("board-2"))).toEqual([1, 1]);
    expect(net.shown[0]!.get("board-1")).toBe(3);
    net.stop();
  });

  it("forgets an instance that stopped repeating its counts, and a new instance learns the others' counts", async () => {
    const net = network(3);
    const [a, b, c] = net.instances;
    a!.setLocal("board", 4);
    b!.setLocal("board", 1);
    expect(c!.total("board")).toBe(5);
    // b goes quiet (crashed); a keeps repeating its count.
    for (let i = 0; i < 4; i++) {
      net.advance(PRESENCE_HEARTBEAT_MS);
      a!.heartbeat();
      c!.heartbeat();
    }
    expect(c!.total("board")).toBe(4);
    expect(net.shown[2]!.get("board")).toBe(4);
    net.stop();
  });

  it("ignores its own notifications and malformed ones", () => {
    const shown: number[] = [];
    const p = new BoardPresence((_, v) => shown.push(v), null, Date.now, 0);
    p.setLocal("board", 2);
    p.received(`${p.instanceId}:board:7`);
    for (const bad of ["", "x", "i:board:-1", "i:board:1.5", "i:board:many", "i::3"]) p.received(bad);
    expect(p.total("board")).toBe(2);
    expect(shown).toEqual([2]);
  });
});

describe("BoardPresence coalescing", () => {
  afterEach(() => vi.useRealTimers());

  it("tells a crowd arriving together as one count, at the end of the window, here and to the others", () => {
    vi.useFakeTimers();
    const shown: Array<[string, number]> = [];
    const published: string[] = [];
    const p = new BoardPresence((b, v) => shown.push([b, v]), async (m) => void published.push(m));
    for (let n = 1; n <= 1000; n++) p.setLocal("board", n);
    p.setLocal("other", 1);
    expect(shown).toEqual([]);
    vi.advanceTimersByTime(PRESENCE_COALESCE_MS);
    expect(shown).toEqual([["board", 1000], ["other", 1]]);
    expect(published).toEqual([`${p.instanceId}:board:1000`, `${p.instanceId}:other:1`]);
    // The next change opens a new window; a leave back to zero is told too.
    p.setLocal("board", 999);
    p.setLocal("board", 0);
    vi.advanceTimersByTime(PRESENCE_COALESCE_MS);
    expect(shown.at(-1)).toEqual(["board", 0]);
    expect(p.total("board")).toBe(0);
    p.stop();
  });

  it("sends nothing after stop", () => {
    vi.useFakeTimers();
    const shown: number[] = [];
    const p = new BoardPresence((_, v) => shown.push(v), null);
    p.setLocal("board", 3);
    p.stop();
    vi.advanceTimersByTime(PRESENCE_COALESCE_MS * 2);
    expect(shown).toEqual([]);
  });
});
