// Loads signals and claims in the shape of the API (SignalDto, ClaimDto), with intensity computed at `now`.
import type { ClaimDto, SignalDto } from "../domain/dto";
import { computeIntensity, type IntensityConfig } from "../domain/intensity";
import { LIVE_CLAIM_STATUSES, allowedTransitions, type ClaimStatus } from "../domain/claim-lifecycle";
import { remainingQuantity } from "../domain/signal-rules";
import { Prisma } from "../db/generated/client";
import type { ServiceContext, Tx } from "./context";

type Db = ServiceContext["prisma"] | Tx;

/** Lists and events carry this many newest live claims; the signal's own page carries all of them. */
export const CLAIMS_ON_CARDS = 20;

export const claimSelect = {
  id: true,
  signalId: true,
  quantity: true,
  status: true,
  promisedAt: true,
  note: true,
  lastProgressAt: true,
  createdAt: true,
  updatedAt: true,
  claimerId: true,
  claimer: { select: { id: true, name: true } },
  onBehalfOf: { select: { id: true, name: true, kind: true } },
} satisfies Prisma.ClaimSelect;

export type ClaimRow = Prisma.ClaimGetPayload<{ select: typeof claimSelect }>;

function signalSelect(allClaims: boolean) {
  return {
    id: true,
    kind: true,
    title: true,
    note: true,
    quantity: true,
    claimedQuantity: true,
    deliveredQuantity: true,
    status: true,
    locationName: true,
    lat: true,
    lng: true,
    dueAt: true,
    availableFrom: true,
    availableUntil: true,
    reinforcementCount: true,
    refreshedAt: true,
    createdAt: true,
    updatedAt: true,
    ownerId: true,
    board: { select: { slug: true, name: true } },
    resourceSpec: { select: { id: true, name: true, unit: true, category: true, designUrl: true, licence: true } },
    owner: { select: { id: true, name: true } },
    onBehalfOf: { select: { id: true, name: true, kind: true } },
    claims: allClaims
      ? { select: claimSelect, orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }] }
      : {
          select: claimSelect,
          where: { status: { in: [...LIVE_CLAIM_STATUSES] } },
          // Claims written in one batch share a timestamp: the id settles their order, here and in memory.
          orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }],
          take: CLAIMS_ON_CARDS,
        },
    _count: { select: { claims: { where: { status: { in: [...LIVE_CLAIM_STATUSES] } } } } },
  } satisfies Prisma.SignalSelect;
}

export type SignalRow = Prisma.SignalGetPayload<{ select: ReturnType<typeof signalSelect> }>;

export function claimToDto(
  c: ClaimRow,
  viewer?: { userId: string; signalOwnerId: string; kind: SignalDto["kind"] },
): ClaimDto {
  const dto: ClaimDto = {
    id: c.id,
    signalId: c.signalId,
    quantity: Number(c.quantity),
    status: c.status,
    promisedAt: c.promisedAt?.toISOString() ?? null,
    note: c.note,
    claimer: c.claimer,
    onBehalfOf: c.onBehalfOf,
    lastProgressAt: c.lastProgressAt.toISOString(),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
  if (viewer) {
    dto.allowedTransitions = allowedTransitions({
      kind: viewer.kind,
      claim: { status: c.status as ClaimStatus, quantity: Number(c.quantity), claimerId: c.claimerId },
      signalOwnerId: viewer.signalOwnerId,
      actorId: viewer.userId,
    });
  }
  return dto;
}

export function signalToDto(s: SignalRow, now: Date, config: IntensityConfig, viewerId?: string | null): SignalDto {
  const quantity = Number(s.quantity);
  const claimedQuantity = Number(s.claimedQuantity);
  const { intensity, parts } = computeIntensity(
    {
      kind: s.kind,
      quantity,
      claimedQuantity,
      dueAt: s.dueAt,
      availableUntil: s.availableUntil,
      reinforcementCount: s.reinforcementCount,
      refreshedAt: s.refreshedAt,
    },
    now,
    config,
  );
  const open = s.status === "open" || s.status === "claimed";
  const viewer = viewerId ? { userId: viewerId, signalOwnerId: s.ownerId, kind: s.kind } : undefined;
  return {
    id: s.id,
    board: s.board,
    kind: s.kind,
    resourceSpec: s.resourceSpec,
    title: s.title,
    note: s.note,
    quantity,
    unit: s.resourceSpec.unit,
    claimedQuantity,
    deliveredQuantity: Number(s.deliveredQuantity),
    remainingQuantity: remainingQuantity({ quantity, claimedQuantity }),
    status: s.status,
    // A withdrawn, expired or fulfilled signal asks nothing of anyone: it carries no heat.
    intensity: open ? intensity : 0,
    intensityParts: parts,
    location: s.lat !== null && s.lng !== null ? { name: s.locationName, lat: s.lat, lng: s.lng } : null,
    dueAt: s.dueAt?.toISOString() ?? null,
    availableFrom: s.availableFrom?.toISOString() ?? null,
    availableUntil: s.availableUntil?.toISOString() ?? null,
    reinforcementCount: s.reinforcementCount,
    refreshedAt: s.refreshedAt.toISOString(),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    owner: s.owner,
    onBehalfOf: s.onBehalfOf,
    liveClaimCount: s._count.claims,
    claims: s.claims.map((c) => claimToDto(c, viewer)),
  };
}

export async function loadSignalDto(
  db: Db,
  id: string,
  ctx: Pick<ServiceContext, "now" | "intensity">,
  opts: { allClaims?: boolean; viewerId?: string | null } = {},
): Promise<SignalDto | null> {
  const row = await db.signal.findUnique({ where: { id }, select: signalSelect(!!opts.allClaims) });
  return row ? signalToDto(row, ctx.now(), ctx.intensity, opts.viewerId) : null;
}

export async function loadSignalDtos(
  db: Db,
  ids: string[],
  ctx: Pick<ServiceContext, "now" | "intensity">,
  viewerId?: string | null,
): Promise<SignalDto[]> {
  const rows = await db.signal.findMany({ where: { id: { in: ids } }, select: signalSelect(false) });
  const byId = new Map(rows.map((r) => [r.id, signalToDto(r, ctx.now(), ctx.intensity, viewerId)]));
  return ids.map((id) => byId.get(id)).filter((s): s is SignalDto => !!s);
}

/** The signal rows (with the claims cards carry) that `signalToDto` turns into API shape, by id. */
export async function loadSignalRows(db: Db, ids: string[]): Promise<Map<string, SignalRow>> {
  const rows = await db.signal.findMany({ where: { id: { in: ids } }, select: signalSelect(false) });
  return new Map(rows.map((r) => [r.id, r]));
}

const newestFirst = (a: ClaimRow, b: ClaimRow) =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * The signal row as reading it back would give after `claim` was added to it with these totals: what a
 * batch of claims uses instead of re-reading the signal after each one.
 */
export function withClaimAdded(
  row: SignalRow,
  claim: ClaimRow,
  after: { claimedQuantity: number; status: SignalRow["status"]; updatedAt: Date },
): SignalRow {
  return {
    ...row,
    claimedQuantity: new Prisma.Decimal(after.claimedQuantity),
    status: after.status,
    updatedAt: after.updatedAt,
    claims: [claim, ...row.claims].sort(newestFirst).slice(0, CLAIMS_ON_CARDS),
    _count: { claims: row._count.claims + 1 },
  };
}

export async function loadClaimDto(db: Db, id: string): Promise<ClaimDto | null> {
  const row = await db.claim.findUnique({ where: { id }, select: claimSelect });
  return row ? claimToDto(row) : null;
}
