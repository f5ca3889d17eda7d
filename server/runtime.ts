// The process-wide singletons (database, service context, realtime streams). The custom server and the
// route handlers that Next bundles load separate copies of our modules, so they meet on globalThis.
import type { ServiceContext } from "./services/context";
import type { AppConfig } from "./config";

export interface Runtime {
  ctx: ServiceContext;
  config: AppConfig;
}

const KEY = Symbol.for("stigmergy.runtime");
type G = typeof globalThis & { [KEY]?: Runtime };

export function setRuntime(r: Runtime | undefined) {
  (globalThis as G)[KEY] = r;
}

export function getRuntime(): Runtime {
  const r = (globalThis as G)[KEY];
  if (!r) throw new Error("The app runtime is not started: run the server with `npm start` (server/main.ts)");
  return r;
}
