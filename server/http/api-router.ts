// Serves the API straight from the App Router's route handler modules (app/api/**/route.ts), without
// Next's request pipeline. Next costs about 3 ms of CPU per request on top of the handler, which was the
// largest share of a claim once the database work was batched (ADR 006). The route files stay the one
// definition of the API: Next still builds and can serve them, and anything this router does not handle
// exactly as Next would (a method a route does not export, HEAD, trailing slashes, undecodable paths)
// falls through to Next.
import type http from "node:http";
import { createRequest, sendResponse } from "@remix-run/node-fetch-server";
import { apiRouteModules } from "./api-route-modules";

type Params = Record<string, string | string[]>;
type RouteHandler = (req: Request, route: { params: Promise<Params> }) => Promise<Response>;

type Segment = { kind: "static"; value: string } | { kind: "param"; name: string } | { kind: "rest"; name: string };

export interface ApiRoute {
  pattern: string;
  segments: Segment[];
  handlers: Partial<Record<string, RouteHandler>>;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

export function parsePattern(pattern: string): Segment[] {
  return pattern
    .split("/")
    .filter(Boolean)
    .map((s): Segment => {
      const rest = /^\[\.\.\.(\w+)\]$/.exec(s);
      if (rest) return { kind: "rest", name: rest[1]! };
      const param = /^\[(\w+)\]$/.exec(s);
      if (param) return { kind: "param", name: param[1]! };
      return { kind: "static", value: s };
    });
}

const RANK = { static: 0, param: 1, rest: 2 } as const;

/** Next's precedence: at each level a static segment beats a dynamic one, which beats a catch-all. */
export function compareRoutes(a: { segments: Segment[] }, b: { segments: Segment[] }): number {
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
    const ra = a.segments[i] ? RANK[a.segments[i]!.kind] : -1;
    const rb = b.segments[i] ? RANK[b.segments[i]!.kind] : -1;
    if (ra !== rb) return ra - rb;
  }
  return 0;
}

/** The params of the first route that matches `pathname` (already split and decoded), or null. */
export function matchRoute<R extends { segments: Segment[] }>(routes: R[], parts: string[]): { route: R; params: Params } | null {
  outer: for (const route of routes) {
    const params: Params = {};
    for (let i = 0; i < route.segments.length; i++) {
      const seg = route.segments[i]!;
      if (seg.kind === "rest") {
        if (i >= parts.length) continue outer;
        params[seg.name] = parts.slice(i);
        return { route, params };
      }
      const part = parts[i];
      if (part === undefined) continue outer;
      if (seg.kind === "static" && seg.value !== part) continue outer;
      if (seg.kind === "param") params[seg.name] = part;
    }
    if (parts.length === route.segments.length) return { route, params };
  }
  return null;
}

/** Loads every route module under `<appDir>/api`, ordered by Next's precedence. */
export async function loadApiRoutes(appDir: string): Promise<ApiRoute[]> {
  const routes = (await apiRouteModules(appDir)).map(({ file, module }): ApiRoute => {
    const pattern = "/" + file.split("/").slice(0, -1).join("/");
    const handlers: ApiRoute["handlers"] = {};
    for (const m of METHODS) if (typeof module[m] === "function") handlers[m] = module[m] as RouteHandler;
    return { pattern, segments: parsePattern(pattern), handlers };
  });
  return routes.sort(compareRoutes);
}

function splitPath(pathname: string): string[] | null {
  if (pathname.length > 1 && pathname.endsWith("/")) return null; // Next redirects these
  try {
    return pathname.split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    return null;
  }
}

/**
 * Returns a request listener that answers the API requests it can serve exactly as Next would and
 * returns false for everything else (which then goes to Next).
 */
export function apiDispatcher(routes: ApiRoute[]) {
  return (req: http.IncomingMessage, res: http.ServerResponse): false | Promise<void> => {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const parts = splitPath(q < 0 ? url : url.slice(0, q));
    if (!parts) return false;
    const match = matchRoute(routes, parts);
    const handler = match?.route.handlers[req.method ?? ""];
    if (!match || !handler) return false;
    const request = createRequest(req, res);
    return handler(request, { params: Promise.resolve(match.params) })
      .then((response) => sendResponse(res, response))
      .finally(() => discardUnreadBody(req, request));
  };
}

/**
 * A handler may answer before reading the body (413 on Content-Length, 401): detach the body stream and
 * drain what is left, as Node does for unread bodies, so the client can read the answer and keep the
 * connection alive.
 */
function discardUnreadBody(req: http.IncomingMessage, request: Request) {
  if (req.complete) return;
  if (request.body && !request.body.locked) request.body.cancel().catch(() => {});
  req.resume();
}
