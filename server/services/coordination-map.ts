// GET /coordination/map: organizations taking part in the covered boards and their open signals, each
// with coordinates (ADR 029). Filtered and cut in SQL, newest first, one row past each limit read to know
// whether the answer was truncated.
import type { CoordinationQuery } from "../domain/coordination-query";
import {
  cut,
  MAX_MAP_ORGANIZATIONS,
  MAX_MAP_SIGNALS,
  type CoordinationMapDto,
  type MapOrganizationDto,
  type MapSignalDto,
} from "../domain/coordination-map";
import type { SignalKind } from "../domain/signal-rules";
import { subQty } from "../domain/quantity";
import { Prisma } from "../db/generated/client";
import type { Actor, ServiceContext } from "./context";
import { coordinationBoards } from "./coordination-boards";
import { regionFilterSql, resourceFilterSql } from "./coordination-sql";

type Db = ServiceContext["prisma"];

/** Organizations with coordinates that posted a signal or claimed one on the boards (about the resource, when one is asked for). */
async function organizations(db: Db, boardIds: string[], q: CoordinationQuery): Promise<MapOrganizationDto[]> {
  const resource = resourceFilterSql(q.resource, Prisma.sql`s."resourceSpecId"`);
  const rows = await db.$queryRaw<Array<{ id: string; name: string; kind: string; place: string | null; lat: number; lng: number }>>`
    SELECT o.id::text AS id, o.name, o.kind::text AS kind, o."locationName" AS place, o.lat, o.lng
      FROM organizations o
     WHERE o.lat IS NOT NULL AND o.lng IS NOT NULL
       AND ${regionFilterSql(q.region, Prisma.sql`o."locationName"`, Prisma.sql`NULL::text`)}
       AND (EXISTS (SELECT 1 FROM signals s WHERE s."onBehalfOfId" = o.id AND s."boardId" = ANY(${boardIds}::uuid[]) AND ${resource})
         OR EXISTS (SELECT 1 FROM claims c JOIN signals s ON s.id = c."signalId"
                     WHERE c."onBehalfOfId" = o.id AND s."boardId" = ANY(${boardIds}::uuid[]) AND ${resource}))
     ORDER BY o."createdAt" DESC, o.id
     LIMIT ${MAX_MAP_ORGANIZATIONS + 1}`;
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, location: { name: r.place, lat: r.lat, lng: r.lng } }));
}

/** Open signals placed by their own coordinates, or by their organization's when they have none. */
async function openSignals(db: Db, boardIds: string[], q: CoordinationQuery): Promise<MapSignalDto[]> {
  const own = Prisma.sql`(s.lat IS NOT NULL AND s.lng IS NOT NULL)`;
  const rows = await db.$queryRaw<
    Array<{ id: string; kind: SignalKind; title: string; quantity: unknown; claimed: unknown; unit: string; board: string; place: string | null; lat: number; lng: number }>
  >`
    SELECT s.id::text AS id, s.kind::text AS kind, s.title, s.quantity, s."claimedQuantity" AS claimed, rs.unit, b.slug AS board,
           CASE WHEN ${own} THEN s."locationName" ELSE o."locationName" END AS place,
           CASE WHEN ${own} THEN s.lat ELSE o.lat END AS lat,
           CASE WHEN ${own} THEN s.lng ELSE o.lng END AS lng
      FROM signals s
      JOIN boards b ON b.id = s."boardId"
      JOIN resource_specs rs ON rs.id = s."resourceSpecId"
      LEFT JOIN organizations o ON o.id = s."onBehalfOfId"
     WHERE s."boardId" = ANY(${boardIds}::uuid[]) AND s.status::text = 'open'
       AND (${own} OR (o.lat IS NOT NULL AND o.lng IS NOT NULL))
       AND ${resourceFilterSql(q.resource, Prisma.sql`s."resourceSpecId"`)}
       AND ${regionFilterSql(q.region, Prisma.sql`s."locationName"`, Prisma.sql`o."locationName"`)}
     ORDER BY s."createdAt" DESC, s.id DESC
     LIMIT ${MAX_MAP_SIGNALS + 1}`;
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    remainingQuantity: Math.max(0, subQty(Number(r.quantity), Number(r.claimed))),
    unit: r.unit,
    board: r.board,
    location: { name: r.place, lat: r.lat, lng: r.lng },
  }));
}

export async function coordinationMap(ctx: ServiceContext, actor: Actor | null, q: CoordinationQuery): Promise<CoordinationMapDto> {
  const boards = await coordinationBoards(ctx, actor, q.boards);
  const ids = boards.map((b) => b.id);
  const orgs = cut(ids.length ? await organizations(ctx.prisma, ids, q) : [], MAX_MAP_ORGANIZATIONS);
  const signals = cut(ids.length ? await openSignals(ctx.prisma, ids, q) : [], MAX_MAP_SIGNALS);
  return {
    boards: boards.map((b) => b.slug),
    organizations: orgs.items,
    signals: signals.items,
    truncated: orgs.more || signals.more,
    limits: { organizations: MAX_MAP_ORGANIZATIONS, signals: MAX_MAP_SIGNALS },
  };
}
