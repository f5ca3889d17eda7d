// Distances for "near me" searches. Haversine on a sphere is off by at most ~0.5% against the
// ellipsoid, which is plenty for "which makers are within 50 km".

export interface LatLng {
  lat: number;
  lng: number;
}

/** Mean Earth radius (IUGG), in km. */
export const EARTH_RADIUS_KM = 6371.0088;

const rad = (deg: number) => (deg * Math.PI) / 180;

export function haversineKm(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  // min(1, …) because rounding can push h a hair above 1 for antipodal points, and asin(>1) is NaN.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

// Plain decimal degrees only: Number() would also accept "", "0x1f", "1e2" and "Infinity", none of
// which anyone means as a coordinate.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

export function isValidLatLng(p: LatLng): boolean {
  return Number.isFinite(p.lat) && Number.isFinite(p.lng) && Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180;
}

/** "52.52,13.40" (spaces allowed around either number) → {lat, lng}, or null if not a valid point. */
export function parseNear(text: string): LatLng | null {
  if (typeof text !== "string" || text.length > 100) return null;
  const parts = text.split(",");
  if (parts.length !== 2) return null;
  const [latText, lngText] = parts.map((s) => s.trim()) as [string, string];
  if (!DECIMAL.test(latText) || !DECIMAL.test(lngText)) return null;
  const point = { lat: Number(latText), lng: Number(lngText) };
  return isValidLatLng(point) ? point : null;
}
