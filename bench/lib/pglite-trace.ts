// Profiling aid for the benchmarks, loaded into the SERVER child only when BENCH_PGLITE_TRACE=1
// (node --import ./bench/lib/pglite-trace.ts). It wraps PGlite's protocol entry points to count statements
// and time them, and times every transaction from BEGIN to COMMIT (PGlite runs one at a time, so while
// one is open every other query of the process waits). No production code is changed.
// Each SIGUSR2 appends the counters since the previous SIGUSR2 as one JSON line to BENCH_PGLITE_TRACE_FILE
// and resets them.
import { appendFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";

interface Stat {
  count: number;
  ms: number;
}
let statements = new Map<string, Stat>();
let protocolMs = 0;
let syncMs = 0;
let syncs = 0;
let txCount = 0;
let txMs = 0;
let txMax = 0;
let since = performance.now();

const t = () => performance.now();
const proto = PGlite.prototype as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;

function parseText(msg: unknown): string | null {
  if (!(msg instanceof Uint8Array)) return null;
  if (msg[0] === 0x51) return `simple: ${Buffer.from(msg.subarray(5, msg.length - 1)).toString("utf8")}`; // 'Q'
  if (msg[0] !== 0x50) return null; // 'P' = Parse (extended protocol)
  let i = 5;
  while (i < msg.length && msg[i] !== 0) i++; // statement name
  const start = i + 1;
  let end = start;
  while (end < msg.length && msg[end] !== 0) end++;
  return Buffer.from(msg.subarray(start, end)).toString("utf8");
}

function key(sql: string): string {
  return sql.replace(/\s+/g, " ").replace(/\$\d+/g, "$").slice(0, 110);
}

let current: string | null = null;
const origStream = proto.execProtocolStream!;
proto.execProtocolStream = async function (this: unknown, ...args: unknown[]) {
  const text = parseText(args[0]);
  if (text !== null) current = key(text);
  const s = t();
  try {
    return await origStream.apply(this, args);
  } finally {
    const d = t() - s;
    protocolMs += d;
    if (current) {
      const st = statements.get(current) ?? statements.set(current, { count: 0, ms: 0 }).get(current)!;
      if (text !== null) st.count++;
      st.ms += d;
    }
  }
};

for (const name of ["exec"] as const) {
  const orig = proto[name]!;
  proto[name] = async function (this: unknown, ...args: unknown[]) {
    const k = `exec: ${key(String(args[0]))}`;
    const s = t();
    try {
      return await orig.apply(this, args);
    } finally {
      const st = statements.get(k) ?? statements.set(k, { count: 0, ms: 0 }).get(k)!;
      st.count++;
      st.ms += t() - s;
    }
  };
}

const origSync = proto.syncToFs!;
proto.syncToFs = async function (this: unknown, ...args: unknown[]) {
  const s = t();
  try {
    return await origSync.apply(this, args);
  } finally {
    syncs++;
    syncMs += t() - s;
  }
};

const origTx = proto.transaction!;
proto.transaction = async function (this: unknown, fn: unknown) {
  return origTx.call(this, async (tx: unknown) => {
    const s = t();
    try {
      return await (fn as (tx: unknown) => Promise<unknown>)(tx);
    } finally {
      const d = t() - s;
      txCount++;
      txMs += d;
      if (d > txMax) txMax = d;
    }
  });
};

process.on("SIGUSR2", () => {
  const file = process.env.BENCH_PGLITE_TRACE_FILE;
  const wallMs = t() - since;
  const line = {
    wallMs,
    protocolMs,
    syncMs,
    syncs,
    transactions: { count: txCount, totalMs: txMs, maxMs: txMax },
    statements: [...statements].map(([sql, s]) => ({ sql, ...s })).sort((a, b) => b.ms - a.ms),
  };
  if (file) appendFileSync(file, JSON.stringify(line) + "\n");
  statements = new Map();
  protocolMs = syncMs = txMs = txMax = 0;
  syncs = txCount = 0;
  since = t();
});
