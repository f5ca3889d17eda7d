// A location as the forms hold it: a point with an optional name, as the API takes it. Pure, so the
// picker's text rules are tested without a browser.
import type { PlaceDto } from "@/server/domain/dto";
import { parseNear } from "@/server/domain/geo";

export interface PlaceValue {
  name?: string;
  lat: number;
  lng: number;
}

/** What the place field says when it holds text that is neither a chosen place nor coordinates. */
export const CHOOSE_A_PLACE = "Choose a place from the suggestions, or type coordinates as lat,lng (e.g. 52.52,13.40)";

/** "52.5200,13.4050" with at most 4 decimals (about 11 m): precise enough, and a stable query key. */
export function formatLatLng(lat: number, lng: number): string {
  const r = (n: number) => String(Math.round(n * 10_000) / 10_000);
  return `${r(lat)},${r(lng)}`;
}

/** The text the field shows for a value: its name, or its coordinates. */
export function placeText(v: PlaceValue | null): string {
  if (!v) return "";
  return v.name?.trim() ? v.name : formatLatLng(v.lat, v.lng);
}

/** Typed coordinates ("52.52, 13.4") as a place without a name; null when the text is not coordinates. */
export function placeFromCoordinates(text: string): PlaceValue | null {
  const p = parseNear(text);
  return p ? { lat: p.lat, lng: p.lng } : null;
}

/** Whether the text already shows this value (so an outside change need not overwrite what was typed). */
export function textShowsPlace(text: string, v: PlaceValue | null): boolean {
  if (!v) return text.trim() === "";
  const typed = placeFromCoordinates(text);
  if (typed) return formatLatLng(typed.lat, typed.lng) === formatLatLng(v.lat, v.lng);
  return !!v.name && text.trim().toLowerCase() === v.name.trim().toLowerCase();
}

/** The suggestion list: the viewer's own organizations that match first, then the search's answers, once each. */
export function mergeSuggestions(own: PlaceDto[], found: PlaceDto[], text: string, max = 10): PlaceDto[] {
  const q = text.trim().toLowerCase();
  const matches = (p: PlaceDto) => q === "" || p.name.toLowerCase().includes(q) || !!p.organization?.name.toLowerCase().includes(q);
  const key = (p: PlaceDto) => p.organization?.id ?? `${p.name.toLowerCase()}|${formatLatLng(p.lat, p.lng)}`;
  const seen = new Set<string>();
  const out: PlaceDto[] = [];
  for (const p of [...own.filter(matches), ...found]) {
    if (seen.has(key(p))) continue;
    seen.add(key(p));
    out.push(p);
  }
  return out.slice(0, max);
}
