// The App Router's API route modules (app/api/**/route.ts) that the API router serves. Run from source
// (tsx in `npm run dev`, Vitest) this finds the files and imports them at run time. The production build
// (scripts/build.mjs) replaces this module with a static import of each route file, so the built server
// needs no TypeScript at run time and its route list is fixed when it is built.
import fs from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

export interface RouteModule {
  /** Relative to the app directory, with forward slashes: "api/v1/boards/[slug]/route.ts". */
  file: string;
  module: Record<string, unknown>;
}

export async function apiRouteModules(appDir: string): Promise<RouteModule[]> {
  const entries = await fs.readdir(path.join(appDir, "api"), { withFileTypes: true, recursive: true });
  const files = entries
    .filter((e) => e.isFile() && e.name === "route.ts")
    .map((e) => path.relative(appDir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
  return Promise.all(
    files.map(async (file) => ({ file, module: (await import(pathToFileURL(path.join(appDir, file)).href)) as Record<string, unknown> })),
  );
}
