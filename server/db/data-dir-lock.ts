// One process per PGlite data directory: two processes writing one directory silently lose rows.
// The lock file names the holder (pid and host). A holder that is gone — crashed, SIGKILLed — is
// detected at once by asking the OS whether its pid is alive, so a restart after a crash never waits,
// and a busy holder never loses its lock to a timer it had no chance to run (unlike mtime-refresh locks).
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import os from "node:os";

interface Holder {
  pid: number;
  hostname: string;
  since: string;
}

const held = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // alive, owned by another user
  }
}

function readHolder(lockPath: string): Holder | null {
  try {
    return JSON.parse(readFileSync(lockPath, "utf8")) as Holder;
  } catch {
    return null; // vanished or half-written: treat as free and let the exclusive create decide
  }
}

export class DataDirInUseError extends Error {}

/** Takes the lock or throws DataDirInUseError; returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  if (held.has(lockPath)) throw new DataDirInUseError(`${dataDir} is already open in this process (lock ${lockPath})`);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(lockPath, "wx"); // exclusive create: of two racing processes, one wins
      const me: Holder = { pid: process.pid, hostname: os.hostname(), since: new Date().toISOString() };
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      held.add(lockPath);
      const release = () => {
        if (!held.delete(lockPath)) return;
        if (readHolder(lockPath)?.pid === process.pid) unlinkSync(lockPath);
      };
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const holder = readHolder(lockPath);
    if (holder && holder.hostname !== os.hostname()) {
      throw new DataDirInUseError(
        `${dataDir} is locked by process ${holder.pid} on ${holder.hostname} (${lockPath}). ` +
          `If that machine no longer runs the app, delete the lock file.`,
      );
    }
    if (holder && isAlive(holder.pid) && holder.pid !== process.pid) {
      throw new DataDirInUseError(
        `${dataDir} is in use by process ${holder.pid} (${lockPath}). PGlite allows one process per ` +
          `data directory: stop the other one, or use DATABASE_URL for several instances.`,
      );
    }
    // The holder is gone (crashed) or the file is unreadable: remove it and race for it again.
    try {
      unlinkSync(lockPath);
    } catch {
      /* another process removed it first */
    }
  }
  throw new DataDirInUseError(`Could not take the lock ${lockPath}`);
}
