// `npm start`: serves the production build with plain node, building it first only when it is missing
// or does not match the sources (ADR 016). Several starts at once from one checkout build once: the
// others wait for the build lock, then find the build current. Plain JavaScript: nothing here is compiled.
import { spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { SERVER_ENTRY, staleReason, withBuildLock } from "./build-state.mjs";

const root = path.resolve(import.meta.dirname, "..");
process.env.NODE_ENV ??= "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

function build() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "scripts", "build.mjs")], {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, STIGMERGY_BUILD_LOCK_HELD: "1" },
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`the build failed (${code ?? signal})`))));
  });
}

if (staleReason(root)) {
  try {
    await withBuildLock(
      root,
      async () => {
        const reason = staleReason(root); // another start may have built it while this one waited
        if (!reason) return;
        console.error(`Building the app (${reason}) ...`);
        await build();
      },
      () => console.error("Another process is building this checkout: waiting for it ..."),
    );
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
await import(pathToFileURL(path.join(root, SERVER_ENTRY)).href);
