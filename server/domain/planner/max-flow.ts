// Dinic's maximum flow on real-valued capacities, for the planner's decomposition (stages 1-2) and its
// rounding. Capacities are floats, and `eps` says when a residual capacity counts as zero.

export class MaxFlowGraph {
  readonly n: number;
  private head: Int32Array;
  // Arcs in typed arrays that double as they fill: the rounding's graphs have ~100,000 arcs and are
  // searched ~100 times, and plain number arrays made each search several times slower.
  private arcs = 0;
  private next = new Int32Array(64);
  private to = new Int32Array(64);
  private cap = new Float64Array(64);
  private level: Int32Array;
  private iter: Int32Array;
  private queue: Int32Array;
  private readonly eps: number;

  constructor(n: number, eps = 1e-9) {
    this.n = n;
    this.head = new Int32Array(n).fill(-1);
    this.level = new Int32Array(n);
    this.iter = new Int32Array(n);
    this.queue = new Int32Array(n);
    this.eps = eps;
  }

  /** Adds u -> v with capacity `cap`; returns the arc's index (its reverse is index ^ 1). */
  addArc(u: number, v: number, cap: number): number {
    const a = this.arcs;
    if (a + 2 > this.to.length) this.grow();
    this.to[a] = v;
    this.to[a + 1] = u;
    this.cap[a] = cap;
    this.cap[a + 1] = 0;
    this.next[a] = this.head[u]!;
    this.next[a + 1] = this.head[v]!;
    this.head[u] = a;
    this.head[v] = a + 1;
    this.arcs = a + 2;
    return a;
  }

  private grow() {
    const size = this.to.length * 2;
    const next = new Int32Array(size);
    const to = new Int32Array(size);
    const cap = new Float64Array(size);
    next.set(this.next);
    to.set(this.to);
    cap.set(this.cap);
    this.next = next;
    this.to = to;
    this.cap = cap;
  }

  /** Flow currently on arc `a` (the capacity its reverse has gained). */
  flowOn(a: number): number {
    return this.cap[a ^ 1]!;
  }

  private bfs(s: number, t: number): boolean {
    this.level.fill(-1);
    const queue = this.queue;
    let qh = 0;
    let qt = 0;
    queue[qt++] = s;
    this.level[s] = 0;
    while (qh < qt) {
      const u = queue[qh++]!;
      // Nodes as far from s as t is, or farther, are on no shortest path to t: stop there.
      if (this.level[t] !== -1 && this.level[u]! >= this.level[t]!) break;
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
        // Back up only to the tail of the first arc this push saturated: the prefix before it still
        // has room, and walking it again from s made long paths cost their length per unit pushed.
        let keep = 0;
        while (keep < pathArcs.length && this.cap[pathArcs[keep]!]! > this.eps) keep++;
        u = keep < pathArcs.length ? this.to[pathArcs[keep]! ^ 1]! : s;
        pathArcs.length = keep < pathArcs.length ? keep : 0;
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
