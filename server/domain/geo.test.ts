import { describe, expect, it } from "vitest";
import { haversineKm, parseNear } from "./geo";

describe("haversineKm", () => {
  it("matches known distances", () => {
    const berlin = { lat: 52.52, lng: 13.405 };
    const paris = { lat: 48.8566, lng: 2.3522 };
    expect(haversineKm(berlin, paris)).toBeCloseTo(878, -1); // ~878 km
    expect(haversineKm(berlin, berlin)).toBe(0);
    expect(haversineKm({ lat: 0, lng: 0 }, { lat: 0, lng: 1 })).toBeCloseTo(111.2, 1);
  });

  it("is symmetric and finite for antipodes", () => {
    const a = { lat: 10, lng: 20 };
    const b = { lat: -35, lng: 150 };
    expect(haversineKm(a, b)).toBeCloseTo(haversineKm(b, a), 9);
    const half = haversineKm({ lat: 0, lng: 0 }, { lat: 0, lng: 180 });
    expect(half).toBeCloseTo(Math.PI * 6371.0088, 6);
    expect(haversineKm({ lat: 90, lng: 0 }, { lat: -90, lng: 0 })).toBeCloseTo(half, 6);
  });

  it("takes the short way across the antimeridian", () => {
    expect(haversineKm({ lat: 0, lng: 179.5 }, { lat: 0, lng: -179.5 })).toBeCloseTo(111.2, 1);
  });
});

describe("parseNear", () => {
  it("parses lat,lng with optional spaces and signs", () => {
    expect(parseNear("52.52,13.40")).toEqual({ lat: 52.52, lng: 13.4 });
    expect(parseNear(" -33.86 , +151.2 ")).toEqual({ lat: -33.86, lng: 151.2 });
    expect(parseNear("90,-180")).toEqual({ lat: 90, lng: -180 });
    expect(parseNear("0,0")).toEqual({ lat: 0, lng: 0 });
  });

  it("rejects anything out of range or not a plain decimal", () => {
    for (const bad of ["", ",", "52.52", "52.52,13.40,1", "90.0001,0", "0,180.5", "-91,0", "a,b", "1e1,2", "0x10,1", "Infinity,0", "NaN,0", " ,1", "52.52;13.40", "1,2".repeat(50)]) {
      expect(parseNear(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});
