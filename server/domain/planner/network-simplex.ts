// Primal network simplex for min-cost flow (stage 3's transport and stage 4's preferences), after the
// design of LEMON's NetworkSimplex: an artificial root with big-M arcs gives the first spanning tree,
// entering arcs are chosen by block search pricing, and the leaving arc by the strongly-feasible-tree
// rule (which rules out cycling on degenerate pivots). Arcs may be added between solves (column
// generation: stage 3 starts from the nearest candidate sources and prices the rest with the duals).
// Supplies are positive, demands negative, and they must sum to zero.

const LOWER = 1;
const UPPER = -1;
const TREE = 0;

export class NetworkSimplex {
  readonly nodeCount: number;
  private readonly root: number;
  // Arc arrays are typed and grown by doubling: the pricing loop reads them millions of times.
  private m = 0;
  private src = new Int32Array(1024);
  private tgt = new Int32Array(1024);
  private cost = new Float64Array(1024);
  private cap = new Float64Array(1024);
  private flow = new Float64Array(1024);
  private state = new Int8Array(1024);
  private parent: Int32Array;
  private pred: Int32Array;
  private predUp: Uint8Array;
  /** Size of each node's subtree: finds the join node (LEMON's rule) and picks the smaller side to re-price. */
  private succ: Int32Array;
  private firstChild: Int32Array;
  private nextSib: Int32Array;
  private prevSib: Int32Array;
  private pi: Float64Array;
  private nextArc = 0;
  private started = false;
  private readonly supply: Float64Array;
  /** Number of pivots done so far (for figures and tests). */
  pivots = 0;

  /** `costBound`: the largest |cost| any arc will have, also arcs added later (sizes the big M). */
  constructor(supply: Float64Array, costBound = 0) {
    this.maxCost = costBound;
    this.nodeCount = supply.length;
    this.supply = supply;
    const n = supply.length + 1;
    this.root = supply.length;
    this.parent = new Int32Array(n).fill(-1);
    this.pred = new Int32Array(n).fill(-1);
    this.predUp = new Uint8Array(n);
    this.succ = new Int32Array(n).fill(1);
    this.firstChild = new Int32Array(n).fill(-1);
    this.nextSib = new Int32Array(n).fill(-1);
    this.prevSib = new Int32Array(n).fill(-1);
    this.pi = new Float64Array(n);
  }

  addArc(u: number, v: number, cost: number, cap = Infinity): number {
    if (this.m === this.src.length) this.grow();
    const a = this.m++;
    this.src[a] = u;
    this.tgt[a] = v;
    this.cost[a] = cost;
    this.cap[a] = cap;
    this.flow[a] = 0;
    this.state[a] = LOWER;
    return a;
  }

  private grow() {
    const size = this.src.length * 2;
    const more = <T extends Int32Array | Float64Array | Int8Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.src = more(this.src, (n) => new Int32Array(n));
    this.tgt = more(this.tgt, (n) => new Int32Array(n));
    this.cost = more(this.cost, (n) => new Float64Array(n));
    this.cap = more(this.cap, (n) => new Float64Array(n));
    this.flow = more(this.flow, (n) => new Float64Array(n));
    this.state = more(this.state, (n) => new Int8Array(n));
  }

  endpoints(a: number): [number, number] {
    return [this.src[a]!, this.tgt[a]!];
  }
  arcCost(a: number): number {
    return this.cost[a]!;
  }
  supplies(): Float64Array {
    return this.supply;
  }
  get arcCount(): number {
    return this.m;
  }
  flowOn(a: number): number {
    return this.flow[a]!;
  }
  potential(u: number): number {
    return this.pi[u]!;
  }
  /** All node potentials (read only: the pricing loop reads them in bulk). */
  potentials(): Readonly<Float64Array> {
    return this.pi;
  }
  /** cost + pi(u) - pi(v): zero on tree arcs, >= 0 on arcs at their lower bound once optimal. */
  reducedCost(a: number): number {
    return this.cost[a]! + this.pi[this.src[a]!]! - this.pi[this.tgt[a]!]!;
  }
  /** Flow left on the artificial arcs: zero when the problem was feasible. */
  artificialFlow(): number {
    let total = 0;
    for (let u = 0; u < this.nodeCount; u++) if (this.artificial[u]! >= 0) total += this.flow[this.artificial[u]!]!;
    return total;
  }

  private artificial: Int32Array = new Int32Array(0);
  private maxCost = 0;

  private initialParentArc: Int32Array | null = null;

  /** A starting forest: per node, a real arc to its parent, or -1 to hang from the artificial root.
   * Flows follow from the supplies; an arc that would need negative (or, pointing rootwards, zero)
   * flow is dropped for an artificial one, so the start is always a strongly feasible tree. A good
   * start (every need on its nearest source with room) saves most of the pivots of a big-M start. */
  setInitialTree(parentArc: Int32Array) {
    this.initialParentArc = parentArc;
  }

  private start() {
    this.started = true;
    for (let a = 0; a < this.m; a++) this.maxCost = Math.max(this.maxCost, Math.abs(this.cost[a]!));
    // Big enough that no real path is ever dearer than one artificial arc.
    const art = (this.maxCost + 1) * (this.nodeCount + 1);
    const n = this.nodeCount;
    const pa = this.initialParentArc ? Int32Array.from(this.initialParentArc) : new Int32Array(n).fill(-1);
    const other = (u: number) => (this.src[pa[u]!] === u ? this.tgt[pa[u]!]! : this.src[pa[u]!]!);
    // Breadth-first order from the root; nodes on a cycle are never reached and hang from the root.
    const kids: number[][] = Array.from({ length: n + 1 }, () => []);
    for (let u = 0; u < n; u++) kids[pa[u]! < 0 ? this.root : other(u)]!.push(u);
    const order: number[] = [];
    const seen = new Uint8Array(n + 1);
    const visit = (from: number) => {
      const queue = [from];
      seen[from] = 1;
      for (let h = 0; h < queue.length; h++) {
        const u = queue[h]!;
        if (u !== this.root) order.push(u);
        for (const v of kids[u]!) {
          if (seen[v]) continue;
          seen[v] = 1;
          queue.push(v);
        }
      }
    };
    visit(this.root);
    for (let u = 0; u < n; u++) {
      if (seen[u]) continue;
      pa[u] = -1;
      visit(u);
    }
    // Deepest first: each node's subtree balance is what its parent arc must carry.
    const bsub = Float64Array.from(this.supply);
    for (let k = order.length - 1; k >= 0; k--) {
      const u = order[k]!;
      if (pa[u]! < 0) continue;
      const up = this.src[pa[u]!] === u;
      const f = up ? bsub[u]! : -bsub[u]!;
      if (f < 0 || (f === 0 && up)) pa[u] = -1;
      else bsub[other(u)] = bsub[other(u)]! + bsub[u]!;
    }
    this.artificial = new Int32Array(n).fill(-1);
    for (const u of order) {
      let p: number;
      if (pa[u]! < 0) {
        const b = bsub[u]!;
        const a = b > 0 ? this.addArc(u, this.root, art) : this.addArc(this.root, u, art);
        this.artificial[u] = a;
        this.flow[a] = Math.abs(b);
        this.pred[u] = a;
        this.predUp[u] = b > 0 ? 1 : 0;
        p = this.root;
      } else {
        const a = pa[u]!;
        p = other(u);
        this.pred[u] = a;
        this.predUp[u] = this.src[a] === u ? 1 : 0;
        this.flow[a] = Math.abs(bsub[u]!);
      }
      const a = this.pred[u]!;
      this.state[a] = TREE;
      this.parent[u] = p;
      this.pi[u] = this.predUp[u] ? this.pi[p]! - this.cost[a]! : this.pi[p]! + this.cost[a]!;
      this.addChild(p, u);
    }
    for (let k = order.length - 1; k >= 0; k--) {
      const u = order[k]!;
      this.succ[this.parent[u]!] = this.succ[this.parent[u]!]! + this.succ[u]!;
    }
  }

  private addChild(p: number, x: number) {
    const f = this.firstChild[p]!;
    this.nextSib[x] = f;
    this.prevSib[x] = -1;
    if (f !== -1) this.prevSib[f] = x;
    this.firstChild[p] = x;
  }

  private removeChild(p: number, x: number) {
    const prev = this.prevSib[x]!;
    const next = this.nextSib[x]!;
    if (prev !== -1) this.nextSib[prev] = next;
    else this.firstChild[p] = next;
    if (next !== -1) this.prevSib[next] = prev;
    this.nextSib[x] = this.prevSib[x] = -1;
  }

  private findEntering(eps: number): number {
    const m = this.m;
    const block = Math.max(16, Math.ceil(Math.sqrt(m)));
    let best = -1;
    let min = -eps;
    let count = 0;
    let e = this.nextArc >= m ? 0 : this.nextArc;
    for (let seen = 0; seen < m; seen++) {
      const st = this.state[e]!;
      if (st !== TREE) {
        const c = st * (this.cost[e]! + this.pi[this.src[e]!]! - this.pi[this.tgt[e]!]!);
        if (c < min) {
          min = c;
          best = e;
        }
      }
      e = e + 1 === m ? 0 : e + 1;
      if (++count === block) {
        if (best !== -1) break;
        count = 0;
      }
    }
    this.nextArc = e;
    return best;
  }

  /** Runs pivots until no arc prices out; returns the number of pivots made by this call. */
  solve(maxPivots = 50_000_000): number {
    if (!this.started) this.start();
    // Reduced costs are exact up to rounding in potentials of the big-M size: well below this.
    const eps = 1e-9 * (this.maxCost + 1);
    let pivots = 0;
    for (;;) {
      const inArc = this.findEntering(eps);
      if (inArc === -1) break;
      this.pivot(inArc);
      if (++pivots > maxPivots) throw new Error("network simplex: pivot limit reached");
    }
    this.pivots += pivots;
    return pivots;
  }

  private pivot(inArc: number) {
    const st = this.state[inArc]!;
    const first = st === LOWER ? this.src[inArc]! : this.tgt[inArc]!;
    const second = st === LOWER ? this.tgt[inArc]! : this.src[inArc]!;
    let u = first;
    let v = second;
    while (u !== v) {
      // The node with the smaller subtree cannot be an ancestor of the other one: it moves up.
      if (this.succ[u]! < this.succ[v]!) u = this.parent[u]!;
      else v = this.parent[v]!;
    }
    const join = u;
    let delta = this.cap[inArc]!;
    let uOut = -1;
    let result = 0;
    for (let x = first; x !== join; x = this.parent[x]!) {
      const e = this.pred[x]!;
      const d = this.predUp[x] ? this.flow[e]! : this.cap[e]! - this.flow[e]!;
      if (d < delta) {
        delta = d;
        uOut = x;
        result = 1;
      }
    }
    for (let x = second; x !== join; x = this.parent[x]!) {
      const e = this.pred[x]!;
      const d = this.predUp[x] ? this.cap[e]! - this.flow[e]! : this.flow[e]!;
      if (d <= delta) {
        delta = d;
        uOut = x;
        result = 2;
      }
    }
    if (delta === Infinity) throw new Error("network simplex: unbounded (a negative cycle of infinite capacity)");
    if (delta > 0) {
      const val = st * delta;
      this.flow[inArc] = this.flow[inArc]! + val;
      for (let x = this.src[inArc]!; x !== join; x = this.parent[x]!) {
        const e = this.pred[x]!;
        this.flow[e] = this.flow[e]! + (this.predUp[x] ? -val : val);
      }
      for (let x = this.tgt[inArc]!; x !== join; x = this.parent[x]!) {
        const e = this.pred[x]!;
        this.flow[e] = this.flow[e]! + (this.predUp[x] ? val : -val);
      }
    }
    if (result === 0) {
      this.state[inArc] = -st;
      return;
    }
    const outArc = this.pred[uOut]!;
    const atUpper = this.cap[outArc]! !== Infinity && this.flow[outArc]! >= this.cap[outArc]! / 2;
    this.state[outArc] = atUpper ? UPPER : LOWER;
    this.flow[outArc] = atUpper ? this.cap[outArc]! : 0;
    this.state[inArc] = TREE;
    const uIn = result === 1 ? first : second;
    const vIn = result === 1 ? second : first;
    this.rehang(uIn, vIn, uOut, inArc, join);
  }

  // The subtree below the leaving arc hangs from the entering arc instead: the path uIn .. uOut turns
  // round, subtree sizes change on the paths up to the join node, and the potentials of one side shift
  // by a constant: the moved subtree's, or (when that is the larger part) everyone else's the other way,
  // since only differences of potentials matter.
  private rehang(uIn: number, vIn: number, uOut: number, inArc: number, join: number) {
    const t = this.succ[uOut]!;
    for (let x = this.parent[uOut]!; x !== join; x = this.parent[x]!) this.succ[x] = this.succ[x]! - t;
    for (let x = vIn; x !== join; x = this.parent[x]!) this.succ[x] = this.succ[x]! + t;
    const path: number[] = [];
    for (let x = uIn; ; x = this.parent[x]!) {
      path.push(x);
      if (x === uOut) break;
    }
    const oldPred = path.map((x) => this.pred[x]!);
    const oldUp = path.map((x) => this.predUp[x]!);
    const oldSucc = path.map((x) => this.succ[x]!);
    this.removeChild(this.parent[uOut]!, uOut);
    for (let i = 1; i < path.length; i++) this.removeChild(path[i]!, path[i - 1]!);
    this.parent[uIn] = vIn;
    this.pred[uIn] = inArc;
    this.predUp[uIn] = this.src[inArc] === uIn ? 1 : 0;
    this.succ[uIn] = t;
    this.addChild(vIn, uIn);
    for (let i = 1; i < path.length; i++) {
      const x = path[i]!;
      this.parent[x] = path[i - 1]!;
      this.pred[x] = oldPred[i - 1]!;
      this.predUp[x] = oldUp[i - 1] ? 0 : 1;
      this.succ[x] = t - oldSucc[i - 1]!;
      this.addChild(path[i - 1]!, x);
    }
    const c = this.cost[inArc]!;
    const newPi = this.predUp[uIn] ? this.pi[vIn]! - c : this.pi[vIn]! + c;
    const sigma = newPi - this.pi[uIn]!;
    if (sigma === 0) return;
    const moveSubtree = 2 * t <= this.nodeCount + 1;
    const stack = [moveSubtree ? uIn : this.root];
    const shift = moveSubtree ? sigma : -sigma;
    while (stack.length) {
      const x = stack.pop()!;
      this.pi[x] = this.pi[x]! + shift;
      for (let ch = this.firstChild[x]!; ch !== -1; ch = this.nextSib[ch]!) if (moveSubtree || ch !== uIn) stack.push(ch);
    }
  }
}
