// GET /coordination/at-risk: what is late or about to go wrong on the covered boards (ADR 027). Three
// narrow statements find the candidates (needs due within the horizon, live claims whose promise may have
// passed, unlinked stock signals of organizations that keep a ledger of that resource); the domain's rules
// (coordination-at-risk.ts) decide, explain and order them.
import {
  AT_RISK_DAYS,
  atRiskOf,
  type AtRiskAnswer,
  type BoardRefLite,
  type ClaimCandidate,
  type NeedCandidate,
  type StockCandidate,
} from "../domain/coordination-at-risk";
import type { CoordinationQuery } from "../domain/coordination-query";
import type { Actor, ServiceContext } from "./context";
import { coveredBoards, publicBoard } from "./coordination-scope";

const WEEK_MS = 7 * 24 * 3_600_000;

type Raw<T, K extends keyof T> = Omit<T, K | "board"> & Record<K, unknown> & { boardId: string };

export async function coordinationAtRisk(ctx: ServiceContext, actor: Actor | null, q: CoordinationQuery): Promise<AtRiskAnswer> {
  const boards = await coveredBoards(ctx, actor, q);
  const now = ctx.now();
  const ids = boards.map((b) => b.id);
  const boardOf = new Map<string, BoardRefLite>(boards.map((b) => [b.id, { slug: b.slug, name: b.name }]));
  const horizon = new Date(now.getTime() + AT_RISK_DAYS * 24 * 3_600_000);

  const needs = await ctx.prisma.$queryRaw<Array<Raw<NeedCandidate, "quantity" | "claimed" | "delivered">>>`
    SELECT s.id::text AS id, s."boardId"::text AS "boardId", s.kind::text AS kind, s.title, s."dueAt",
           s.quantity, s."claimedQuantity" AS claimed, s."deliveredQuantity" AS delivered,
           s."resourceSpecId"::text AS "resourceSpecId", r.unit, s."locationName" AS place, o."locationName" AS "orgPlace",
           (SELECT count(*)::int FROM claims c WHERE c."signalId" = s.id AND c.status IN ('in_progress', 'shipped', 'delivered')) AS "startedClaims",
           (SELECT count(*)::int FROM claims c WHERE c."signalId" = s.id AND c.status = 'claimed') AS "waitingClaims"
      FROM signals s JOIN resource_specs r ON r.id = s."resourceSpecId" LEFT JOIN organizations o ON o.id = s."onBehalfOfId"
     WHERE s."boardId" = ANY(${ids}::uuid[]) AND s.status IN ('open', 'claimed') AND s.kind IN ('need', 'order')
       AND s."dueAt" IS NOT NULL AND s."dueAt" <= ${horizon}`;

  // A promise can only have passed if some date is behind us: the claim's own, the request's due date, or
  // the start of its last booked week more than a week ago. The domain then picks which one applies.
  const claims = await ctx.prisma.$queryRaw<Array<Raw<ClaimCandidate, "quantity">>>`
    SELECT c.id::text AS id, c."signalId"::text AS "signalId", s."boardId"::text AS "boardId", s.kind::text AS "signalKind", s.title,
           c.status::text AS status, c.quantity, c."promisedAt", s."dueAt" AS "signalDueAt",
           (SELECT max(b."weekStart") FROM claim_bookings b WHERE b."claimId" = c.id)::timestamptz AS "lastBookedWeek",
           coalesce(org.name, u.name) AS claimer,
           s."resourceSpecId"::text AS "resourceSpecId", r.unit, s."locationName" AS place, o."locationName" AS "orgPlace"
      FROM claims c JOIN signals s ON s.id = c."signalId" JOIN resource_specs r ON r.id = s."resourceSpecId"
      JOIN users u ON u.id = c."claimerId"
      LEFT JOIN organizations org ON org.id = c."onBehalfOfId" LEFT JOIN organizations o ON o.id = s."onBehalfOfId"
     WHERE s."boardId" = ANY(${ids}::uuid[]) AND c.status IN ('claimed', 'in_progress', 'shipped')
       AND (c."promisedAt" < ${now}
            OR (c."promisedAt" IS NULL AND (s."dueAt" < ${now}
                OR EXISTS (SELECT 1 FROM claim_bookings b WHERE b."claimId" = c.id AND b."weekStart" < ${new Date(now.getTime() - WEEK_MS)}))))`;

  const stock = await ctx.prisma.$queryRaw<Array<Raw<StockCandidate, "quantity" | "delivered" | "ledgerOnHand">>>`
    SELECT s.id::text AS id, s."boardId"::text AS "boardId", s.title, s.quantity, s."deliveredQuantity" AS delivered,
           o.name AS organization, held."onHand" AS "ledgerOnHand",
           s."resourceSpecId"::text AS "resourceSpecId", r.unit, s."locationName" AS place, o."locationName" AS "orgPlace"
      FROM signals s JOIN organizations o ON o.id = s."onBehalfOfId" JOIN resource_specs r ON r.id = s."resourceSpecId"
      JOIN (SELECT e."boardId", e."agentId", e."resourceSpecId", sum(e."onHand") AS "onHand"
              FROM economic_resources e WHERE e."boardId" = ANY(${ids}::uuid[])
             GROUP BY 1, 2, 3) held
        ON held."boardId" = s."boardId" AND held."agentId" = s."onBehalfOfId" AND held."resourceSpecId" = s."resourceSpecId"
     WHERE s."boardId" = ANY(${ids}::uuid[]) AND s.status IN ('open', 'claimed') AND s.kind = 'stock' AND s."inventoryOfId" IS NULL`;

  const board = (r: { boardId: string }) => boardOf.get(r.boardId)!;
  const date = (d: unknown) => (d ? new Date(d as string) : null);
  const items = atRiskOf({
    needs: needs.map(({ boardId, ...n }) => ({
      ...n,
      board: board({ boardId }),
      dueAt: new Date(n.dueAt),
      quantity: Number(n.quantity),
      claimed: Number(n.claimed),
      delivered: Number(n.delivered),
    })),
    claims: claims.map(({ boardId, ...c }) => ({
      ...c,
      board: board({ boardId }),
      quantity: Number(c.quantity),
      promisedAt: date(c.promisedAt),
      signalDueAt: date(c.signalDueAt),
      lastBookedWeek: date(c.lastBookedWeek),
    })),
    stock: stock.map(({ boardId, ...s }) => ({
      ...s,
      board: board({ boardId }),
      quantity: Number(s.quantity),
      delivered: Number(s.delivered),
      ledgerOnHand: Number(s.ledgerOnHand),
    })),
    now,
    filter: { resource: q.resource, region: q.region },
  });
  return { boards: boards.map(publicBoard), dueWithinDays: AT_RISK_DAYS, items };
}
