// Who hears of a new need (ADR 035), and which needs fit what a maker offers ("suggested for you"). Both
// ask the same question: could what this person supplies (or a declared substitute of it) fill this
// request, and is it near enough.
import { z } from "zod";
import { haversineKm, isValidLatLng, type LatLng } from "./geo";

/** A subscription may name this many resources and boards at most; a person has at most MAX_SUBSCRIPTIONS. */
export const MAX_SUBSCRIPTION_SPECS = 50;
export const MAX_SUBSCRIPTION_BOARDS = 20;
export const MAX_SUBSCRIPTIONS = 20;
/** Half the Earth's circumference: anything larger means "anywhere" and is refused as a typo. */
export const MAX_RADIUS_KM = 20_000;

const latLng = z
  .object({ lat: z.number(), lng: z.number() })
  .strict()
  .refine(isValidLatLng, { message: "lat must be within ±90 and lng within ±180" });

export const subscriptionInputSchema = z
  .object({
    resourceSpecIds: z.array(z.uuid()).min(1, "Name at least one resource").max(MAX_SUBSCRIPTION_SPECS),
    near: latLng,
    radiusKm: z.number().positive().max(MAX_RADIUS_KM),
    boardSlugs: z.array(z.string().regex(/^[a-z0-9-]{1,60}$/, "not a board slug")).max(MAX_SUBSCRIPTION_BOARDS).optional(),
  })
  .strict();

export type SubscriptionInput = z.output<typeof subscriptionInputSchema>;

export interface SubscriptionRule {
  resourceSpecIds: readonly string[];
  near: LatLng;
  radiusKm: number;
  /** Empty: any board the person can read. */
  boardIds: readonly string[];
  createdAt: Date;
}

export interface NewRequest {
  kind: string;
  boardId: string;
  resourceSpecId: string;
  location: LatLng | null;
  createdAt: Date;
}

/**
 * Whether a request can be filled from `supplied` specs: its own spec or one declared as its substitute
 * (`acceptedFor` is the request spec's accepted list, itself first, as acceptedSpecsFor returns it).
 */
export function suppliesFit(supplied: ReadonlySet<string> | readonly string[], acceptedFor: readonly string[]): boolean {
  const set = supplied instanceof Set ? supplied : new Set(supplied as readonly string[]);
  return acceptedFor.some((s) => set.has(s));
}

/**
 * Whether a new request should notify the subscriber: a need or an order, of a resource they supply (or
 * that one of theirs substitutes for), within their radius, on one of their boards (any, when none named),
 * created after they subscribed. A request without a location is never within a radius. Whether the
 * person may read the board is checked by the caller, which knows the memberships.
 */
export function subscriptionMatches(rule: SubscriptionRule, request: NewRequest, acceptedFor: readonly string[]): number | null {
  if (request.kind !== "need" && request.kind !== "order") return null;
  if (request.createdAt.getTime() < rule.createdAt.getTime()) return null;
  if (rule.boardIds.length > 0 && !rule.boardIds.includes(request.boardId)) return null;
  if (!suppliesFit(rule.resourceSpecIds, acceptedFor)) return null;
  if (!request.location) return null;
  const km = haversineKm(rule.near, request.location);
  return km <= rule.radiusKm ? km : null;
}

/** The distance to the nearest of `origins`, or null when either side has no place. */
export function nearestKm(origins: readonly LatLng[], to: LatLng | null): number | null {
  if (!to || origins.length === 0) return null;
  return Math.min(...origins.map((o) => haversineKm(o, to)));
}
