// Writes tests/support/test-durations.json from the last Vitest report (reports/vitest.json), so the
// sequencer keeps starting the slowest files first as the suite grows. Run after a clean `npm test`.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
// The report may come from another checkout (a clean CI clone): keep the path from the first test root on.
const repoPath = (file) => file.split(path.sep).join("/").replace(/^.*?\/((?:server|components|prisma|scripts|tests)\/.+)$/, "$1");
const report = JSON.parse(readFileSync(path.join(root, "reports/vitest.json"), "utf8"));
const seconds = report.testResults
  .map((t) => [repoPath(t.name), Math.round((t.endTime - t.startTime) / 100) / 10])
  .sort((a, b) => b[1] - a[1]);
writeFileSync(path.join(root, "tests/support/test-durations.json"), JSON.stringify(Object.fromEntries(seconds), null, 1) + "\n");
console.log(`recorded ${seconds.length} files`);
