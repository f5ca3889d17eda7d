// Loads signals and claims in the shape of the API (SignalDto, ClaimDto), with intensity computed at `now`.
import type { ClaimDto, SignalDto } from "../domain/dto";
import { computeIntensity, type IntensityConfig } from "../domain/intensity";
import { LIVE_CLAIM_STATUSES, allowedTransitions, type ClaimStatus } from "../domain/claim-lifecycle";
import { remainingQuantity } from "../domain/signal-rules";
import { Prisma } from "../db/generated/client";
import type { ServiceContext, Tx } from "./context";
import { calendarOf, weekKeyOf, type WeekKey } from "../domain/capacity-calendar";
import { loadBookedWeeks } from "./bookings";

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
  bookings: { select: { weekStart: true, quantity: true }, orderBy: { weekStart: "asc" } },
} satisfies Prisma.ClaimSelect;

type ClaimPayload = Prisma.ClaimGetPayload<{ select: typeof claimSelect }>;
/** A claim as read; `bookings` is there where the claim is read whole (not on cards, which show totals). */
export type ClaimRow = Omit<ClaimPayload, "bookings"> & { bookings?: ClaimPayload["bookings"] };

/** The signal's own columns a card shows (its relations are in `signalSelect`). */
export const signalColumnsSelect = {
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
  rateQuantity: true,
  ratePeriod: true,
  refreshedAt: true,
  createdAt: true,
  updatedAt: true,
  ownerId: true,
} satisfies Prisma.SignalSelect;

const signalSelect = {
  ...signalColumnsSelect,
  board: { select: { slug: true, name: true } },
  resourceSpec: { select: { id: true, name: true, unit: true, divisible: true, category: true, designUrl: true, licence: true } },
  owner: { select: { id: true, name: true } },
  onBehalfOf: { select: { id: true, name: true, kind: true } },
  // The organization itself is looked up only for the few signals that follow one (inventoryNames): a
  // fifth joined relation on every card cost the 10,000-signal board's first page 3-6 ms at p95.
  inventoryOfId: true,
} satisfies Prisma.SignalSelect;

/** Claims newest first; claims written in one batch share a timestamp, so the id settles their order. */
const newestFirst = (a: ClaimRow, b: ClaimRow) =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * A signal with the claims its view carries (all of them, or the newest live ones on cards and events)
 * and how many of its claims are live.
 */
type SignalPayload = Prisma.SignalGetPayload<{ select: typeof signalSelect }>;
export type SignalRow = Omit<SignalPayload, "inventoryOfId" | "onBehalfOf"> & {
  /** `verified`: the signal's board verified the organization (ADR 030), read once per page of signals. */
  onBehalfOf: (NonNullable<SignalPayload["onBehalfOf"]> & { verified: boolean }) | null;
  /** Read with the signal when it is loaded; a signal built in memory (just created) follows no inventory. */
  inventoryOf?: { id: string; name: string; kind: string } | null;
  claims: ClaimRow[];
  liveClaimCount: number;
  /** What live claims booked of each week (rated capacity only; empty otherwise). */
  booked: ReadonlyMap<WeekKey, number>;
};

const isLive = (status: string) => (LIVE_CLAIM_STATUSES as readonly string[]).includes(status);

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
  if (c.bookings?.length) dto.bookings = c.bookings.map((b) => ({ week: weekKeyOf(b.weekStart), quantity: Number(b.quantity) }));
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
    inventoryOf: s.inventoryOf ?? null,
    liveClaimCount: s.liveClaimCount,
    claims: s.claims.map((c) => claimToDto(c, viewer)),
    ...rateAndCalendar(s, now),
  };
}

/** A rated capacity signal's rate and its weeks from the current one on (past weeks take no bookings). */
function rateAndCalendar(s: SignalRow, now: Date): Pick<SignalDto, "rate" | "calendar"> {
  if (s.rateQuantity === null || s.ratePeriod === null || !s.availableUntil) return { rate: null, calendar: null };
  const rate = { quantity: Number(s.rateQuantity), period: s.ratePeriod };
  const current = weekKeyOf(now);
  const calendar = calendarOf({ rate, availableFrom: s.availableFrom, availableUntil: s.availableUntil, createdAt: s.createdAt, booked: s.booked });
  return { rate, calendar: calendar.filter((w) => w.week >= current) };
}

export async function loadSignalDto(
  db: Db,
  id: string,
  ctx: Pick<ServiceContext, "now" | "intensity">,
  opts: { allClaims?: boolean; viewerId?: string | null } = {},
): Promise<SignalDto | null> {
  let row: SignalRow | undefined;
  if (opts.allClaims) {
    const found = await db.signal.findUnique({
      where: { id },
      select: { ...signalSelect, claims: { select: claimSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
    });
    const booked = found?.ratePeriod ? (await loadBookedWeeks(db, [id])).get(id) : undefined;
    const inventories = found ? await inventoryNames(db, [found]) : new Map();
    const verified = found ? await verifiedSignals(db, [found]) : new Set<string>();
    row = found
      ? {
          ...found,
          onBehalfOf: withVerified(found, verified),
          inventoryOf: found.inventoryOfId ? (inventories.get(found.inventoryOfId) ?? null) : null,
          liveClaimCount: found.claims.filter((c) => isLive(c.status)).length,
          booked: booked ?? new Map(),
        }
      : undefined;
  } else {
    row = (await loadSignalRows(db, [id])).get(id);
  }
  return row ? signalToDto(row, ctx.now(), ctx.intensity, opts.viewerId) : null;
}

export async function loadSignalDtos(
  db: Db,
  ids: string[],
  ctx: Pick<ServiceContext, "now" | "intensity">,
  viewerId?: string | null,
): Promise<SignalDto[]> {
  const rows = await loadSignalRows(db, ids);
  return ids.flatMap((id) => {
    const row = rows.get(id);
    return row ? [signalToDto(row, ctx.now(), ctx.intensity, viewerId)] : [];
  });
}

/** The signal rows with the claims cards carry, by id: what `signalToDto` turns into API shape. */
export async function loadSignalRows(db: Db, ids: string[]): Promise<Map<string, SignalRow>> {
  if (ids.length === 0) return new Map();
  // Sequential on purpose: `db` may be a transaction, whose single connection cannot overlap queries.
  const rows = await db.signal.findMany({ where: { id: { in: ids } }, select: signalSelect });
  const claims = await loadNewestLiveClaims(db, ids);
  // A card's claims are the whole live count unless there are more than it shows: count only those.
  const crowded = ids.filter((id) => claims.get(id)?.more);
  const counts = crowded.length ? await countLiveClaims(db, crowded) : new Map<string, number>();
  const rated = rows.filter((r) => r.ratePeriod).map((r) => r.id);
  const booked = rated.length ? await loadBookedWeeks(db, rated) : new Map<string, Map<WeekKey, number>>();
  const inventories = await inventoryNames(db, rows);
  const verified = await verifiedSignals(db, rows);
  return new Map(
    rows.map((r) => {
      const newest = claims.get(r.id)?.newest ?? [];
      const inventoryOf = r.inventoryOfId ? (inventories.get(r.inventoryOfId) ?? null) : null;
      return [r.id, { ...r, onBehalfOf: withVerified(r, verified), inventoryOf, claims: newest, liveClaimCount: counts.get(r.id) ?? newest.length, booked: booked.get(r.id) ?? new Map() }];
    }),
  );
}

/** The organizations whose inventory some of these signals follow (no query when none does). */
async function inventoryNames(db: Db, rows: Array<{ inventoryOfId: string | null }>) {
  const ids = [...new Set(rows.flatMap((r) => (r.inventoryOfId ? [r.inventoryOfId] : [])))];
  if (ids.length === 0) return new Map<string, { id: string; name: string; kind: string }>();
  const orgs = await db.organization.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, kind: true } });
  return new Map(orgs.map((o) => [o.id, o]));
}

/**
 * Which of these signals speak for an organization their own board has verified (ADR 030): one indexed
 * query for the whole page (the verifications' key is organization then board), and none when no signal
 * of the page speaks for an organization, so the board's list pays nothing for boards without them.
 */
async function verifiedSignals(db: Db, rows: Array<{ id: string; onBehalfOf: { id: string } | null }>): Promise<Set<string>> {
  const ids = rows.flatMap((r) => (r.onBehalfOf ? [r.id] : []));
  if (ids.length === 0) return new Set();
  const found = await db.$queryRaw<Array<{ id: string }>>`
    SELECT s.id::text AS id FROM signals s
      JOIN organization_verifications v ON v."organizationId" = s."onBehalfOfId" AND v."boardId" = s."boardId"
     WHERE s.id = ANY(${ids}::uuid[])`;
  return new Set(found.map((r) => r.id));
}

function withVerified(r: { id: string; onBehalfOf: SignalPayload["onBehalfOf"] }, verified: Set<string>): SignalRow["onBehalfOf"] {
  return r.onBehalfOf ? { ...r.onBehalfOf, verified: verified.has(r.id) } : null;
}

async function countLiveClaims(db: Db, signalIds: string[]): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<Array<{ signalId: string; n: number }>>`
    SELECT "signalId"::text AS "signalId", count(*)::int AS n FROM claims
     WHERE "signalId" = ANY(${signalIds}::uuid[]) AND status = ANY(${[...LIVE_CLAIM_STATUSES]}::text[]::"ClaimStatus"[])
     GROUP BY "signalId"`;
  return new Map(rows.map((r) => [r.signalId, Number(r.n)]));
}

/**
 * The newest live claims of each signal, at most CLAIMS_ON_CARDS each, and whether it has more. Hand-written
 * because Prisma's nested `take` builds every claim of a signal before keeping 20, which made a signal with
 * hundreds of claims cost tens of milliseconds to show; this walks the (signalId, createdAt, id) index
 * backwards, one claim further than a card shows, so that only signals with more live claims than a card
 * shows need counting (counting every card's took the card statement of a 10,000-signal board's first page
 * from 5.2 to 6.6 ms inside PGlite).
 */
async function loadNewestLiveClaims(db: Db, signalIds: string[]): Promise<Map<string, { newest: ClaimRow[]; more: boolean }>> {
  const rows = await db.$queryRaw<
    Array<Omit<ClaimRow, "claimer" | "onBehalfOf" | "status"> & {
      status: ClaimRow["status"];
      claimerName: string;
      orgId: string | null;
      orgName: string | null;
      orgKind: NonNullable<ClaimRow["onBehalfOf"]>["kind"] | null;
    }>
  >`SELECT c.id::text AS id, c."signalId"::text AS "signalId", c.quantity, c.status::text AS status, c."promisedAt",
           c.note, c."lastProgressAt", c."createdAt", c."updatedAt", c."claimerId"::text AS "claimerId",
           u.name AS "claimerName", o.id::text AS "orgId", o.name AS "orgName", o.kind::text AS "orgKind"
      FROM unnest(${signalIds}::uuid[]) AS s(id)
     CROSS JOIN LATERAL (
           SELECT * FROM claims
            WHERE "signalId" = s.id AND status = ANY(${[...LIVE_CLAIM_STATUSES]}::text[]::"ClaimStatus"[])
            ORDER BY "createdAt" DESC, id DESC
            LIMIT ${CLAIMS_ON_CARDS + 1}::int) c
      JOIN users u ON u.id = c."claimerId"
      LEFT JOIN organizations o ON o.id = c."onBehalfOfId"`;
  const bySignal = new Map<string, ClaimRow[]>();
  for (const { claimerName, orgId, orgName, orgKind, ...c } of rows) {
    const claim: ClaimRow = {
      ...c,
      claimer: { id: c.claimerId, name: claimerName },
      onBehalfOf: orgId ? { id: orgId, name: orgName!, kind: orgKind! } : null,
    };
    bySignal.set(c.signalId, [...(bySignal.get(c.signalId) ?? []), claim]);
  }
  return new Map(
    [...bySignal].map(([id, list]) => {
      list.sort(newestFirst);
      return [id, { newest: list.slice(0, CLAIMS_ON_CARDS), more: list.length > CLAIMS_ON_CARDS }];
    }),
  );
}

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
    liveClaimCount: row.liveClaimCount + 1,
  };
}

export async function loadClaimDto(db: Db, id: string): Promise<ClaimDto | null> {
  const row = await db.claim.findUnique({ where: { id }, select: claimSelect });
  return row ? claimToDto(row) : null;
}
