// `npm start` (scripts/start.mjs) on a copy of the checkout: it builds when there is no build (two starts
// at once on one PostgreSQL build once between them and both serve), and serves from an existing build
// without building, with plain node and no TypeScript compiler. When sources count as changed is
// scripts/build-state.test.ts's subject; one build here keeps this file's cost to one `next build`. The copy lives under test-data/ so that it resolves the project's node_modules and
// its builds never touch the checkout's own, which other tests are using.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, startAppProcess, type AppProcess } from "../support/app-process";
import { startPostgres, type TestPostgres } from "../support/postgres";

const COPY = path.join(ROOT, "test-data", `start-${process.pid}`);
const ENTRIES = ["app", "components", "server", "prisma", "public", "scripts", "next.config.mjs", "postcss.config.mjs", "package.json", "package-lock.json", "tsconfig.json"];
const BUILT_BY_START = /Building the app/g;

function copyCheckout() {
  rmSync(COPY, { recursive: true, force: true });
  mkdirSync(COPY, { recursive: true });
  for (const e of ENTRIES) {
    if (existsSync(path.join(ROOT, e))) {
      cpSync(path.join(ROOT, e), path.join(COPY, e), { recursive: true, filter: (f) => !/\.test\.tsx?$/.test(f) });
    }
  }
}

describe("npm start", () => {
  let postgres: TestPostgres;
  const apps: AppProcess[] = [];
  const start = async (env: Record<string, string>) => {
    const app = await startAppProcess({ cwd: COPY, env });
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    copyCheckout();
    postgres = await startPostgres();
  });
  afterAll(async () => {
    for (const a of apps) await a.stop("SIGKILL");
    await postgres?.stop();
    rmSync(COPY, { recursive: true, force: true });
  });

  it("builds a checkout that has no build once when two instances start at once on one PostgreSQL, and both serve it", async () => {
    // A route the checkout does not have: only a server built from this copy's sources can serve it.
    mkdirSync(path.join(COPY, "app/api/v1/start-probe"), { recursive: true });
    writeFileSync(path.join(COPY, "app/api/v1/start-probe/route.ts"), `export const GET = async () => Response.json({ probe: "built" });\n`);
    const env = { DATABASE_URL: await postgres.createDatabase("start_race"), SEED_DEMO: "false" };
    const [a, b] = await Promise.all([start(env), start(env)]);
    await Promise.all([a!.ready(600_000), b!.ready(600_000)]);
    const outputs = `${a!.output()}\n----\n${b!.output()}`;
    expect(outputs.match(BUILT_BY_START), outputs).toHaveLength(1);
    expect(outputs).toContain("no build yet");
    for (const app of [a!, b!]) {
      const r = await fetch(`${app.url}/api/v1/start-probe`);
      expect(await r.json()).toEqual({ probe: "built" });
    }
    await Promise.all([a!.stop(), b!.stop()]);

    // Built now: two more at once both serve, and neither builds.
    const [c, d] = await Promise.all([start(env), start(env)]);
    await Promise.all([c!.ready(120_000), d!.ready(120_000)]);
    for (const app of [c!, d!]) {
      expect(app.output()).not.toMatch(BUILT_BY_START);
      expect((await fetch(`${app.url}/api/v1/start-probe`)).status).toBe(200);
    }
    await Promise.all([c!.stop(), d!.stop()]);
  }, 900_000);

  it("starts an already built checkout without building and without a TypeScript compiler", async () => {
    const started = performance.now();
    const app = await start({ DATA_DIR: path.join(COPY, "data"), SEED_DEMO: "false" });
    await app.ready(120_000);
    const ms = performance.now() - started;
    console.log(`npm start on a built checkout served after ${Math.round(ms)} ms`);
    expect(app.output()).not.toMatch(BUILT_BY_START);
    // The server is the start script's own process, run by plain node, with no loader.
    const cmdline = readFileSync(`/proc/${app.child.pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    expect(cmdline.slice(1)).toEqual(["scripts/start.mjs"]);
    // The bundle imports packages and Node's modules only: our TypeScript was compiled into it.
    const bundle = readFileSync(path.join(COPY, "dist/server/main.mjs"), "utf8");
    const specifiers = [...bundle.matchAll(/(?:from|import\()\s*"([^"]+)"/g)].map((m) => m[1]!);
    expect(specifiers.filter((s) => /\.tsx?$/.test(s) || s.startsWith(".") || s.startsWith("@/"))).toEqual([]);
    expect(bundle).toContain('"api/v1/signals/[id]/claims/route.ts"');
    await app.stop();
  }, 300_000);
});
