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
  private src: number[] = [];
  private tgt: number[] = [];
  private cost: number[] = [];
  private cap: number[] = [];
  private flow: number[] = [];
  private state: number[] = [];
  private parent: Int32Array;
  private pred: Int32Array;
  private predUp: Uint8Array;
  private depth: Int32Array;
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
    this.depth = new Int32Array(n);
    this.firstChild = new Int32Array(n).fill(-1);
    this.nextSib = new Int32Array(n).fill(-1);
    this.prevSib = new Int32Array(n).fill(-1);
    this.pi = new Float64Array(n);
  }

  addArc(u: number, v: number, cost: number, cap = Infinity): number {
    this.src.push(u);
    this.tgt.push(v);
    this.cost.push(cost);
    this.cap.push(cap);
    this.flow.push(0);
    this.state.push(LOWER);
    return this.src.length - 1;
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
    return this.src.length;
  }
  flowOn(a: number): number {
    return this.flow[a]!;
  }
  potential(u: number): number {
    return this.pi[u]!;
  }
  /** cost + pi(u) - pi(v): zero on tree arcs, >= 0 on arcs at their lower bound once optimal. */
  reducedCost(a: number): number {
    return this.cost[a]! + this.pi[this.src[a]!]! - this.pi[this.tgt[a]!]!;
  }
  /** Flow left on the artificial arcs: zero when the problem was feasible. */
  artificialFlow(): number {
    let total = 0;
    for (let u = 0; u < this.nodeCount; u++) total += this.flow[this.artificial[u]!]!;
    return total;
  }

  private artificial: Int32Array = new Int32Array(0);
  private maxCost = 0;

  private start() {
    this.started = true;
    for (const c of this.cost) this.maxCost = Math.max(this.maxCost, Math.abs(c));
    // Big enough that no real path is ever dearer than one artificial arc.
    const art = (this.maxCost + 1) * (this.nodeCount + 1);
    this.artificial = new Int32Array(this.nodeCount);
    for (let u = 0; u < this.nodeCount; u++) {
      const b = this.supply[u]!;
      const a = b >= 0 ? this.addArc(u, this.root, art) : this.addArc(this.root, u, art);
      this.artificial[u] = a;
      this.flow[a] = Math.abs(b);
      this.state[a] = TREE;
      this.parent[u] = this.root;
      this.pred[u] = a;
      this.predUp[u] = b >= 0 ? 1 : 0;
      this.depth[u] = 1;
      this.pi[u] = b >= 0 ? -art : art;
      this.addChild(this.root, u);
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
    const m = this.src.length;
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
      if (this.depth[u]! > this.depth[v]!) u = this.parent[u]!;
      else if (this.depth[v]! > this.depth[u]!) v = this.parent[v]!;
      else {
        u = this.parent[u]!;
        v = this.parent[v]!;
      }
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
    this.rehang(uIn, vIn, uOut, inArc);
  }

  // The subtree below the leaving arc hangs from the entering arc instead: the path uIn .. uOut turns
  // round, then the subtree's potentials shift by one constant and its depths are recomputed.
  private rehang(uIn: number, vIn: number, uOut: number, inArc: number) {
    const path: number[] = [];
    for (let x = uIn; ; x = this.parent[x]!) {
      path.push(x);
      if (x === uOut) break;
    }
    const oldPred = path.map((x) => this.pred[x]!);
    const oldUp = path.map((x) => this.predUp[x]!);
    this.removeChild(this.parent[uOut]!, uOut);
    for (let i = 1; i < path.length; i++) this.removeChild(path[i]!, path[i - 1]!);
    this.parent[uIn] = vIn;
    this.pred[uIn] = inArc;
    this.predUp[uIn] = this.src[inArc] === uIn ? 1 : 0;
    this.addChild(vIn, uIn);
    for (let i = 1; i < path.length; i++) {
      const x = path[i]!;
      this.parent[x] = path[i - 1]!;
      this.pred[x] = oldPred[i - 1]!;
      this.predUp[x] = oldUp[i - 1] ? 0 : 1;
      this.addChild(path[i - 1]!, x);
    }
    const c = this.cost[inArc]!;
    const newPi = this.predUp[uIn] ? this.pi[vIn]! - c : this.pi[vIn]! + c;
    const sigma = newPi - this.pi[uIn]!;
    const stack = [uIn];
    while (stack.length) {
      const x = stack.pop()!;
      this.pi[x] = this.pi[x]! + sigma;
      this.depth[x] = this.depth[this.parent[x]!]! + 1;
      for (let ch = this.firstChild[x]!; ch !== -1; ch = this.nextSib[ch]!) stack.push(ch);
    }
  }
}
