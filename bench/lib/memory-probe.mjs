// Loaded into the app server by bench:memory (`node --import`): every second it appends the process's
// memory as V8 and Node see it, and the size of each live WebAssembly memory (PGlite's Postgres, Prisma's
// query compiler), to the file named by BENCH_MEMORY_FILE, one JSON line each. Plain JavaScript, so the
// server stays free of any TypeScript loader. A profiling aid: it adds a timer and little else.
import { appendFileSync } from "node:fs";

const file = process.env.BENCH_MEMORY_FILE;
const memories = [];
const remember = (m) => m instanceof WebAssembly.Memory && memories.push(new WeakRef(m));
const NativeMemory = WebAssembly.Memory;
WebAssembly.Memory = function Memory(descriptor) {
  const m = new NativeMemory(descriptor);
  remember(m);
  return m;
};
WebAssembly.Memory.prototype = NativeMemory.prototype;
for (const name of ["instantiate", "instantiateStreaming"]) {
  const native = WebAssembly[name];
  WebAssembly[name] = async (...args) => {
    const result = await native.apply(WebAssembly, args);
    for (const v of Object.values((result.instance ?? result).exports ?? {})) remember(v);
    return result;
  };
}
const NativeInstance = WebAssembly.Instance;
WebAssembly.Instance = function Instance(module, imports) {
  const instance = new NativeInstance(module, imports);
  for (const v of Object.values(instance.exports)) remember(v);
  return instance;
};
WebAssembly.Instance.prototype = NativeInstance.prototype;

if (file) {
  setInterval(() => {
    const wasm = [...new Set(memories.map((r) => r.deref()).filter(Boolean))].map((m) => m.buffer.byteLength);
    appendFileSync(file, JSON.stringify({ at: Date.now(), ...process.memoryUsage(), wasm }) + "\n");
  }, 1000).unref();
}
