// Measuring the machine and the benchmark's processes from /proc: resident memory, CPU time, and how
// busy the machine is (a small shared machine skews every figure, so each run says how busy it was).
import { readFileSync } from "node:fs";
import os from "node:os";
import { envInt, fmt, now, sleep } from "./common";

/** Resident set size of a process in MB, from /proc (null when it is gone). */
export function rssMb(pid: number): number | null {
  try {
    const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+)\s+kB/m);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat (100 ticks/s). */
export function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime (fields 14, 15)
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `everyMs` and keeps the maximum until stopped. */
export function rssSampler(pid: number, everyMs = 50) {
  let max = 0;
  let samples = 0;
  const tick = () => {
    const v = rssMb(pid);
    if (v !== null) {
      samples++;
      if (v > max) max = v;
    }
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return { maxMb: max, samples };
    },
  };
}

function machineJiffies(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = line.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = (line[3] ?? 0) + (line[4] ?? 0);
  return { busy: total - idle, total };
}

/**
 * How busy the machine was during a phase, and how much of that was this benchmark's own processes: on a
 * small shared machine, other work running at the same time skews every figure, so each run says so.
 */
export function loadWatch(pids: () => number[]) {
  const m0 = machineJiffies();
  const ours0 = new Map(pids().map((p) => [p, cpuMs(p) ?? 0]));
  const t0 = now();
  return {
    stop() {
      const m1 = machineJiffies();
      let oursMs = 0;
      for (const p of new Set([...ours0.keys(), ...pids()])) oursMs += (cpuMs(p) ?? 0) - (ours0.get(p) ?? 0);
      const wallMs = now() - t0;
      const cores = os.cpus().length;
      const capacityMs = wallMs * cores;
      const busyMs = (m1.busy - m0.busy) * 10;
      const othersMs = Math.max(0, busyMs - oursMs);
      return {
        text:
          `machine load: ${cores} cores ${fmt((100 * busyMs) / capacityMs, 0)}% busy over ${fmt(wallMs / 1000, 1)} s; ` +
          `this benchmark's processes ${fmt((100 * oursMs) / capacityMs, 0)}%, other processes ${fmt((100 * othersMs) / capacityMs, 0)}% ` +
          `(load average now ${os.loadavg().map((l) => l.toFixed(2)).join(" ")})`,
        othersPct: (100 * othersMs) / capacityMs,
      };
    },
  };
}

/**
 * Waits (at most BENCH_QUIET_WAIT_S seconds, default 90) until other processes use less than
 * BENCH_QUIET_PCT percent (default 20) of the machine over a 2 s window, then goes on either way.
 */
export async function waitForQuiet(): Promise<void> {
  const maxS = envInt("BENCH_QUIET_WAIT_S", 90);
  const pct = envInt("BENCH_QUIET_PCT", 20);
  const deadline = now() + maxS * 1000;
  let busy = 0;
  for (;;) {
    const a = machineJiffies();
    await sleep(2_000);
    const b = machineJiffies();
    busy = (100 * (b.busy - a.busy)) / Math.max(1, b.total - a.total);
    if (busy < pct) {
      console.log(`machine quiet enough to start: ${fmt(busy, 0)}% busy (threshold ${pct}%)`);
      return;
    }
    if (now() >= deadline) {
      console.log(`WARNING: machine still ${fmt(busy, 0)}% busy after waiting ${maxS} s for other work to finish: figures will be skewed`);
      return;
    }
  }
}
