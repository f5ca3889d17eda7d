// One process per PGlite data directory: two processes writing one directory silently lose rows.
// The lock is the kernel's: an exclusive open-file-description lock (fcntl F_OFD_SETLK on Linux, flock
// on macOS) on `<dataDir>.lock`, through `fs-native-extensions`. Taking it is one atomic system call, so
// of many processes racing for it exactly one wins; and the kernel drops it when its holder dies
// (crash, SIGKILL, power cut), so a restart never finds a stale lock and never has to guess whether a
// recorded pid is still the holder (ADR 017). The file's content only names the holder for messages.
import { closeSync, fstatSync, ftruncateSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import os from "node:os";
import { tryLock } from "fs-native-extensions";

interface Holder {
  pid: number;
  hostname: string;
  since: string;
}

const held = new Set<string>();

export class DataDirInUseError extends Error {}

function describeHolder(lockPath: string): string {
  try {
    const h = JSON.parse(readFileSync(lockPath, "utf8")) as Holder;
    if (h.hostname !== os.hostname()) return `process ${h.pid} on ${h.hostname}`;
    // A name left by a holder that crashed: the new holder has the lock but has not written its own yet.
    return isAlive(h.pid) ? `process ${h.pid}` : "another process";
  } catch {
    return "another process"; // it is still writing its name, or the file just went away
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // alive, someone else's
  }
}

/** Whether `fd` is still the file at `lockPath` (a releasing holder unlinks the file before closing). */
function isCurrentFile(fd: number, lockPath: string): boolean {
  try {
    const open = fstatSync(fd);
    const now = statSync(lockPath);
    return open.ino === now.ino && open.dev === now.dev;
  } catch {
    return false;
  }
}

/** Takes the lock or throws DataDirInUseError; returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  if (held.has(lockPath)) throw new DataDirInUseError(`${dataDir} is already open in this process (lock ${lockPath})`);
  for (let attempt = 0; attempt < 10; attempt++) {
    const fd = openSync(lockPath, "a+");
    let locked = false;
    try {
      locked = tryLock(fd);
    } finally {
      if (!locked) closeSync(fd);
    }
    if (!locked) {
      throw new DataDirInUseError(
        `${dataDir} is in use by ${describeHolder(lockPath)} (lock ${lockPath}). PGlite allows one process ` +
          `per data directory: stop the other one, or use DATABASE_URL for several instances.`,
      );
    }
    // We may have locked a file that its holder unlinked on release just before: that file no longer
    // guards anything (the next opener creates a new one). Start again on the current file.
    if (!isCurrentFile(fd, lockPath)) {
      closeSync(fd);
      continue;
    }
    const me: Holder = { pid: process.pid, hostname: os.hostname(), since: new Date().toISOString() };
    ftruncateSync(fd, 0);
    writeSync(fd, JSON.stringify(me), 0);
    held.add(lockPath);
    const release = () => {
      if (!held.delete(lockPath)) return;
      process.off("exit", release);
      // Unlink while still holding the lock, then close (which drops it): see isCurrentFile.
      try {
        unlinkSync(lockPath);
      } catch {
        /* already gone */
      }
      closeSync(fd);
    };
    process.once("exit", release);
    return release;
  }
  throw new DataDirInUseError(`Could not take the lock ${lockPath}: it kept being replaced`);
}
