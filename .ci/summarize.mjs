// Sums Vitest's and Playwright's JSON reports into one closing line: "N passed, N failed, N skipped".
// Exits non-zero when a report is missing or nothing ran, so an empty run cannot pass as green.
import { existsSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
let skipped = 0;
let missing = 0;

for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.log(`report missing: ${file}`);
    missing++;
    continue;
  }
  const r = JSON.parse(readFileSync(file, "utf8"));
  if ("numPassedTests" in r) {
    // Vitest (Jest-compatible JSON)
    passed += r.numPassedTests;
    failed += r.numFailedTests + (r.numFailedTestSuites ?? 0) - countSuitesWithFailedTests(r);
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  } else if (r.stats) {
    // Playwright
    passed += (r.stats.expected ?? 0) + (r.stats.flaky ?? 0);
    failed += r.stats.unexpected ?? 0;
    skipped += r.stats.skipped ?? 0;
  }
}

/** A suite that failed only because its tests failed is already counted through those tests. */
function countSuitesWithFailedTests(r) {
  return (r.testResults ?? []).filter(
    (s) => s.status === "failed" && (s.assertionResults ?? []).some((a) => a.status === "failed"),
  ).length;
}

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(missing > 0 || passed + failed === 0 || failed > 0 ? 1 : 0);
