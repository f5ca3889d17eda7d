// Whether the production build matches the sources, and a lock so that only one process builds at a time.
// Plain JavaScript: `npm start` runs this with plain node before anything is built.
//
// The build is current when its stamp (written last by a successful build) records the same hash of the
// build's inputs as the sources have now. A hash rather than modification times: a checkout or a `touch`
// that changes no content rebuilds nothing, and a build interrupted half-way has no stamp (ADR 016).
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { waitForLock, tryLock } from "fs-native-extensions";

/** Folders whose files the build reads (tests excepted), and single files. */
const INPUT_DIRS = ["app", "components", "server", "public", "prisma"];
const INPUT_FILES = ["next.config.mjs", "postcss.config.mjs", "tsconfig.json", "package.json", "package-lock.json", "scripts/build.mjs"];
/** Inside INPUT_DIRS: read at run time or never by the build. */
const SKIP = [/\.test\.tsx?$/, /^prisma\/(migrations|tools)\//];

export const STAMP = "dist/build-stamp.json";
export const SERVER_ENTRY = "dist/server/main.mjs";
const LOCK = "dist/build.lock";

/** The build's input files, relative to `root` with forward slashes, sorted. */
export function buildInputs(root) {
  const out = [];
  for (const dir of INPUT_DIRS) {
    let entries;
    try {
      entries = readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true });
    } catch (err) {
      if (err.code === "ENOENT") continue;
      throw err;
    }
    for (const e of entries) {
      if (!e.isFile()) continue;
      const rel = path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/");
      if (!SKIP.some((re) => re.test(rel))) out.push(rel);
    }
  }
  for (const f of INPUT_FILES) if (existsSync(path.join(root, f))) out.push(f);
  return out.sort();
}

/** One hash over the inputs' names and contents. */
export function sourcesHash(root) {
  const h = createHash("sha256");
  for (const f of buildInputs(root)) {
    h.update(f).update("\0");
    h.update(readFileSync(path.join(root, f))).update("\0");
  }
  return h.digest("hex");
}

function readStamp(root) {
  try {
    return JSON.parse(readFileSync(path.join(root, STAMP), "utf8"));
  } catch {
    return null;
  }
}

/** Why the build must run, or null when it matches the sources. */
export function staleReason(root) {
  const stamp = readStamp(root);
  if (!stamp) return "no build yet";
  for (const f of [".next/BUILD_ID", SERVER_ENTRY]) if (!existsSync(path.join(root, f))) return `${f} is missing`;
  if (stamp.hash !== sourcesHash(root)) return "the sources changed since the last build";
  return null;
}

export function removeStamp(root) {
  rmSync(path.join(root, STAMP), { force: true });
}

export function writeStamp(root, hash) {
  mkdirSync(path.dirname(path.join(root, STAMP)), { recursive: true });
  writeFileSync(path.join(root, STAMP), JSON.stringify({ hash, builtAt: new Date().toISOString() }) + "\n");
}

/**
 * Runs `fn` holding the checkout's build lock (a kernel lock: freed if its holder dies), so two starts at
 * once do not both build: the second waits, then finds the build current. `onWait` is told when another
 * process holds it. The lock file is never removed (a waiter would otherwise lock a removed file).
 */
export async function withBuildLock(root, fn, onWait = () => {}) {
  const file = path.join(root, LOCK);
  mkdirSync(path.dirname(file), { recursive: true });
  const fd = openSync(file, "a+");
  try {
    if (!tryLock(fd)) {
      onWait();
      await waitForLock(fd);
    }
    return await fn();
  } finally {
    closeSync(fd); // closing the descriptor releases the lock
  }
}
