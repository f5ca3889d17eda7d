// The board's list filters: one normalized object that is both the query key and the source of the
// API query string, plus the client-side rules the realtime reducer needs to decide whether a signal
// that just changed belongs in a cached list and where.
import type { SignalDto, SignalKindDto, SignalStatusDto } from "@/server/domain/dto";
import { haversineKm, parseNear } from "@/server/domain/geo";
import { isRequestKind } from "@/server/domain/signal-rules";

/** "active" = open or claimed: what a board shows by default (signals someone can still act on). */
export type StatusFilter = "active" | SignalStatusDto | "all";
export type KindFilter = SignalKindDto | "all";
export type SortKey = "intensity" | "due" | "new" | "distance";

export interface SignalFilters {
  kind: KindFilter;
  status: StatusFilter;
  /** "" for every resource. */
  resourceSpecId: string;
  /** Free text; "" for none. */
  q: string;
  /** "lat,lng" of the viewer's chosen location, or "". */
  near: string;
  sort: SortKey;
}

export const DEFAULT_FILTERS: SignalFilters = {
  kind: "all",
  status: "active",
  resourceSpecId: "",
  q: "",
  near: "",
  sort: "intensity",
};

export const PAGE_SIZE = 50;

/** The same filters always give the same key: trimmed text, and no distance sort without a place. */
export function normalizeFilters(f: SignalFilters): SignalFilters {
  const near = f.near.trim() && parseNear(f.near) ? f.near.replace(/\s+/g, "") : "";
  return {
    kind: f.kind,
    status: f.status,
    resourceSpecId: f.resourceSpecId,
    q: f.q.trim(),
    near,
    sort: f.sort === "distance" && !near ? "intensity" : f.sort,
  };
}

const ACTIVE: readonly SignalStatusDto[] = ["open", "claimed"];
const ALL: readonly SignalStatusDto[] = ["open", "claimed", "fulfilled", "withdrawn", "expired"];

/** The API's query parameters for one page of this list. */
export function listQueryParams(f: SignalFilters, cursor: string | null): Record<string, string | number | undefined> {
  return {
    kind: f.kind === "all" ? undefined : f.kind,
    status: f.status === "all" ? ALL.join(",") : f.status === "active" ? ACTIVE.join(",") : f.status,
    resourceSpecId: f.resourceSpecId || undefined,
    q: f.q || undefined,
    near: f.near || undefined,
    sort: f.sort,
    limit: PAGE_SIZE,
    cursor: cursor ?? undefined,
  };
}

/** The filters that can be checked exactly on the client: kind, status and resource. */
export function matchesExactFilters(s: SignalDto, f: SignalFilters): boolean {
  if (f.kind !== "all" && s.kind !== f.kind) return false;
  if (f.status === "active" && !ACTIVE.includes(s.status)) return false;
  if (f.status !== "active" && f.status !== "all" && s.status !== f.status) return false;
  if (f.resourceSpecId && s.resourceSpec.id !== f.resourceSpecId) return false;
  return true;
}

/** Kilometres from the list's `near` point to the signal, when both are known. */
export function distanceFrom(f: SignalFilters, s: SignalDto): number | undefined {
  const p = f.near ? parseNear(f.near) : null;
  if (!p || !s.location) return undefined;
  // Rounded like the API's, so an inserted card reads the same as a fetched one.
  return Math.round(haversineKm(p, s.location) * 10) / 10;
}

const time = (iso: string | null) => (iso ? Date.parse(iso) : Number.NaN);

/** Nulls (no date, no place) go last in ascending sorts. */
function ascNullsLast(a: number | undefined, b: number | undefined): number {
  const an = a === undefined || Number.isNaN(a);
  const bn = b === undefined || Number.isNaN(b);
  if (an && bn) return 0;
  if (an) return 1;
  if (bn) return -1;
  return a! - b!;
}

/** The date that makes a signal pressing: a request's due date, an offer's end of availability. */
function dueTime(s: SignalDto): number {
  return time(isRequestKind(s.kind) ? s.dueAt : s.availableUntil);
}

/**
 * The list order for a sort key, mirroring the API (server/services/list-signals.ts): hottest first;
 * soonest due first; nearest first; newest first. Ties go to the hotter, then the newer signal.
 */
export function compareSignals(sort: SortKey): (a: SignalDto, b: SignalDto) => number {
  const newest = (a: SignalDto, b: SignalDto) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || a.id.localeCompare(b.id);
  const hottest = (a: SignalDto, b: SignalDto) => b.intensity - a.intensity;
  switch (sort) {
    case "intensity":
      return (a, b) => hottest(a, b) || newest(a, b);
    case "due":
      return (a, b) => ascNullsLast(dueTime(a), dueTime(b)) || hottest(a, b) || newest(a, b);
    case "distance":
      return (a, b) => ascNullsLast(a.distanceKm, b.distanceKm) || hottest(a, b) || newest(a, b);
    case "new":
      return newest;
  }
}
