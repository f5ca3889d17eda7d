import { defineConfig } from "vitest/config";
import path from "node:path";
import { LongestFirstSequencer } from "./tests/support/longest-first-sequencer.ts";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["server/**/*.test.ts", "components/**/*.test.ts", "prisma/**/*.test.ts", "scripts/**/*.test.ts", "tests/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Most files wait on servers, databases and sockets rather than compute; Vitest's default of one
    // worker per core but one would run them one after another on the 2-core machines we target.
    maxWorkers: 3,
    // The slowest files start first so that none of them is left running alone at the end.
    sequence: { sequencer: LongestFirstSequencer },
    reporters: ["default", ["json", { outputFile: "reports/vitest.json" }]],
  },
});
