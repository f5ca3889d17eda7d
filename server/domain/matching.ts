// Matching (ADR 034): which open capacity and stock could fill a need or order, ranked by a rule anyone can
// check, with the reasons for each rank in plain words. Software suggests; the maker and the requester
// decide, so every number behind a rank is shown, never only the score.
import { weekKeyOf, type WeekKey } from "./capacity-calendar";
import { haversineKm, type LatLng } from "./geo";
import { roundQty, sumQty } from "./quantity";

/** What a request (need or order) asks, as matching sees it. */
export interface MatchRequest {
  resourceSpecId: string;
  remaining: number;
  dueAt: Date | null;
  location: LatLng | null;
}

/** An open offer (capacity or stock) as matching sees it. */
export interface MatchSource {
  id: string;
  kind: "capacity" | "stock";
  resourceSpecId: string;
  resourceName: string;
  unit: string;
  remaining: number;
  /** A rated capacity's weekly rate, or null. */
  rate: number | null;
  /** A rated capacity's weeks with what is free in each (after live claims' bookings). */
  calendar: Array<{ week: WeekKey; free: number }> | null;
  availableFrom: Date | null;
  availableUntil: Date | null;
  location: LatLng | null;
  /** Whose record counts: the organization it speaks for, else its owner. */
  agentKey: string;
}

/** Past claims of an agent that ended (delivered, released or lapsed); live ones are not yet a record. */
export interface TrackRecord {
  delivered: number;
  ended: number;
}

export interface RankedMatch {
  sourceId: string;
  freeInTime: number;
  distanceKm: number | null;
  trackRecord: (TrackRecord & { share: number }) | null;
  score: number;
  reasons: string[];
}

/** The weights of the score, in one place so the ADR and the code say the same thing. */
export const MATCH_WEIGHTS = { coverage: 0.4, distance: 0.3, trackRecord: 0.2, resource: 0.1 } as const;

/** Distance at which the distance part of the score halves (1 / (1 + km / DISTANCE_HALF_KM)). */
export const DISTANCE_HALF_KM = 50;

/**
 * How much of the source can reach the request by its due date. Stock: what is unclaimed. Unrated
 * capacity: what is unclaimed, if it is available before the due date and not over. Rated capacity: the
 * free weekly rate summed over the weeks from now to the due week (every week when there is no due date),
 * never more than what is unclaimed of the signal.
 */
export function freeInTime(source: MatchSource, dueAt: Date | null, now: Date): number {
  if (source.remaining <= 0) return 0;
  if (source.availableUntil && source.availableUntil.getTime() <= now.getTime()) return 0;
  if (dueAt && source.availableFrom && source.availableFrom.getTime() > dueAt.getTime()) return 0;
  if (source.kind === "capacity" && source.rate !== null && source.calendar) {
    const current = weekKeyOf(now);
    const last = dueAt ? weekKeyOf(dueAt) : null;
    const weeks = source.calendar.filter((w) => w.week >= current && (last === null || w.week <= last));
    return Math.min(source.remaining, sumQty(weeks.map((w) => w.free)));
  }
  return source.remaining;
}

/** The score's track-record part: Laplace's rule, so no history counts as an even chance, not as 0%. */
export function trackRecordPart(record: TrackRecord | null): number {
  const r = record ?? { delivered: 0, ended: 0 };
  return (r.delivered + 1) / (r.ended + 2);
}

const fmt = (n: number) => String(roundQty(n));

export function kmText(km: number): string {
  return km < 1 ? "less than 1 km away" : `${Math.round(km)} km away`;
}

function freeReason(source: MatchSource, free: number, dueAt: Date | null): string {
  if (source.kind === "stock") return `${fmt(free)} ${source.unit} in stock`;
  const rate = source.rate !== null ? ` (${fmt(source.rate)}/week)` : "";
  return dueAt ? `can make ${fmt(free)} before the due date${rate}` : `can make ${fmt(free)}${rate}`;
}

function recordReason(record: TrackRecord | null): string {
  if (!record || record.ended === 0) return "no past claims yet";
  return `delivered ${record.delivered} of ${record.ended} past claims`;
}

/**
 * Ranks the sources that can fill `request`. `accepted` maps each acceptable spec (the request's own and
 * its declared substitutes) to its name; sources of other specs, or with nothing free in time, are left
 * out. Score = 0.4 coverage (share of what is still needed that the source can supply in time) + 0.3
 * nearness (1 / (1 + km / 50); unknown distance counts 0) + 0.2 track record (Laplace) + 0.1 resource
 * (1 same, 0.5 substitute). Ties: nearer first, then more free, then id, so the order is stable.
 */
export function rankMatches(args: {
  request: MatchRequest;
  sources: MatchSource[];
  accepted: ReadonlyMap<string, string>;
  records: ReadonlyMap<string, TrackRecord>;
  now: Date;
}): RankedMatch[] {
  const { request, accepted, records, now } = args;
  const ranked: RankedMatch[] = [];
  for (const source of args.sources) {
    if (!accepted.has(source.resourceSpecId)) continue;
    const free = freeInTime(source, request.dueAt, now);
    if (free <= 0) continue;
    const same = source.resourceSpecId === request.resourceSpecId;
    const km = request.location && source.location ? haversineKm(request.location, source.location) : null;
    const record = records.get(source.agentKey) ?? null;
    const coverage = request.remaining > 0 ? Math.min(1, free / request.remaining) : 1;
    const score =
      MATCH_WEIGHTS.coverage * coverage +
      MATCH_WEIGHTS.distance * (km === null ? 0 : 1 / (1 + km / DISTANCE_HALF_KM)) +
      MATCH_WEIGHTS.trackRecord * trackRecordPart(record) +
      MATCH_WEIGHTS.resource * (same ? 1 : 0.5);
    const reasons = [
      same ? "same resource" : `substitute: ${source.resourceName}`,
      freeReason(source, free, request.dueAt),
      coverage >= 1 ? `covers all ${fmt(request.remaining)} still needed` : `covers ${fmt(free)} of ${fmt(request.remaining)} still needed`,
      km === null ? "distance unknown (no location)" : kmText(km),
      recordReason(record),
    ];
    ranked.push({
      sourceId: source.id,
      freeInTime: roundQty(free),
      distanceKm: km === null ? null : Math.round(km * 10) / 10,
      trackRecord: record && record.ended > 0 ? { ...record, share: record.delivered / record.ended } : null,
      score: Math.round(score * 1000) / 1000,
      reasons,
    });
  }
  return ranked.sort(
    (a, b) =>
      b.score - a.score ||
      (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) ||
      b.freeInTime - a.freeInTime ||
      (a.sourceId < b.sourceId ? -1 : 1),
  );
}
