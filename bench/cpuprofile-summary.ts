// Summarises a V8 .cpuprofile (from BENCH_SERVER_CPU_PROF=<dir>, i.e. node --cpu-prof): self time by
// package / source area and by function, and inclusive time of chosen functions. Used to find where a
// benchmark's server time goes.  Usage: [WINDOW_US=from-to] [INCLUSIVE=regex] node --import tsx
// bench/cpuprofile-summary.ts <file> [top=25]
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
const top = Number(process.argv[3] ?? 25);
if (!file) {
  console.error("usage: bench/cpuprofile-summary.ts <file.cpuprofile> [top]");
  process.exit(2);
}
const prof = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Self time per node from samples and their time deltas (µs). WINDOW_US="from-to" (CLOCK_MONOTONIC µs, as
// the benchmarks print for their measured phase) keeps only the samples taken in that window.
const [fromUs, toUs] = (process.env.WINDOW_US ?? "").split("-").map(Number);
const windowed = Number.isFinite(fromUs) && Number.isFinite(toUs) && fromUs! < toUs!;
const self = new Map<number, number>();
let ts = prof.startTime;
let totalUs = 0;
for (let i = 0; i < prof.samples.length; i++) {
  ts += prof.timeDeltas[i] ?? 0;
  if (windowed && (ts < fromUs! || ts > toUs!)) continue;
  const dt = prof.timeDeltas[i + 1] ?? 0;
  totalUs += dt;
  self.set(prof.samples[i]!, (self.get(prof.samples[i]!) ?? 0) + dt);
}
if (windowed) console.log(`window ${fromUs}-${toUs} µs (${((toUs! - fromUs!) / 1000).toFixed(0)} ms)`);

function area(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native/builtin)";
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/g);
  if (m) return m[m.length - 1]!.replace("node_modules/", "");
  if (url.startsWith("node:")) return "node:internal";
  if (url.includes("/.next/")) return ".next (bundled app code)";
  const local = url.match(/\/work\/[^/]+\/(.*)$/);
  return local ? local[1]!.split("/").slice(0, 2).join("/") : url;
}

const byArea = new Map<string, number>();
const byFn = new Map<string, number>();
for (const [id, us] of self) {
  const n = byId.get(id)!;
  const a = area(n.callFrame.url, n.callFrame.functionName);
  byArea.set(a, (byArea.get(a) ?? 0) + us);
  const f = `${n.callFrame.functionName || "(anonymous)"} ${a}:${n.callFrame.lineNumber + 1}`;
  byFn.set(f, (byFn.get(f) ?? 0) + us);
}
const idle = [...self].filter(([id]) => byId.get(id)!.callFrame.functionName === "(idle)").reduce((s, [, us]) => s + us, 0);

const pct = (us: number) => `${((100 * us) / totalUs).toFixed(1).padStart(5)}%`;
console.log(`profile ${file}: ${(totalUs / 1000).toFixed(0)} ms wall, ${((totalUs - idle) / 1000).toFixed(0)} ms busy`);
console.log(`\nself time by area (top ${top}):`);
for (const [a, us] of [...byArea].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`  ${pct(us)} ${(us / 1000).toFixed(0).padStart(7)} ms  ${a}`);
console.log(`\nself time by function (top ${top}):`);
for (const [f, us] of [...byFn].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`  ${pct(us)} ${(us / 1000).toFixed(0).padStart(7)} ms  ${f}`);

// Inclusive time of every function whose name matches INCLUSIVE (a regex), counted once per sample.
const pattern = process.env.INCLUSIVE;
if (pattern) {
  const re = new RegExp(pattern);
  const incl = new Map<string, number>();
  for (const [id, us] of self) {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur)!;
      const name = n.callFrame.functionName;
      if (re.test(name) && !seen.has(name)) {
        seen.add(name);
        incl.set(name, (incl.get(name) ?? 0) + us);
      }
    }
  }
  console.log(`\ninclusive time of functions matching /${pattern}/:`);
  for (const [f, us] of [...incl].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`  ${pct(us)} ${(us / 1000).toFixed(0).padStart(7)} ms  ${f}`);
}
