// GET /coordination/series: the coordinator's figures per resource and ISO week (ADR 028). Each source is
// summed in SQL by what decides its figure (specification, week, action, places), so the rows read grow
// with the variety of the network, not with the length of its ledger; the folding is pure
// (server/domain/coordination-series.ts).
import { weekKeyOf } from "../domain/capacity-calendar";
import {
  buildSeries,
  capacityByWeek,
  quantityByWeek,
  seriesRange,
  seriesWeeks,
  stockByWeek,
  type CoordinationSeriesDto,
  type LedgerAggregateRow,
  type SeriesQuery,
  type WeeklyQuantityRow,
} from "../domain/coordination-series";
import type { EconomicAction } from "../domain/ledger-actions";
import { Prisma } from "../db/generated/client";
import type { Actor, ServiceContext } from "./context";
import { coordinationBoards } from "./coordination-boards";
import { loadBookedWeeks } from "./bookings";
import { resourceFilterSql } from "./coordination-sql";

type Db = ServiceContext["prisma"];

/** What a delivery against a claim records (ledger-delivery.ts); the `produce` of a shortfall is not a delivery. */
const DELIVERY_ACTIONS: EconomicAction[] = ["transfer", "lower", "raise"];

const weekOf = (d: Date | null) => (d ? weekKeyOf(new Date(d)) : null);

async function ledgerRows(db: Db, boardIds: string[], resource: string | undefined, from: Date, until: Date): Promise<LedgerAggregateRow[]> {
  const rows = await db.$queryRaw<
    Array<Omit<LedgerAggregateRow, "week" | "quantity"> & { week: Date | null; quantity: unknown }>
  >`
    SELECT e."resourceSpecId"::text AS "resourceSpecId", e.action::text AS action,
           CASE WHEN e."occurredAt" < ${from} THEN NULL ELSE date_trunc('week', e."occurredAt") END AS week,
           e."locationName" AS place, e."toLocationName" AS "toPlace",
           p."locationName" AS "providerOrgPlace", r."locationName" AS "receiverOrgPlace",
           sum(e.quantity) AS quantity
      FROM economic_events e
      JOIN organizations p ON p.id = e."providerId"
      JOIN organizations r ON r.id = e."receiverId"
     WHERE e."boardId" = ANY(${boardIds}::uuid[]) AND e."occurredAt" < ${until}
       AND ${resourceFilterSql(resource, Prisma.sql`e."resourceSpecId"`)}
     GROUP BY 1, 2, 3, 4, 5, 6, 7`;
  return rows.map((r) => ({ ...r, week: weekOf(r.week), quantity: Number(r.quantity) }));
}

async function dueRows(db: Db, boardIds: string[], resource: string | undefined, from: Date, until: Date): Promise<WeeklyQuantityRow[]> {
  const rows = await db.$queryRaw<Array<Omit<WeeklyQuantityRow, "week" | "quantity"> & { week: Date; quantity: unknown }>>`
    SELECT s."resourceSpecId"::text AS "resourceSpecId", date_trunc('week', s."dueAt") AS week,
           s."locationName" AS place, o."locationName" AS "orgPlace", sum(s.quantity) AS quantity
      FROM signals s LEFT JOIN organizations o ON o.id = s."onBehalfOfId"
     WHERE s."boardId" = ANY(${boardIds}::uuid[]) AND s.kind::text IN ('need', 'order') AND s.status::text <> 'withdrawn'
       AND s."dueAt" >= ${from} AND s."dueAt" < ${until}
       AND ${resourceFilterSql(resource, Prisma.sql`s."resourceSpecId"`)}
     GROUP BY 1, 2, 3, 4`;
  return rows.map((r) => ({ ...r, week: weekKeyOf(new Date(r.week)), quantity: Number(r.quantity) }));
}

async function metRows(db: Db, boardIds: string[], resource: string | undefined, from: Date, until: Date): Promise<WeeklyQuantityRow[]> {
  const rows = await db.$queryRaw<Array<Omit<WeeklyQuantityRow, "week" | "quantity"> & { week: Date; quantity: unknown }>>`
    SELECT e."resourceSpecId"::text AS "resourceSpecId", date_trunc('week', e."occurredAt") AS week,
           s."locationName" AS place, o."locationName" AS "orgPlace", sum(e.quantity) AS quantity
      FROM economic_events e
      JOIN claims c ON c.id = e."claimId"
      JOIN signals s ON s.id = c."signalId"
      LEFT JOIN organizations o ON o.id = s."onBehalfOfId"
     WHERE e."boardId" = ANY(${boardIds}::uuid[]) AND e.action::text = ANY(${DELIVERY_ACTIONS}::text[])
       AND e."correctsId" IS NULL AND s.kind::text IN ('need', 'order')
       AND e."occurredAt" >= ${from} AND e."occurredAt" < ${until}
       AND ${resourceFilterSql(resource, Prisma.sql`e."resourceSpecId"`)}
     GROUP BY 1, 2, 3, 4`;
  return rows.map((r) => ({ ...r, week: weekKeyOf(new Date(r.week)), quantity: Number(r.quantity) }));
}

/** Rated capacity offered in the range; a withdrawn offer is taken back for every week. */
async function capacityRows(db: Db, boardIds: string[], resource: string | undefined, from: Date, until: Date) {
  const signals = await db.signal.findMany({
    where: {
      boardId: { in: boardIds },
      kind: "capacity",
      rateQuantity: { not: null },
      status: { not: "withdrawn" },
      availableUntil: { gt: from },
      OR: [{ availableFrom: null, createdAt: { lt: until } }, { availableFrom: { lt: until } }],
      ...(resource ? { resourceSpecId: resource } : {}),
    },
    select: {
      id: true,
      resourceSpecId: true,
      rateQuantity: true,
      availableFrom: true,
      availableUntil: true,
      createdAt: true,
      locationName: true,
      onBehalfOf: { select: { locationName: true } },
    },
  });
  const booked = signals.length ? await loadBookedWeeks(db, signals.map((s) => s.id)) : new Map();
  return signals.map((s) => ({
    resourceSpecId: s.resourceSpecId,
    rate: Number(s.rateQuantity),
    availableFrom: s.availableFrom,
    availableUntil: s.availableUntil!,
    createdAt: s.createdAt,
    booked: booked.get(s.id) ?? new Map(),
    place: s.locationName,
    orgPlace: s.onBehalfOf?.locationName ?? null,
  }));
}

export async function coordinationSeries(ctx: ServiceContext, actor: Actor | null, q: SeriesQuery): Promise<CoordinationSeriesDto> {
  const boards = await coordinationBoards(ctx, actor, q.boards);
  const now = ctx.now();
  const weeks = seriesWeeks(now, q.weeks);
  const { from, until } = seriesRange(weeks);
  const ids = boards.map((b) => b.id);
  const db = ctx.prisma;
  // One after another: on the embedded database queries run one at a time anyway.
  const ledger = ids.length ? await ledgerRows(db, ids, q.resource, from, until) : [];
  const due = ids.length ? await dueRows(db, ids, q.resource, from, until) : [];
  const met = ids.length ? await metRows(db, ids, q.resource, from, until) : [];
  const capacity = ids.length ? await capacityRows(db, ids, q.resource, from, until) : [];

  const specIds = new Set([...ledger, ...due, ...met, ...capacity].map((r) => r.resourceSpecId));
  if (q.resource) specIds.add(q.resource);
  const specs = await db.resourceSpec.findMany({ where: { id: { in: [...specIds] } }, select: { id: true, name: true, unit: true } });
  return {
    boards: boards.map((b) => b.slug),
    weeks,
    currentWeek: weekKeyOf(now),
    series: buildSeries({
      weeks,
      specs,
      stock: stockByWeek(weeks, ledger, q.region),
      capacity: capacityByWeek(weeks, capacity, q.region),
      due: quantityByWeek(weeks, due, q.region),
      met: quantityByWeek(weeks, met, q.region),
      keep: q.resource,
    }),
  };
}
