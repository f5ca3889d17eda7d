// Runs the slowest test files first, using the durations of the last clean CI run (test-durations.json).
// Vitest orders by its own cache of durations, but a fresh clone has none and falls back to file size,
// which put the 100-second build test last: the suite then waited on it alone for a minute and a half.
// Files not listed yet run by size after the listed ones that take longer than a guess from their size.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const DURATIONS_FILE = path.join(import.meta.dirname, "test-durations.json");
/** Seconds a file of this many bytes is guessed to take when it has no recorded duration. */
const SECONDS_PER_BYTE = 1 / 1000;

export class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const recorded = JSON.parse(readFileSync(DURATIONS_FILE, "utf8")) as Record<string, number>;
    const root = this.ctx.config.root;
    const expected = (spec: TestSpecification) => {
      const rel = path.relative(root, spec.moduleId).split(path.sep).join("/");
      return recorded[rel] ?? statSync(spec.moduleId).size * SECONDS_PER_BYTE;
    };
    const withTimes = files.map((spec) => ({ spec, seconds: expected(spec) }));
    return withTimes.sort((a, b) => b.seconds - a.seconds).map((x) => x.spec);
  }
}
