import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MaxFlowGraph } from "./max-flow";

const arc = fc.record({ u: fc.integer({ min: 0, max: 7 }), v: fc.integer({ min: 0, max: 7 }), cap: fc.integer({ min: 0, max: 9 }) });

/** The smallest s-t cut by enumerating every side containing s and not t (8 nodes: 64 cuts). */
function minCut(n: number, arcs: { u: number; v: number; cap: number }[]): number {
  let best = Infinity;
  for (let mask = 0; mask < 1 << n; mask++) {
    if (!(mask & 1) || mask & 2) continue;
    let cut = 0;
    for (const a of arcs) if (mask & (1 << a.u) && !(mask & (1 << a.v))) cut += a.cap;
    best = Math.min(best, cut);
  }
  return best;
}

describe("MaxFlowGraph", () => {
  it("finds a flow equal to the smallest cut, and the flows on arcs respect capacities and conservation", () => {
    fc.assert(
      fc.property(fc.array(arc, { maxLength: 60 }), (raw) => {
        const arcs = raw.filter((a) => a.u !== a.v);
        const g = new MaxFlowGraph(8, 0.5);
        const ids = arcs.map((a) => g.addArc(a.u, a.v, a.cap));
        const flow = g.maxFlow(0, 1);
        expect(flow).toBe(minCut(8, arcs));
        const net = new Array<number>(8).fill(0);
        ids.forEach((id, i) => {
          const f = g.flowOn(id);
          expect(f).toBeGreaterThanOrEqual(0);
          expect(f).toBeLessThanOrEqual(arcs[i]!.cap);
          net[arcs[i]!.u]! -= f;
          net[arcs[i]!.v]! += f;
        });
        expect(net.slice(2)).toEqual([0, 0, 0, 0, 0, 0]);
        expect(net[1]).toBe(flow);
      }),
      { numRuns: 500, seed: 20261128 },
    );
  });

  it("adding arcs after a max flow and running it again adds only what the new arcs allow", () => {
    const g = new MaxFlowGraph(4, 0.5);
    g.addArc(0, 2, 5);
    g.addArc(2, 1, 2);
    expect(g.maxFlow(0, 1)).toBe(2);
    g.addArc(2, 3, 10);
    g.addArc(3, 1, 10);
    expect(g.maxFlow(0, 1)).toBe(3);
    expect(g.maxFlow(0, 1)).toBe(0);
  });
});
