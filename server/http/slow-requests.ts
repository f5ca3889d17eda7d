// A request that takes seconds is a fault somewhere (a held database connection, a stalled disk, a
// blocked event loop) and is invisible in a JSON-lines log that only records errors. Say which request
// it was, how long it took, and whether it was ever answered, at warn level so production logs keep it.
import type http from "node:http";
import { log } from "../log";

export interface SlowRequest {
  method: string | undefined;
  path: string;
  status: number;
  answered: boolean;
  ms: number;
}

export function watchSlowRequests({
  thresholdMs = 5_000,
  report = (r: SlowRequest) => log.warn(r, "slow request"),
}: { thresholdMs?: number; report?: (r: SlowRequest) => void } = {}) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    // Socket.IO's long-polling requests are held open on purpose.
    if (req.url?.startsWith("/socket.io/")) return;
    const started = performance.now();
    res.once("close", () => {
      const ms = Math.round(performance.now() - started);
      if (ms < thresholdMs) return;
      // The path only: a query string may carry a cursor or what someone searched for.
      const path = (req.url ?? "").split("?")[0]!;
      report({ method: req.method, path, status: res.statusCode, answered: res.writableFinished, ms });
    });
  };
}
