// `npm run build`: the production build. Next builds the pages (.next/); esbuild bundles the custom server
// (server/main.ts with every API route module it serves) into dist/server/main.mjs, so that `npm start`
// runs it with plain node and compiles no TypeScript at run time. The stamp is written last, so an
// interrupted build is never taken for a finished one. Plain JavaScript, like scripts/start.mjs.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build as esbuild } from "esbuild";
import { SERVER_ENTRY, removeStamp, sourcesHash, withBuildLock, writeStamp } from "./build-state.mjs";

const ROUTE_MODULES = "server/http/api-route-modules.ts";

function run(cmd, args, opts) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: "inherit", ...opts });
    child.once("error", reject);
    child.once("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(args[0] ?? cmd)} ${args.slice(1).join(" ")} failed (${code ?? signal})`)),
    );
  });
}

/** The App Router's API route files under app/, relative to app/ with forward slashes. */
function routeFiles(appDir) {
  return readdirSync(path.join(appDir, "api"), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === "route.ts")
    .map((e) => path.relative(appDir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

/**
 * Replaces server/http/api-route-modules.ts (which, run from source, finds and imports the route files
 * at run time) with a static import of each route file, so they are bundled like any other module.
 */
function staticApiRoutes(root) {
  const target = path.join(root, ROUTE_MODULES);
  const appDir = path.join(root, "app");
  return {
    name: "static-api-routes",
    setup(b) {
      b.onLoad({ filter: /api-route-modules\.ts$/ }, (args) => {
        if (path.resolve(args.path) !== target) return undefined;
        const files = routeFiles(appDir);
        const lines = files.map((f, i) => `import * as m${i} from ${JSON.stringify(path.join(appDir, f))};`);
        const list = files.map((f, i) => `{ file: ${JSON.stringify(f)}, module: m${i} }`).join(",\n  ");
        lines.push(`export async function apiRouteModules(_appDir) {\n  return [\n  ${list}\n  ];\n}`);
        return { contents: lines.join("\n") + "\n", loader: "ts", resolveDir: path.dirname(target) };
      });
    },
  };
}

export async function bundleServer(root) {
  await esbuild({
    entryPoints: [path.join(root, "server/main.ts")],
    outfile: path.join(root, SERVER_ENTRY),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20.19",
    // Packages load from node_modules as usual; only our own TypeScript is compiled, here, once.
    packages: "external",
    tsconfig: path.join(root, "tsconfig.json"),
    plugins: [staticApiRoutes(root)],
    logLevel: "warning",
  });
}

/** Builds everything; the caller holds the build lock. */
export async function buildAll(root) {
  const hash = sourcesHash(root); // before building: an edit made during the build makes it stale
  removeStamp(root);
  // Resolved like any import, so a copy of the app inside the checkout (benchmarks, tests) finds it too.
  const next = createRequire(path.join(root, "package.json")).resolve("next/dist/bin/next");
  await run(process.execPath, [next, "build"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  await bundleServer(root);
  writeStamp(root, hash);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(import.meta.dirname, "..");
  // scripts/start.mjs runs this build while it holds the lock itself.
  const build = () => buildAll(root);
  await (process.env.STIGMERGY_BUILD_LOCK_HELD === "1"
    ? build()
    : withBuildLock(root, build, () => console.error("Waiting for another build of this checkout to finish ...")));
}
