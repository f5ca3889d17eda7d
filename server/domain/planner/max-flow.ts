// Dinic's maximum flow on real-valued capacities, for the planner's decomposition (stages 1-2) and its
// rounding. The graphs it sees are small (aggregated resource-week nodes), so clarity wins over tuning;
// capacities are floats, and `eps` says when a residual capacity counts as zero.

export class MaxFlowGraph {
  readonly n: number;
  private head: Int32Array;
  private next: number[] = [];
  private to: number[] = [];
  private cap: number[] = [];
  private level: Int32Array;
  private iter: Int32Array;
  private readonly eps: number;

  constructor(n: number, eps = 1e-9) {
    this.n = n;
    this.head = new Int32Array(n).fill(-1);
    this.level = new Int32Array(n);
    this.iter = new Int32Array(n);
    this.eps = eps;
  }

  /** Adds u -> v with capacity `cap`; returns the arc's index (its reverse is index ^ 1). */
  addArc(u: number, v: number, cap: number): number {
    const a = this.to.length;
    this.to.push(v, u);
    this.cap.push(cap, 0);
    this.next.push(this.head[u]!, this.head[v]!);
    this.head[u] = a;
    this.head[v] = a + 1;
    return a;
  }

  /** Flow currently on arc `a` (the capacity its reverse has gained). */
  flowOn(a: number): number {
    return this.cap[a ^ 1]!;
  }

  private bfs(s: number, t: number): boolean {
    this.level.fill(-1);
    const queue = new Int32Array(this.n);
    let qh = 0;
    let qt = 0;
    queue[qt++] = s;
    this.level[s] = 0;
    while (qh < qt) {
      const u = queue[qh++]!;
      for (let a = this.head[u]!; a !== -1; a = this.next[a]!) {
        const v = this.to[a]!;
        if (this.cap[a]! > this.eps && this.level[v] === -1) {
          this.level[v] = this.level[u]! + 1;
          queue[qt++] = v;
        }
      }
    }
    return this.level[t] !== -1;
  }

  // Iterative blocking-flow search: recursion would overflow on long augmenting paths.
  private augment(s: number, t: number): number {
    let total = 0;
    const pathArcs: number[] = [];
    let u = s;
    for (;;) {
      if (u === t) {
        let push = Infinity;
        for (const a of pathArcs) push = Math.min(push, this.cap[a]!);
        for (const a of pathArcs) {
          this.cap[a] = this.cap[a]! - push;
          this.cap[a ^ 1] = this.cap[a ^ 1]! + push;
        }
        total += push;
        pathArcs.length = 0;
        u = s;
        continue;
      }
      let advanced = false;
      for (let a = this.iter[u]!; a !== -1; a = this.next[a]!) {
        const v = this.to[a]!;
        if (this.cap[a]! > this.eps && this.level[v] === this.level[u]! + 1) {
          this.iter[u] = a;
          pathArcs.push(a);
          u = v;
          advanced = true;
          break;
        }
      }
      if (advanced) continue;
      // Dead end: nothing more through u in this phase.
      this.iter[u] = -1;
      this.level[u] = -1;
      if (u === s) return total;
      const back = pathArcs.pop()!;
      u = this.to[back ^ 1]!;
    }
  }

  maxFlow(s: number, t: number): number {
    let flow = 0;
    while (this.bfs(s, t)) {
      this.iter.set(this.head);
      flow += this.augment(s, t);
    }
    return flow;
  }

  /** Nodes reachable from s in the residual graph (after maxFlow: the smallest min-cut source side). */
  reachableFrom(s: number): Uint8Array {
    const seen = new Uint8Array(this.n);
    const stack = [s];
    seen[s] = 1;
    while (stack.length) {
      const u = stack.pop()!;
      for (let a = this.head[u]!; a !== -1; a = this.next[a]!) {
        const v = this.to[a]!;
        if (!seen[v] && this.cap[a]! > this.eps) {
          seen[v] = 1;
          stack.push(v);
        }
      }
    }
    return seen;
  }
}
