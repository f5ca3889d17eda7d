// Each running app's singletons (database, service context, realtime streams), found per request.
// Route handlers reach their app through an AsyncLocalStorage that the HTTP server enters around every
// request, so two apps in one process (tests, tools) each answer from their own database. One global
// "current app" would let the second app started serve the first one's requests.
// The custom server and the route handlers that Next bundles load separate copies of this module, so the
// storage itself lives on globalThis, where both copies find the same instance.
import { AsyncLocalStorage } from "node:async_hooks";
import type { ServiceContext } from "./services/context";
import type { AppConfig } from "./config";

export interface Runtime {
  ctx: ServiceContext;
  config: AppConfig;
}

const KEY = Symbol.for("stigmergy.runtime-storage");
type G = typeof globalThis & { [KEY]?: AsyncLocalStorage<Runtime> };

function storage(): AsyncLocalStorage<Runtime> {
  return ((globalThis as G)[KEY] ??= new AsyncLocalStorage<Runtime>());
}

/** Runs `fn` (and everything it starts, awaits included) as part of the app `runtime`. */
export function runWithRuntime<T>(runtime: Runtime, fn: () => T): T {
  return storage().run(runtime, fn);
}

/**
 * The app serving the current request. There is deliberately no process-wide fallback: code that runs
 * outside a request would silently reach whichever app happened to start last.
 */
export function getRuntime(): Runtime {
  const r = storage().getStore();
  if (!r) {
    throw new Error(
      "No app runtime for this call: route handlers run inside a request of the app server (`npm start`, server/main.ts)",
    );
  }
  return r;
}
