// GET /me/suggestions, "suggested for you" (ADR 034): open needs and orders on the boards a person is a
// member of that what they (or their organizations) offer could fill, nearest first within a radius.
import type { SignalDto } from "../domain/dto";
import type { LatLng } from "../domain/geo";
import { kmText } from "../domain/matching";
import { nearestKm } from "../domain/subscriptions";
import type { Actor, ServiceContext } from "./context";
import { loadSignalDtos } from "./signal-view";

/** The default radius around the person's organizations (or their offers' places when those have none). */
export const DEFAULT_SUGGESTION_RADIUS_KM = 100;
const MAX_SUGGESTIONS = 50;
const MAX_CANDIDATES = 500;

export interface SuggestionDto {
  signal: SignalDto;
  distanceKm: number | null;
  reasons: string[];
}

export async function listSuggestions(
  ctx: ServiceContext,
  actor: Actor,
  radiusKm = DEFAULT_SUGGESTION_RADIUS_KM,
): Promise<{ items: SuggestionDto[]; radiusKm: number; offers: number }> {
  const db = ctx.prisma;
  const orgs = await db.organizationMember.findMany({
    where: { userId: actor.userId },
    select: { organization: { select: { id: true, name: true, lat: true, lng: true } } },
  });
  const orgIds = orgs.map((o) => o.organization.id);
  const offers = await db.signal.findMany({
    where: {
      status: "open",
      kind: { in: ["capacity", "stock"] },
      OR: [{ ownerId: actor.userId }, ...(orgIds.length ? [{ onBehalfOfId: { in: orgIds } }] : [])],
    },
    select: { resourceSpecId: true, lat: true, lng: true, resourceSpec: { select: { name: true } } },
  });
  if (offers.length === 0) return { items: [], radiusKm, offers: 0 };
  const offered = new Map(offers.map((o) => [o.resourceSpecId, o.resourceSpec.name]));
  // A need for spec X fits when the person offers X, or offers a declared substitute for X.
  const viaSubstitute = await db.resourceSpecSubstitute.findMany({
    where: { substituteId: { in: [...offered.keys()] } },
    select: { specId: true, substitute: { select: { name: true } } },
  });
  const fitting = new Map<string, string>([...offered].map(([id, name]) => [id, `you offer ${name}`]));
  for (const s of viaSubstitute) if (!fitting.has(s.specId)) fitting.set(s.specId, `your ${s.substitute.name} is a declared substitute`);

  const boards = await db.boardMember.findMany({ where: { userId: actor.userId }, select: { boardId: true } });
  const rows = await db.signal.findMany({
    where: {
      boardId: { in: boards.map((b) => b.boardId) },
      status: "open",
      kind: { in: ["need", "order"] },
      resourceSpecId: { in: [...fitting.keys()] },
      ownerId: { not: actor.userId },
    },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: MAX_CANDIDATES,
    select: { id: true },
  });
  const needs = await loadSignalDtos(db, rows.map((r) => r.id), ctx, actor.userId);

  const placesOf = (ps: Array<{ lat: number | null; lng: number | null }>): LatLng[] =>
    ps.flatMap((p) => (p.lat !== null && p.lng !== null ? [{ lat: p.lat, lng: p.lng }] : []));
  const orgPlaces = placesOf(orgs.map((o) => o.organization));
  // Where the person works from: their organizations' places, else where their offers stand.
  const origins = orgPlaces.length ? orgPlaces : placesOf(offers);
  const items: SuggestionDto[] = [];
  for (const need of needs) {
    if (need.remainingQuantity <= 0) continue;
    const km = nearestKm(origins, need.location);
    // Far needs, and needs without a place, are not "near you"; with no place of one's own, all fit.
    if (origins.length > 0 && (km === null || km > radiusKm)) continue;
    items.push({
      signal: need,
      distanceKm: km === null ? null : Math.round(km * 10) / 10,
      reasons: [
        fitting.get(need.resourceSpec.id)!,
        `${need.remainingQuantity} ${need.unit} still needed`,
        km === null ? "distance unknown" : kmText(km),
        ...(need.dueAt ? [`due ${need.dueAt.slice(0, 10)}`] : []),
      ],
    });
  }
  items.sort((a, b) => (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) || (a.signal.id < b.signal.id ? -1 : 1));
  return { items: items.slice(0, MAX_SUGGESTIONS), radiusKm, offers: offers.length };
}
