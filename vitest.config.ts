import { defineConfig } from "vitest/config";
import path from "node:path";

// Vitest 5's reporters call Map.groupBy, which Node 20 lacks: without this a failing test crashes the
// reporter and hides the failure. (Node 22 has it built in.)
type GroupBy = <T, K>(items: Iterable<T>, key: (item: T, index: number) => K) => Map<K, T[]>;
const maps = Map as unknown as { groupBy?: GroupBy };
maps.groupBy ??= (items, key) => {
  const groups = new Map();
  let i = 0;
  for (const item of items) {
    const k = key(item, i++);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
};
const objects = Object as unknown as { groupBy?: (items: Iterable<unknown>, key: (i: unknown, n: number) => PropertyKey) => object };
objects.groupBy ??= (items, key) => Object.fromEntries(maps.groupBy!(items, key));

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["server/**/*.test.ts", "components/**/*.test.ts", "prisma/**/*.test.ts", "tests/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default", ["json", { outputFile: "reports/vitest.json" }]],
  },
});
