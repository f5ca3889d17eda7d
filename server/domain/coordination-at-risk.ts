// What is late or about to go wrong, for the coordinator's view (ADR 027). Pure: the service reads the
// candidates and passes the clock; these rules decide which are at risk, why, and in what order.
//
// - A need or order due within AT_RISK_DAYS (or already overdue), with something still undelivered, on
//   which no claim has started (none in progress, shipped or delivered): promises alone do not make goods.
// - A live claim past its promise that is not delivered. The promise is the claim's `promisedAt`; without
//   one, the due date of the need or order it claims (claiming a request accepts its date), or for a claim
//   that booked capacity weeks, the end of its last booked week. A claim with none of these promised no date
//   (the lapse rule still ends it when it shows no progress).
// - An open stock signal, posted for an organization and not linked to its inventory, offering a quantity
//   (what it said it had, less what was delivered) that differs from what the organization's ledger shows
//   on hand for that resource on the board. Organizations that keep no ledger of the resource are not
//   flagged: there is nothing to compare with.
import { compareQty, subQty } from "./quantity";
import type { CoordinationBoardDto } from "./coordination-query";
import { regionOf, type Region } from "./regions";

/** "Due soon": within a week, the horizon of the capacity calendars' weeks and of a workshop's plan. */
export const AT_RISK_DAYS = 7;

const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;

export type AtRiskKind = "need_unstarted" | "claim_late" | "stock_mismatch";

export interface BoardRefLite {
  slug: string;
  name: string;
}

export interface AtRiskItem {
  kind: AtRiskKind;
  board: BoardRefLite;
  /** Where to go: the signal's page (a claim is shown on its signal's page). */
  signalId: string;
  claimId: string | null;
  title: string;
  resourceSpecId: string;
  region: Region;
  reason: string;
  /** The date at stake (due date, promise); null for a stock mismatch. */
  at: string | null;
  /** Hours from now to `at`: negative when it has passed (late by), positive when still ahead. */
  hours: number | null;
}

interface Located {
  board: BoardRefLite;
  resourceSpecId: string;
  unit: string;
  place: string | null;
  orgPlace: string | null;
}

/** GET /coordination/at-risk. */
export interface AtRiskAnswer {
  boards: CoordinationBoardDto[];
  dueWithinDays: number;
  items: AtRiskItem[];
}

export interface NeedCandidate extends Located {
  id: string;
  kind: "need" | "order";
  title: string;
  dueAt: Date;
  quantity: number;
  claimed: number;
  delivered: number;
  /** Claims in progress, shipped or delivered. */
  startedClaims: number;
  /** Live claims not yet started (status claimed). */
  waitingClaims: number;
}

export interface ClaimCandidate extends Located {
  id: string;
  signalId: string;
  signalKind: "need" | "order" | "capacity" | "stock";
  title: string;
  status: "claimed" | "in_progress" | "shipped";
  quantity: number;
  promisedAt: Date | null;
  signalDueAt: Date | null;
  /** Monday of the last week the claim booked, for claims on rated capacity. */
  lastBookedWeek: Date | null;
  claimer: string;
}

export interface StockCandidate extends Located {
  id: string;
  title: string;
  quantity: number;
  delivered: number;
  organization: string;
  /** The organization's on-hand quantity of the resource on this board, every place together. */
  ledgerOnHand: number;
}

export interface AtRiskFilter {
  resource?: string | undefined;
  region?: string | undefined;
}

const fmt = (n: number, unit: string) => `${n} ${unit}`;
const hoursBetween = (at: Date, now: Date) => Math.round(((at.getTime() - now.getTime()) / HOUR_MS) * 10) / 10;

export function needAtRisk(n: NeedCandidate, now: Date): AtRiskItem | null {
  if (n.dueAt.getTime() > now.getTime() + AT_RISK_DAYS * 24 * HOUR_MS) return null;
  const undelivered = subQty(n.quantity, n.delivered);
  if (compareQty(undelivered, 0) <= 0 || n.startedClaims > 0) return null;
  const unclaimed = Math.max(0, subQty(n.quantity, n.claimed));
  const who =
    n.waitingClaims === 0
      ? "nobody has claimed it"
      : `${n.waitingClaims} claim${n.waitingClaims === 1 ? "" : "s"} for ${fmt(subQty(n.claimed, n.delivered), n.unit)}, none started`;
  const reason = `${fmt(undelivered, n.unit)} still to deliver, ${who}${n.waitingClaims > 0 && unclaimed > 0 ? `, ${fmt(unclaimed, n.unit)} unclaimed` : ""}`;
  return item("need_unstarted", n, { signalId: n.id, claimId: null, title: n.title, reason, at: n.dueAt, now });
}

/** What a claim promised, and where the promise came from; null when it promised no date. */
export function promiseOf(c: ClaimCandidate): { at: Date; source: string } | null {
  if (c.promisedAt) return { at: c.promisedAt, source: "its promised date" };
  if ((c.signalKind === "need" || c.signalKind === "order") && c.signalDueAt) return { at: c.signalDueAt, source: `the ${c.signalKind}'s due date` };
  if (c.lastBookedWeek) return { at: new Date(c.lastBookedWeek.getTime() + WEEK_MS), source: "the end of its last booked week" };
  return null;
}

const STATUS_TEXT: Record<ClaimCandidate["status"], string> = { claimed: "not started", in_progress: "in progress", shipped: "shipped, not received" };

export function claimLate(c: ClaimCandidate, now: Date): AtRiskItem | null {
  const promise = promiseOf(c);
  if (!promise || promise.at.getTime() >= now.getTime()) return null;
  const reason = `${c.claimer}'s claim of ${fmt(c.quantity, c.unit)} is past ${promise.source} and still ${STATUS_TEXT[c.status]}`;
  return item("claim_late", c, { signalId: c.signalId, claimId: c.id, title: c.title, reason, at: promise.at, now });
}

export function stockMismatch(s: StockCandidate, now: Date): AtRiskItem | null {
  const offered = subQty(s.quantity, s.delivered);
  if (compareQty(offered, s.ledgerOnHand) === 0) return null;
  const reason = `Offers ${fmt(offered, s.unit)}; ${s.organization}'s ledger shows ${fmt(s.ledgerOnHand, s.unit)} on hand (link the signal to the inventory to keep them together)`;
  return item("stock_mismatch", s, { signalId: s.id, claimId: null, title: s.title, reason, at: null, now });
}

function item(
  kind: AtRiskKind,
  where: Located,
  x: { signalId: string; claimId: string | null; title: string; reason: string; at: Date | null; now: Date },
): AtRiskItem {
  return {
    kind,
    board: where.board,
    signalId: x.signalId,
    claimId: x.claimId,
    title: x.title,
    resourceSpecId: where.resourceSpecId,
    region: regionOf(where.place, where.orgPlace),
    reason: x.reason,
    at: x.at ? x.at.toISOString() : null,
    hours: x.at ? hoursBetween(x.at, x.now) : null,
  };
}

/**
 * Everything at risk, most urgent first: dated items by their date (the longest overdue first, then what
 * falls due soonest), then stock mismatches (which have no date and will not get worse by waiting a day).
 */
export function atRiskOf(args: {
  needs: NeedCandidate[];
  claims: ClaimCandidate[];
  stock: StockCandidate[];
  now: Date;
  filter: AtRiskFilter;
}): AtRiskItem[] {
  const items = [
    ...args.needs.map((n) => needAtRisk(n, args.now)),
    ...args.claims.map((c) => claimLate(c, args.now)),
    ...args.stock.map((s) => stockMismatch(s, args.now)),
  ].filter((i): i is AtRiskItem => i !== null);
  return items
    .filter((i) => (!args.filter.resource || i.resourceSpecId === args.filter.resource) && (!args.filter.region || i.region.key === args.filter.region))
    .sort((a, b) => {
      if (a.at && b.at) return Date.parse(a.at) - Date.parse(b.at) || a.title.localeCompare(b.title);
      if (a.at) return -1;
      if (b.at) return 1;
      return a.title.localeCompare(b.title);
    });
}
