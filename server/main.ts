// Entry point: `npm start` (or `npm run dev`). Exits cleanly on SIGINT/SIGTERM so the data directory lock
// is released and every acknowledged write is already committed.
import { startServer } from "./app-server";
import { log } from "./log";
import { collectStartupGarbage } from "./startup-garbage";

process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const server = await startServer().catch((err) => {
  log.fatal({ err }, "could not start");
  process.exit(1);
});
collectStartupGarbage();

let stopping = false;
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    log.info(`${sig}: shutting down`);
    server
      .close()
      .then(() => process.exit(0))
      .catch((err) => {
        log.error({ err }, "shutdown failed");
        process.exit(1);
      });
  });
}
