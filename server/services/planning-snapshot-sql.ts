// Reading what a planning session's snapshot is made of (ADR 036), inside the opening transaction so the
// numbers are one consistent moment: open needs and orders in scope with what is unclaimed, and capacity
// and stock in scope (or declared substitutes) with what is free, by the region rule of regions.ts.
import { Prisma } from "../db/generated/client";
import { LIVE_CLAIM_STATUSES } from "../domain/claim-lifecycle";
import { buildSnapshot, type NeedRow, type SourceRow } from "../domain/planning-snapshot";
import type { SessionSnapshot } from "../domain/planning-session";
import { regionFilterSql } from "./coordination-sql";
import { loadBookedWeeks } from "./bookings";
import { acceptedSpecsFor } from "./resource-substitutes";
import type { Tx } from "./context";

const LIVE = [...LIVE_CLAIM_STATUSES];

/** Columns every party row shares: its place falls back to its organization's, like regionOf. */
const partyColumns = Prisma.sql`
  s.id::text AS id, s.title, s."resourceSpecId"::text AS "resourceSpecId",
  CASE WHEN s.lat IS NOT NULL THEN s.lat ELSE o.lat END AS lat,
  CASE WHEN s.lat IS NOT NULL THEN s.lng ELSE o.lng END AS lng,
  coalesce(nullif(btrim(s."locationName"), ''), nullif(btrim(o."locationName"), '')) AS place,
  s."ownerId"::text AS "ownerId", u.name AS "ownerName", o.id::text AS "orgId", o.name AS "orgName"`;

export async function takeSnapshot(
  tx: Tx,
  args: { boardId: string; specIds: string[]; regionKey: string | undefined; horizonWeeks: number; now: Date },
): Promise<SessionSnapshot> {
  const accepted = await acceptedSpecsFor(tx, args.specIds);
  const substitutes = [...accepted].flatMap(([specId, ids]) => ids.slice(1).map((substituteId) => ({ specId, substituteId })));
  const supplySpecIds = [...new Set([...args.specIds, ...substitutes.map((s) => s.substituteId)])];
  const specs = await tx.resourceSpec.findMany({
    where: { id: { in: supplySpecIds } },
    select: { id: true, name: true, unit: true, divisible: true },
    orderBy: { name: "asc" },
  });
  const region = regionFilterSql(args.regionKey, Prisma.sql`s."locationName"`, Prisma.sql`o."locationName"`);
  // Tens of thousands of needs come back as one JSON text: decoding that many rows one column at a time
  // through the driver cost seconds on the embedded database; one JSON.parse costs milliseconds.
  const needRows = await tx.$queryRaw<Array<{ rows: string }>>`
    SELECT coalesce(json_agg(t), '[]')::text AS rows FROM (
      SELECT ${partyColumns}, s.kind::text AS kind, (s.quantity - s."claimedQuantity")::float8 AS remaining,
             (extract(epoch FROM s."dueAt") * 1000)::float8 AS "dueAtMs"
        FROM signals s JOIN users u ON u.id = s."ownerId" LEFT JOIN organizations o ON o.id = s."onBehalfOfId"
       WHERE s."boardId" = ${args.boardId}::uuid AND s.kind IN ('need', 'order') AND s.status = 'open'
         AND s."resourceSpecId" = ANY(${args.specIds}::uuid[]) AND s.quantity > s."claimedQuantity" AND ${region}
       ORDER BY s."dueAt" NULLS LAST, s.id) t`;
  // Each parsed row gains its Date in place (buildSnapshot copies only the fields it keeps).
  const needs = JSON.parse(needRows[0]!.rows) as Array<NeedRow & { dueAtMs: number | null }>;
  for (const n of needs) n.dueAt = n.dueAtMs === null ? null : new Date(n.dueAtMs);
  const sources = await tx.$queryRaw<Array<Omit<SourceRow, "booked" | "bookedByPlans" | "rateQuantity"> & { rateQuantity: unknown }>>`
    SELECT ${partyColumns}, s.kind::text AS kind, (s.quantity - s."claimedQuantity")::float8 AS remaining,
           s."rateQuantity"::float8 AS "rateQuantity", s."availableFrom", s."availableUntil", s."createdAt"
      FROM signals s JOIN users u ON u.id = s."ownerId" LEFT JOIN organizations o ON o.id = s."onBehalfOfId"
     WHERE s."boardId" = ${args.boardId}::uuid AND s.kind IN ('capacity', 'stock') AND s.status = 'open'
       AND (s."availableUntil" IS NULL OR s."availableUntil" > ${args.now})
       AND s."resourceSpecId" = ANY(${supplySpecIds}::uuid[]) AND s.quantity > s."claimedQuantity" AND ${region}
     ORDER BY s.id`;
  const ids = sources.map((s) => s.id);
  const rated = sources.filter((s) => s.rateQuantity !== null).map((s) => s.id);
  const booked = rated.length ? await loadBookedWeeks(tx, rated) : new Map();
  const byPlans = ids.length ? await bookedByPlans(tx, ids) : new Map<string, number>();
  return buildSnapshot({
    now: args.now,
    horizonWeeks: args.horizonWeeks,
    specs,
    substitutes,
    needs,
    sources: sources.map((s) => ({
      ...s,
      rateQuantity: s.rateQuantity === null ? null : Number(s.rateQuantity),
      booked: booked.get(s.id) ?? new Map(),
      bookedByPlans: byPlans.get(s.id) ?? 0,
    })),
  });
}

/**
 * What adopted plans' claims (claims on needs) booked of these sources, all weeks together: a source's
 * own claims are already in its claimed quantity (ADR 037).
 */
export async function bookedByPlans(tx: Tx, sourceIds: string[]): Promise<Map<string, number>> {
  const rows = await tx.$queryRaw<Array<{ signalId: string; booked: number }>>`
    SELECT b."signalId"::text AS "signalId", sum(b.quantity)::float8 AS booked
      FROM claim_bookings b JOIN claims c ON c.id = b."claimId"
     WHERE b."signalId" = ANY(${sourceIds}::uuid[]) AND c."signalId" <> b."signalId"
       AND c.status = ANY(${LIVE}::text[]::"ClaimStatus"[])
     GROUP BY b."signalId"`;
  return new Map(rows.map((r) => [r.signalId, Number(r.booked)]));
}
