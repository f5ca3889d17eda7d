import path from "node:path";
import { describe, expect, it } from "vitest";
import { compareRoutes, loadApiRoutes, matchRoute, parsePattern } from "./api-router";

const routes = ["/api/v1/[...path]", "/api/v1/boards/[slug]", "/api/v1/boards", "/api/v1/boards/[slug]/signals", "/api/v1/me/claims", "/api/v1/me"]
  .map((pattern) => ({ pattern, segments: parsePattern(pattern) }))
  .sort(compareRoutes);
const match = (p: string) => {
  const m = matchRoute(routes, p.split("/").filter(Boolean));
  return m && { pattern: m.route.pattern, params: m.params };
};

describe("api router", () => {
  it("prefers static segments over dynamic ones over catch-alls, as Next does", () => {
    expect(match("/api/v1/boards")).toEqual({ pattern: "/api/v1/boards", params: {} });
    expect(match("/api/v1/boards/commons")).toEqual({ pattern: "/api/v1/boards/[slug]", params: { slug: "commons" } });
    expect(match("/api/v1/boards/commons/signals")).toEqual({ pattern: "/api/v1/boards/[slug]/signals", params: { slug: "commons" } });
    expect(match("/api/v1/me/claims")?.pattern).toBe("/api/v1/me/claims");
  });

  it("sends every unknown API path to the catch-all with its segments", () => {
    expect(match("/api/v1/boards/commons/nope")).toEqual({ pattern: "/api/v1/[...path]", params: { path: ["boards", "commons", "nope"] } });
    expect(match("/api/v1/x")).toEqual({ pattern: "/api/v1/[...path]", params: { path: ["x"] } });
    // A catch-all needs at least one segment, as in Next; "/api/v1" itself is not an API route.
    expect(match("/api/v1")).toBeNull();
    expect(match("/api/v2/boards")).toBeNull();
  });

  it("loads the app's route modules with the methods each exports, the catch-all last", async () => {
    const loaded = await loadApiRoutes(path.resolve(import.meta.dirname, "../../app"));
    const methods = (pattern: string) => Object.keys(loaded.find((r) => r.pattern === pattern)?.handlers ?? {}).sort();
    expect(methods("/api/v1/signals/[id]/claims")).toEqual(["POST"]);
    expect(methods("/api/v1/boards/[slug]/signals")).toEqual(["GET", "POST"]);
    expect(methods("/api/v1/tokens")).toEqual(["GET", "POST"]);
    expect(methods("/api/v1/claims/[id]/transition")).toEqual(["POST"]);
    expect(loaded.at(-1)?.pattern).toBe("/api/v1/[...path]");
    for (const r of loaded) expect(Object.keys(r.handlers).length, r.pattern).toBeGreaterThan(0);
  });
});
