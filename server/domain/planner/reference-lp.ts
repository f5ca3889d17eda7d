// The planner's objective as plain linear programs, for a general LP solver to check it against
// (HiGHS in the tests and the bench; the solver is passed in, so this module stays pure):
//   stage 1: max sum of flows, stage 2: the standard leximin LP sequence (max t with met_n >= t q_n for
//   the needs not fixed yet, the total held; fix the needs whose row has a nonzero dual: complementary
//   slackness says their share equals t in every optimum; repeat), stage 3: min sum flow x arcCost with
//   the met vector held. Variables are f(source, week, need) for every allowed arc with week <= due,
//   written straight from the issue's formulation (no carry arcs, no aggregation), unless `large` asks
//   for the aggregated stages 1-2 and carry arcs in stage 3 that make 2,000 needs fit in one LP.
import { arcCost, buildInstance, isAllowed, type Instance } from "./instance";
import type { PlannerInput } from "./types";

export interface LpSolution {
  Status: string;
  Columns: Record<string, { Primal: number }>;
  Rows: Array<{ Name?: string; Primal: number; Dual: number }>;
}
export type LpSolve = (lpText: string, options?: { presolve?: "on" | "off" }) => LpSolution;

type Run = (text: string, what: string, mayFail?: boolean) => LpSolution | null;

export interface ReferenceStages {
  totalMet: number;
  sortedShares: number[];
  transport: number;
  lps: number;
}

/** A demand node of the reference: one need, or (large mode) a group of interchangeable needs. */
interface RefNode {
  members: number[];
  quantity: number;
  kept: number;
  /** Arcs: variable name -> supply row key it draws on. */
  arcs: Array<{ v: string; supply: string }>;
}

/** Stage 2's levels carry HiGHS's feasibility tolerance: stage 3 asks for a hair less (the smallest of
 * these that is feasible), or the needs' demands can exceed the supply by 1e-9 and read as infeasible. */
const STAGE3_SLACKS = [1e-10, 1e-9, 1e-8, 1e-7];

const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(17));

function expr(terms: string[]): string {
  if (terms.length === 0) return "0 zero";
  const out: string[] = [];
  for (let i = 0; i < terms.length; i += 40) out.push(terms.slice(i, i + 40).join(" "));
  return out.join("\n  ");
}

function lp(sense: "Maximize" | "Minimize", objective: string[], rows: string[], bounds: string[] = []): string {
  return `${sense}\n obj: ${expr(objective)}\nSubject To\n${rows.join("\n")}\nBounds\n zero = 0\n${bounds.join("\n")}\nEnd\n`;
}

function check(sol: LpSolution, what: string): LpSolution {
  if (sol.Status !== "Optimal") throw new Error(`reference LP (${what}) ended ${sol.Status}`);
  return sol;
}

/** LP names allow few characters: a source-week row, or (large mode) a pooled resource-week row. */
function supplyRow(inst: Instance, specIndex: Map<string, number>, large: boolean, s: number, w: number): string {
  const spec = inst.sources[s]!.resourceSpecId;
  if (large && !inst.excludedSources.has(s)) return `r${specIndex.get(spec) ?? specIndex.set(spec, specIndex.size).get(spec)}_${w}`;
  return `s${s}_${w}`;
}

function nodesOf(inst: Instance, large: boolean): { nodes: RefNode[]; supply: Map<string, number> } {
  const specIndex = new Map<string, number>();
  const supply = new Map<string, number>();
  const nodes: RefNode[] = [];
  const groups = new Map<string, RefNode>();
  let v = 0;
  inst.needs.forEach((need, n) => {
    const individual = !large || inst.kept[n]! > 0 || inst.excludedOf[n] !== undefined;
    const key = `${[...inst.acceptedOf[n]!].sort().join(",")}|${need.dueWeek}`;
    const g = individual ? undefined : groups.get(key);
    if (g) {
      g.members.push(n);
      g.quantity += need.quantity;
      return;
    }
    const node: RefNode = { members: [n], quantity: need.quantity, kept: inst.kept[n]!, arcs: [] };
    nodes.push(node);
    if (!individual) groups.set(key, node);
    const rowsSeen = new Set<string>();
    inst.sources.forEach((_src, s) => {
      if (!isAllowed(inst, s, n)) return;
      for (let w = 0; w <= need.dueWeek; w++) {
        const q = inst.free[s]![w]!;
        if (!(q > 0)) continue;
        // Large mode pools sources of one resource and week, except those in a declined pair.
        const row = supplyRow(inst, specIndex, large, s, w);
        if (rowsSeen.has(row)) continue;
        rowsSeen.add(row);
        node.arcs.push({ v: `f${v++}`, supply: row });
      }
    });
  });
  inst.sources.forEach((_src, s) => {
    for (let w = 0; w < inst.horizon; w++) {
      const q = inst.free[s]![w]!;
      if (!(q > 0)) continue;
      const row = supplyRow(inst, specIndex, large, s, w);
      supply.set(row, (supply.get(row) ?? 0) + q);
    }
  });
  return { nodes, supply };
}

function feasibilityRows(nodes: RefNode[], supply: Map<string, number>): string[] {
  const bySupply = new Map<string, string[]>();
  for (const node of nodes) for (const a of node.arcs) (bySupply.get(a.supply) ?? bySupply.set(a.supply, []).get(a.supply)!).push(`+ ${a.v}`);
  const rows: string[] = [];
  for (const [row, terms] of bySupply) rows.push(` ${row}: ${expr(terms)} <= ${num(supply.get(row) ?? 0)}`);
  nodes.forEach((node, i) => {
    if (node.arcs.length) rows.push(` cap${i}: ${expr(node.arcs.map((a) => `+ ${a.v}`))} <= ${num(Math.max(0, node.quantity - node.kept))}`);
  });
  return rows;
}

const allFlows = (nodes: RefNode[]) => nodes.flatMap((n) => n.arcs.map((a) => `+ ${a.v}`));
const flowOf = (node: RefNode, sol: LpSolution) => node.arcs.reduce((t, a) => t + (sol.Columns[a.v]?.Primal ?? 0), 0);

/** Stages 1-3 of the planner's objective by a general LP solver. */
export function referenceStages(input: PlannerInput, solve: LpSolve, opts: { large?: boolean } = {}): ReferenceStages {
  const inst = buildInstance(input);
  const large = opts.large === true;
  const { nodes, supply } = nodesOf(inst, large);
  const base = feasibilityRows(nodes, supply);
  let lps = 0;
  // HiGHS's presolve has called a feasible stage-2 LP infeasible when the held rows sit within 1e-9
  // of each other; without presolve the same LP solves, so that is the one retry.
  const attempt = (text: string) => {
    lps++;
    const first = solve(text);
    return first.Status === "Infeasible" ? (lps++, solve(text, { presolve: "off" })) : first;
  };
  const run = (text: string, what: string) => check(attempt(text), what);
  const runMaybe: Run = (text, what) => {
    const sol = attempt(text);
    return sol.Status === "Infeasible" ? null : check(sol, what);
  };
  let keptTotal = 0;
  for (const k of inst.kept) keptTotal += k;

  // Stage 1.
  const s1 = run(lp("Maximize", allFlows(nodes), base), "stage 1");
  let flow1 = 0;
  for (const node of nodes) flow1 += flowOf(node, s1);
  const holdTotal = ` total: ${expr(allFlows(nodes))} >= ${num(flow1 * (1 - 1e-9) - 1e-9)}`;

  // Stage 2: the leximin sequence.
  const level = new Map<number, number>();
  while (level.size < nodes.length) {
    const rows = [...base, holdTotal];
    const open: number[] = [];
    nodes.forEach((node, i) => {
      const terms = node.arcs.map((a) => `+ ${a.v}`);
      const fixed = level.get(i);
      if (fixed === undefined) {
        open.push(i);
        rows.push(` u${i}: ${expr(terms)} - ${num(node.quantity)} t >= ${num(-node.kept)}`);
      } else if (terms.length) {
        rows.push(` h${i}: ${expr(terms)} >= ${num(fixed * node.quantity - node.kept)}`);
      }
    });
    const sol = run(lp("Maximize", ["+ t"], rows, [" t free"]), "stage 2");
    const t = sol.Columns.t!.Primal;
    let fixedNow = 0;
    for (const r of sol.Rows) {
      const m = /^u(\d+)$/.exec(r.Name ?? "");
      if (m && Math.abs(r.Dual) > 1e-9) {
        level.set(Number(m[1]), t);
        fixedNow++;
      }
    }
    if (fixedNow === 0) for (const i of open) level.set(i, t); // degenerate: no dual to tell them apart
  }
  const shares: number[] = [];
  let totalMet = keptTotal;
  const met = new Map<number, number>();
  nodes.forEach((node, i) => {
    const share = Math.max(level.get(i)!, node.kept / node.quantity);
    // The hold rows' tolerance lets a level sit ~1e-8 above a kept share: no flow is meant there.
    const y = share * node.quantity - node.kept;
    met.set(i, y > 1e-6 * node.quantity ? y : 0);
    totalMet += met.get(i)!;
    for (let k = 0; k < node.members.length; k++) shares.push(node.members.length === 1 ? share : level.get(i)!);
  });
  shares.sort((a, b) => a - b);

  let transport: number | null = null;
  for (const slack of STAGE3_SLACKS) {
    transport = large ? stage3Carry(inst, nodes, met, runMaybe, slack) : stage3Direct(inst, nodes, met, supply, runMaybe, slack);
    if (transport !== null) break;
  }
  if (transport === null) throw new Error("reference LP (stage 3) stayed infeasible");
  return { totalMet, sortedShares: shares, transport, lps };
}

function stage3Direct(inst: Instance, nodes: RefNode[], met: Map<number, number>, supply: Map<string, number>, run: Run, slack: number): number | null {
  const bySupply = new Map<string, string[]>();
  const objective: string[] = [];
  const rows: string[] = [];
  let v = 0;
  nodes.forEach((node, i) => {
    const n = node.members[0]!;
    const terms: string[] = [];
    inst.sources.forEach((_src, s) => {
      if (!isAllowed(inst, s, n)) return;
      for (let w = 0; w <= inst.needs[n]!.dueWeek; w++) {
        if (!(inst.free[s]![w]! > 0)) continue;
        const name = `g${v++}`;
        terms.push(`+ ${name}`);
        objective.push(`+ ${num(arcCost(inst, s, n))} ${name}`);
        const row = `s${s}_${w}`;
        (bySupply.get(row) ?? bySupply.set(row, []).get(row)!).push(`+ ${name}`);
      }
    });
    const y = met.get(i)!;
    if (terms.length && y > 0) rows.push(` d${i}: ${expr(terms)} >= ${num(y * (1 - slack))}`);
  });
  for (const [row, terms] of bySupply) rows.push(` ${row}: ${expr(terms)} <= ${num(supply.get(row)!)}`);
  if (objective.length === 0) return 0;
  const sol = run(lp("Minimize", objective, rows), "stage 3", true);
  if (sol === null) return null;
  let total = 0;
  objective.forEach((term) => {
    const [, c, name] = /^\+ (\S+) (\S+)$/.exec(term)!;
    total += Number(c) * (sol.Columns[name!]?.Primal ?? 0);
  });
  return total;
}

// Carry arcs: supply of week w may move to week w + 1 at no cost; need n draws from the source's week
// min(due, last). Equivalent to the direct form and much smaller for 2,000 needs.
function stage3Carry(inst: Instance, nodes: RefNode[], metOfNode: Map<number, number>, run: Run, slack: number): number | null {
  const objective: string[] = [];
  const rows: string[] = [];
  const draw = new Map<string, string[]>();
  let v = 0;
  nodes.forEach((node, i) => {
    const share = metOfNode.get(i)! / Math.max(1e-300, node.quantity - node.kept);
    for (const n of node.members) {
      const y = node.members.length === 1 ? metOfNode.get(i)! : share * inst.needs[n]!.quantity;
      if (!(y > 0)) continue;
      const terms: string[] = [];
      inst.sources.forEach((_src, s) => {
        if (!isAllowed(inst, s, n)) return;
        if (!inst.free[s]!.slice(0, inst.needs[n]!.dueWeek + 1).some((q) => q > 0)) return;
        const name = `g${v++}`;
        terms.push(`+ ${name}`);
        objective.push(`+ ${num(arcCost(inst, s, n))} ${name}`);
        const key = `${s}_${inst.needs[n]!.dueWeek}`;
        (draw.get(key) ?? draw.set(key, []).get(key)!).push(`- ${name}`);
      });
      rows.push(` d${n}: ${expr(terms)} >= ${num(y * (1 - slack))}`);
    }
  });
  inst.sources.forEach((_src, s) => {
    for (let w = 0; w < inst.horizon; w++) {
      // balance at (s, w): supply + carry in - carry out - drawn >= 0
      const terms = [...(draw.get(`${s}_${w}`) ?? [])];
      if (w > 0) terms.push(`+ c${s}_${w - 1}`);
      if (w < inst.horizon - 1) terms.push(`- c${s}_${w}`);
      rows.push(` b${s}_${w}: ${expr(terms)} >= ${num(-inst.free[s]![w]!)}`);
    }
  });
  if (objective.length === 0) return 0;
  const sol = run(lp("Minimize", objective, rows), "stage 3", true);
  if (sol === null) return null;
  let total = 0;
  objective.forEach((term) => {
    const [, c, name] = /^\+ (\S+) (\S+)$/.exec(term)!;
    total += Number(c) * (sol.Columns[name!]?.Primal ?? 0);
  });
  return total;
}
