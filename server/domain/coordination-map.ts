// The coordinator's map (ADR 029): organizations that take part in the covered boards and open signals,
// each with coordinates. A map of tens of thousands of markers helps nobody and costs every phone that
// draws it, so the answer is bounded: the newest open signals first, and a flag says when some were left off.
import type { SignalKind } from "./signal-rules";

/** Open signals on one map at most (newest first). */
export const MAX_MAP_SIGNALS = 2_000;
/** Organizations on one map at most (newest first). */
export const MAX_MAP_ORGANIZATIONS = 500;

export interface MapPlace {
  name: string | null;
  lat: number;
  lng: number;
}

export interface MapOrganizationDto {
  id: string;
  name: string;
  kind: string;
  location: MapPlace;
}

export interface MapSignalDto {
  id: string;
  kind: SignalKind;
  title: string;
  remainingQuantity: number;
  unit: string;
  board: string;
  /** The signal's own place, or (when it has none) the place of the organization it is posted for. */
  location: MapPlace;
}

export interface CoordinationMapDto {
  boards: string[];
  organizations: MapOrganizationDto[];
  signals: MapSignalDto[];
  /** true when more organizations or open signals matched than the limits allow. */
  truncated: boolean;
  limits: { organizations: number; signals: number };
}

/** The first `limit` of rows read with one extra, and whether there were more. */
export function cut<T>(rows: T[], limit: number): { items: T[]; more: boolean } {
  return { items: rows.slice(0, limit), more: rows.length > limit };
}
