// Child process for pglite-lock.test.ts: tries to take a data directory's lock at an instant the test
// names (spinning until then, so that many racers call at the same moment), reports whether it won, and
// holds the lock until it is told to release it or is killed. In "churn" mode it takes and releases the
// lock as fast as it can for a while (or until it has taken and been refused it often enough), and while holding it claims a marker file with an exclusive
// create: if two processes ever hold the lock at once, one of those creates fails and is counted.
import { closeSync, openSync, unlinkSync } from "node:fs";
import { DataDirInUseError, lockDataDir } from "../../server/db/data-dir-lock";

const [dataDir] = process.argv.slice(2);
if (!dataDir || !process.send) throw new Error("usage: fork lock-racer.script.ts <dataDir> (with an IPC channel)");
const send = (m: object) => process.send!(m);
let release: (() => void) | null = null;
process.on("message", (m: { type: string; at?: number; ms?: number; enough?: number }) => {
  if (m.type === "race") {
    while (Date.now() < m.at!) {
      /* spin: every racer calls at the same instant */
    }
    try {
      release = lockDataDir(dataDir);
      send({ type: "won", pid: process.pid });
    } catch (err) {
      send({ type: "lost", pid: process.pid, message: (err as Error).message });
    }
  } else if (m.type === "churn") {
    while (Date.now() < m.at!) {
      /* spin */
    }
    let held = 0;
    let refused = 0;
    let overlaps = 0;
    const marker = `${dataDir}.holder`;
    // Until the time is up, or this racer has both taken and been refused the lock `enough` times.
    while (Date.now() < m.at! + m.ms! && !(held >= (m.enough ?? Infinity) && refused >= (m.enough ?? Infinity))) {
      let releaseNow: () => void;
      try {
        releaseNow = lockDataDir(dataDir);
      } catch (err) {
        if (!(err instanceof DataDirInUseError)) throw err;
        refused++;
        continue;
      }
      held++;
      let mine = false;
      try {
        closeSync(openSync(marker, "wx"));
        mine = true;
      } catch {
        overlaps++; // someone else holds the lock too
      }
      if (mine) unlinkSync(marker);
      releaseNow();
    }
    send({ type: "churned", pid: process.pid, held, refused, overlaps });
  } else if (m.type === "release") {
    release?.();
    release = null;
    send({ type: "released", pid: process.pid });
  }
});
send({ type: "ready" });
