// GET /coordination/gaps: open demand against free supply per resource and region over the covered boards
// (ADR 026). Two grouped statements do the reading: unrated signals summed per specification, kind and
// pair of place names (a few hundred rows for a board of 10,000 signals), and rated capacity signals one by
// one with their booked weeks. Regions and the arithmetic are the domain's (coordination-gaps.ts).
import { computeGaps, UNIT_RULE, supplyWindow, type GapsAnswer, type OfferOrRequestKind, type RatedCapacity, type SignalGroup } from "../domain/coordination-gaps";
import type { CoordinationQuery } from "../domain/coordination-query";
import type { Actor, ServiceContext } from "./context";
import { loadBookedWeeks } from "./bookings";
import { coveredBoards, publicBoard } from "./coordination-scope";

// Offers count when their availability overlaps this week and next; requests count whatever their date.
// Signals that are open or claimed are the open ones (withdrawn, expired and fulfilled are over).

export async function coordinationGaps(ctx: ServiceContext, actor: Actor | null, q: CoordinationQuery): Promise<GapsAnswer> {
  const boards = await coveredBoards(ctx, actor, q);
  const now = ctx.now();
  const ids = boards.map((b) => b.id);
  const { until } = supplyWindow(now);

  // Grouped by the place the region rule starts from (the signal's own, else its organization's), lower-cased
  // and space-collapsed, so a board of 10,000 signals comes back as a few hundred rows. This only reduces the
  // rows: the domain's regionOf still decides each row's region and merges any rows it considers one.
  const groups = await ctx.prisma.$queryRaw<Array<Omit<SignalGroup, "quantity" | "claimed" | "delivered"> & Record<"quantity" | "claimed" | "delivered", unknown>>>`
    SELECT g."resourceSpecId", g.kind, min(g.place COLLATE "C") AS place, NULL AS "orgPlace",
           sum(g.quantity) AS quantity, sum(g.claimed) AS claimed, sum(g.delivered) AS delivered, count(*)::int AS signals
      FROM (SELECT s."resourceSpecId"::text AS "resourceSpecId", s.kind::text AS kind,
                   coalesce(nullif(btrim(s."locationName"), ''), nullif(btrim(o."locationName"), '')) AS place,
                   s.quantity, s."claimedQuantity" AS claimed, s."deliveredQuantity" AS delivered
              FROM signals s LEFT JOIN organizations o ON o.id = s."onBehalfOfId"
             WHERE s."boardId" = ANY(${ids}::uuid[]) AND s.status IN ('open', 'claimed') AND s."rateQuantity" IS NULL
               AND (s.kind IN ('need', 'order')
                    OR ((s."availableFrom" IS NULL OR s."availableFrom" < ${until}) AND (s."availableUntil" IS NULL OR s."availableUntil" > ${now})))) g
     GROUP BY 1, 2, lower(regexp_replace(g.place, '\\s+', ' ', 'g'))
     ORDER BY 3`;

  const ratedRows = await ctx.prisma.$queryRaw<
    Array<{ id: string; resourceSpecId: string; place: string | null; orgPlace: string | null; quantity: unknown; claimed: unknown; rate: unknown; availableFrom: Date | null; availableUntil: Date; createdAt: Date }>
  >`
    SELECT s.id::text AS id, s."resourceSpecId"::text AS "resourceSpecId", s."locationName" AS place, o."locationName" AS "orgPlace",
           s.quantity, s."claimedQuantity" AS claimed, s."rateQuantity" AS rate, s."availableFrom", s."availableUntil", s."createdAt"
      FROM signals s LEFT JOIN organizations o ON o.id = s."onBehalfOfId"
     WHERE s."boardId" = ANY(${ids}::uuid[]) AND s.status IN ('open', 'claimed') AND s."rateQuantity" IS NOT NULL
       AND s."availableUntil" > ${now} AND (s."availableFrom" IS NULL OR s."availableFrom" < ${until})
     ORDER BY s.id`;
  const booked = ratedRows.length ? await loadBookedWeeks(ctx.prisma, ratedRows.map((r) => r.id)) : new Map();
  const rated: RatedCapacity[] = ratedRows.map((r) => ({
    resourceSpecId: r.resourceSpecId,
    place: r.place,
    orgPlace: r.orgPlace,
    quantity: Number(r.quantity),
    claimed: Number(r.claimed),
    rate: { quantity: Number(r.rate), period: "week" },
    availableFrom: r.availableFrom ? new Date(r.availableFrom) : null,
    availableUntil: new Date(r.availableUntil),
    createdAt: new Date(r.createdAt),
    booked: booked.get(r.id) ?? new Map(),
  }));

  const specIds = [...new Set([...groups.map((g) => g.resourceSpecId), ...rated.map((r) => r.resourceSpecId)])];
  const specs = specIds.length
    ? await ctx.prisma.resourceSpec.findMany({ where: { id: { in: specIds } }, select: { id: true, name: true, unit: true } })
    : [];

  const view = computeGaps({
    groups: groups.map((g) => ({
      ...g,
      kind: g.kind as OfferOrRequestKind,
      quantity: Number(g.quantity),
      claimed: Number(g.claimed),
      delivered: Number(g.delivered),
      signals: Number(g.signals),
    })),
    rated,
    specs: new Map(specs.map((s) => [s.id, s])),
    now,
    filter: { resource: q.resource, region: q.region },
  });
  return { boards: boards.map(publicBoard), unitRule: UNIT_RULE, ...view };
}
