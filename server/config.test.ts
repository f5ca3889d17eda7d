import { describe, expect, it } from "vitest";
import { isLoopbackHost, loadConfig as loadFrom } from "./config";

const loadConfig = (env: Record<string, string>) => loadFrom({ NODE_ENV: "test", ...env });

const PG = "postgresql://u:p@db.example:5432/stigmergy";

describe("loadConfig: the demo seed", () => {
  it("seeds the demo by default on the embedded database only", () => {
    expect(loadConfig({}).seedDemo).toBe(true);
    expect(loadConfig({ DATABASE_URL: PG }).seedDemo).toBe(false);
  });

  it("SEED_DEMO says so explicitly either way; an empty value counts as unset", () => {
    expect(loadConfig({ DATABASE_URL: PG, SEED_DEMO: "true" }).seedDemo).toBe(true);
    expect(loadConfig({ SEED_DEMO: "false" }).seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: PG, SEED_DEMO: "" }).seedDemo).toBe(false);
    expect(loadConfig({ SEED_DEMO: "" }).seedDemo).toBe(true);
    expect(() => loadConfig({ SEED_DEMO: "maybe" })).toThrow(/SEED_DEMO/);
  });
});

describe("loadConfig: HOST", () => {
  it("listens on this machine only unless told otherwise, so a fresh demo is not reachable from others", () => {
    expect(isLoopbackHost(loadConfig({}).HOST)).toBe(true);
    expect(loadConfig({ HOST: "0.0.0.0" }).HOST).toBe("0.0.0.0");
  });
});

describe("loadConfig: TRUST_PROXY", () => {
  it("is a count of proxies: off by default, true is one, a number is that many", () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(0);
    expect(loadConfig({ TRUST_PROXY: "false" }).TRUST_PROXY).toBe(0);
    expect(loadConfig({ TRUST_PROXY: "true" }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: "yes" }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(() => loadConfig({ TRUST_PROXY: "everyone" })).toThrow(/TRUST_PROXY/);
  });
});

describe("isLoopbackHost", () => {
  it("is true only for addresses that other machines cannot reach", () => {
    for (const h of ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "app.localhost", "::1", "[::1]", "::ffff:127.0.0.1"])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ["0.0.0.0", "::", "192.168.1.10", "10.0.0.5", "board.example.org", "1270.0.0.1", "127.0.0.1.example.com", ""])
      expect(isLoopbackHost(h), h).toBe(false);
  });
});

describe("loadConfig: map tiles (ADR 029)", () => {
  it("has none by default, so no third party is contacted", () => {
    expect(loadConfig({}).mapTiles).toBeNull();
    expect(loadConfig({ MAP_TILE_URL: "" }).mapTiles).toBeNull();
  });

  it("takes a {z}/{x}/{y} template on one host, with its origin for the CSP", () => {
    expect(loadConfig({ MAP_TILE_URL: "https://tiles.example.org:8443/osm/{z}/{x}/{y}.png", MAP_TILE_ATTRIBUTION: "© OpenStreetMap" }).mapTiles).toEqual({
      url: "https://tiles.example.org:8443/osm/{z}/{x}/{y}.png",
      attribution: "© OpenStreetMap",
      origin: "https://tiles.example.org:8443",
    });
  });

  it("refuses templates without the tile coordinates, with {s} subdomains, or not over http(s)", () => {
    for (const url of ["https://tiles.example.org/tile.png", "https://{s}.tile.example.org/{z}/{x}/{y}.png", "ftp://x.org/{z}/{x}/{y}", "tiles/{z}/{x}/{y}"])
      expect(() => loadConfig({ MAP_TILE_URL: url }), url).toThrow(/MAP_TILE_URL/);
  });
});
