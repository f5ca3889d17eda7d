// bench:planner: the planner (server/domain/planner) on a generated instance against the same three
// stages solved by HiGHS (WebAssembly), then the planner alone at the 2020 maker response's scale.
//   NEEDS=2000 SOURCES=300 WEEKS=8 SEED=1 RUNS=5 WARMUP=1   the compared instance
//   BENCH_PLANNER_LARGE=0                                   skip the 30,000 x 2,000 x 12 run (default: run it)
//   LARGE_NEEDS=30000 LARGE_SOURCES=2000 LARGE_WEEKS=12
// The HiGHS reference pools interchangeable supplies and needs for stages 1-2 (the leximin sequence on
// 2,000 single needs would be thousands of LPs) and uses carry arcs in stage 3: see reference-lp.ts.
// Prints: bench:planner needs=N sources=N weeks=N ms=X highs_ms=X gap=X
//         bench:planner-large needs=N sources=N weeks=N ms=X
import { createRequire } from "node:module";
import { envInt, fmt, runMain } from "./lib/common";
import { plannerInstance } from "./lib/planner-instance";
import { planAllocation } from "../server/domain/planner/index";
import { referenceStages, type LpSolve } from "../server/domain/planner/reference-lp";
import type { PlannerInput, PlannerResult } from "../server/domain/planner/types";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));

function timed(input: PlannerInput, runs: number, warmup: number): { ms: number; result: PlannerResult; all: number[] } {
  let result!: PlannerResult;
  for (let i = 0; i < warmup; i++) result = planAllocation(input);
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = planAllocation(input);
    all.push(performance.now() - t0);
  }
  return { ms: median(all), result, all };
}

function describe(input: PlannerInput, result: PlannerResult): string {
  const t = result.totals;
  const suggested = result.lines.filter((l) => !l.kept).length;
  return `demand=${fmt(t.demand, 0)} supply=${fmt(t.supply, 0)} met=${fmt(t.met, 1)} (${fmt((100 * t.met) / t.demand, 1)}%) lines=${suggested} kept=${input.fixedLines?.length ?? 0} min_share=${fmt(result.stages.sortedShares[0] ?? 0, 4)} transport_km=${fmt(result.stages.transport, 0)}`;
}

async function main(): Promise<number> {
  const needs = envInt("NEEDS", 2000, 1);
  const sources = envInt("SOURCES", 300, 1);
  const weeks = envInt("WEEKS", 8, 1);
  const seed = envInt("SEED", 1);
  const runs = envInt("RUNS", 5, 1);
  const warmup = envInt("WARMUP", 1);
  const input = plannerInstance(seed, needs, sources, weeks);
  const ours = timed(input, runs, warmup);
  console.log(`planner: ${describe(input, ours.result)}`);
  console.log(`planner: runs_ms=${ours.all.map((x) => fmt(x, 0)).join(",")} median_ms=${fmt(ours.ms, 0)}`);

  const highs = await (createRequire(import.meta.url)("highs") as () => Promise<{ solve: LpSolve }>)();
  const t0 = performance.now();
  const ref = referenceStages(input, (text, options) => highs.solve(text, options), { large: true });
  const highsMs = performance.now() - t0;
  const st = ours.result.stages;
  const gaps = {
    total: rel(st.totalMet, ref.totalMet),
    shares: st.sortedShares.reduce((m, x, i) => Math.max(m, rel(x, ref.sortedShares[i] ?? NaN)), 0),
    transport: rel(st.transport, ref.transport),
  };
  const gap = Math.max(gaps.total, gaps.shares, gaps.transport);
  console.log(`highs: ${ref.lps} LPs in ${fmt(highsMs, 0)} ms; total ${ref.totalMet} vs ${st.totalMet}, transport ${ref.transport} vs ${st.transport}`);
  console.log(`gap by stage: total=${gaps.total.toExponential(2)} shares=${gaps.shares.toExponential(2)} transport=${gaps.transport.toExponential(2)}`);

  if (process.env.BENCH_PLANNER_LARGE !== "0") {
    const big = plannerInstance(seed, envInt("LARGE_NEEDS", 30000, 1), envInt("LARGE_SOURCES", 2000, 1), envInt("LARGE_WEEKS", 12, 1));
    const large = timed(big, 1, 0);
    console.log(`planner-large: ${describe(big, large.result)}`);
    console.log(`bench:planner-large needs=${big.needs.length} sources=${big.sources.length} weeks=${big.horizonWeeks} ms=${fmt(large.ms, 0)}`);
  }
  console.log(`bench:planner needs=${needs} sources=${sources} weeks=${weeks} ms=${fmt(ours.ms, 0)} highs_ms=${fmt(highsMs, 0)} gap=${gap.toExponential(2)}`);
  return gap < 1e-6 ? 0 : 1;
}

runMain(main);
