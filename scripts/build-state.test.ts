import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildInputs, sourcesHash, staleReason, withBuildLock, writeStamp } from "./build-state.mjs";

let root: string;
const put = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
};
/** What a finished build leaves: Next's build id, the server bundle and the stamp of the sources built. */
const built = () => {
  put(".next/BUILD_ID", "b1");
  put("dist/server/main.mjs", "// bundle");
  writeStamp(root, sourcesHash(root));
};

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "sb-build-state-"));
  put("package.json", "{}");
  put("app/page.tsx", "export default 1");
  put("server/main.ts", "console.log(1)");
  put("server/main.test.ts", "test");
  put("prisma/schema.prisma", "model A {}");
  put("prisma/migrations/1_init/migration.sql", "CREATE TABLE a ()");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("build staleness", () => {
  it("takes the build's inputs, not tests, migrations (read at run time) or the build's own output", () => {
    built();
    expect(buildInputs(root)).toEqual(["app/page.tsx", "package.json", "prisma/schema.prisma", "server/main.ts"]);
  });

  it("is stale with no build, current once built, and stale again when a source's content changes", () => {
    expect(staleReason(root)).toBe("no build yet");
    built();
    expect(staleReason(root)).toBeNull();
    put("server/main.ts", "console.log(2)");
    expect(staleReason(root)).toBe("the sources changed since the last build");
    put("server/main.ts", "console.log(1)"); // back as built: same content, nothing to build
    expect(staleReason(root)).toBeNull();
    put("components/new.tsx", "export {}"); // a new file counts too
    expect(staleReason(root)).toBe("the sources changed since the last build");
  });

  it("ignores edits to tests and migrations, and notices a missing half of the build", () => {
    built();
    put("server/main.test.ts", "another test");
    put("prisma/migrations/2_more/migration.sql", "ALTER TABLE a ADD b int");
    expect(staleReason(root)).toBeNull();
    rmSync(path.join(root, "dist/server/main.mjs"));
    expect(staleReason(root)).toBe("dist/server/main.mjs is missing");
  });

  it("lets one builder at a time hold the build lock; the next waits and is told so", async () => {
    const order: string[] = [];
    let waited = false;
    let releaseFirst!: () => void;
    const first = withBuildLock(root, async () => {
      order.push("first in");
      await new Promise<void>((r) => (releaseFirst = r));
      order.push("first out");
    });
    await new Promise((r) => setTimeout(r, 50));
    const second = withBuildLock(
      root,
      async () => void order.push("second in"),
      () => (waited = true),
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(order).toEqual(["first in"]);
    expect(waited).toBe(true);
    releaseFirst();
    await Promise.all([first, second]);
    expect(order).toEqual(["first in", "first out", "second in"]);
  });
});
