// Intensity: the stigmergic heat of a signal, shown on the board and used to sort it. Like a
// pheromone trail it is strengthened by what the signal still asks for and by others joining in, and
// it evaporates unless someone refreshes it, so stale signals fade and finally expire without anyone
// having to clean the board. It is always explained: the parts and a sentence travel with the number.
//
//   unmet         = remaining / quantity, in [0, 1]. A fully claimed signal has no pull left.
//   urgency       in [0, 1], from the due date (need, order) or the end of availability (capacity,
//                 stock): 0 at urgencyHorizonHours ahead, rising linearly to 1 at the date, and it stops
//                 rising there. Without a date it is a modest 0.2: not urgent, but not nothing either.
//   overdueFade   in [0, 1]: 1 until the date. After it, a request fades with the signal's own
//                 half-life (0.5 ^ (overdueHours / halfLifeHours)): overdue by an hour it still pulls,
//                 overdue by weeks it is no longer the hottest thing on the board. An offer whose
//                 availability has ended offers nothing any more: 0.
//   reinforcement = 1 - exp(-count / reinforcementSaturation). The first few "we need this too" add
//                 the most; a hundred more do not drown out everything else on the board.
//   freshness     = 0.5 ^ (hoursSinceRefresh / halfLifeHours): pheromone evaporation. Refreshing a
//                 signal resets it to 1; below expireBelow the signal has evaporated and expires.
//
//   intensity = freshness × unmet × overdueFade × (0.5 + 0.3·urgency + 0.2·reinforcement)
//
// The weights sum to 1 and every part is in [0, 1], so intensity is in [0, 1]. Freshness, unmet and
// overdueFade multiply rather than add because each alone should be able to silence a signal: an old,
// unrefreshed signal, a fully claimed one, or one long past its date should not glow however urgent it
// once was. Urgency and reinforcement only modulate, with a 0.5 floor, so an open, fresh signal is always
// visible. Refreshing does not undo overdueFade: the remedy for an overdue request is a new due date.
// Intensity and parts are rounded to 3 decimals so that equal inputs give equal, printable numbers.
// The board's list computes the same score in SQL (server/services/intensity-sql.ts); ADR 014.
import { roundQty, subQty } from "./quantity";
import { isRequestKind, type SignalKind } from "./signal-rules";

export interface IntensityConfig {
  halfLifeHours: number;
  urgencyHorizonHours: number;
  expireBelow: number;
  reinforcementSaturation: number;
}

export const defaultIntensityConfig: IntensityConfig = {
  halfLifeHours: 168, // 7 days: a weekly check-in keeps a signal warm
  urgencyHorizonHours: 336, // 14 days: further out than that, a date is not pressing yet
  expireBelow: 0.05, // ~4.3 half-lives ≈ 30 days without a refresh
  reinforcementSaturation: 3,
};

/** Shares of the bracket (base + urgency + reinforcement); the base is what unmet demand alone earns. */
export const INTENSITY_WEIGHTS = { unmet: 0.5, urgency: 0.3, reinforcement: 0.2 } as const;

/** Urgency of a signal with no due date or end of availability. */
export const UNDATED_URGENCY = 0.2;

export interface IntensityInput {
  kind: SignalKind;
  quantity: number;
  claimedQuantity: number;
  dueAt: Date | null;
  availableUntil: Date | null;
  reinforcementCount: number;
  refreshedAt: Date;
}

export interface IntensityParts {
  unmet: number;
  urgency: number;
  reinforcement: number;
  freshness: number;
  /** 1 until the due date (end of availability); after it, how much of the heat is left. */
  overdueFade: number;
  hoursSinceRefresh: number;
  hoursUntilDue: number | null;
  /** Hours since the due date (end of availability) passed; null before it or without a date. */
  overdueHours: number | null;
  weights: { unmet: number; urgency: number; reinforcement: number };
  explanation: string;
}

const HOUR_MS = 3_600_000;

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The date that makes a signal urgent: when a request is due, or when an offer stops being available. */
function urgencyDate(input: IntensityInput): Date | null {
  return isRequestKind(input.kind) ? input.dueAt : input.availableUntil;
}

function freshnessOf(input: IntensityInput, now: Date, config: IntensityConfig): { hours: number; freshness: number } {
  // A refreshedAt slightly in the future (clock skew between app instances) counts as just refreshed.
  const hours = Math.max(0, (now.getTime() - input.refreshedAt.getTime()) / HOUR_MS);
  return { hours, freshness: Math.pow(0.5, hours / config.halfLifeHours) };
}

/** The parts, unrounded. Every operation here has its twin in intensity-sql.ts, in the same order. */
function rawParts(input: IntensityInput, now: Date, config: IntensityConfig) {
  const remaining = Math.max(0, subQty(input.quantity, input.claimedQuantity));
  const unmet = input.quantity > 0 ? clamp01(remaining / roundQty(input.quantity)) : 0;

  const date = urgencyDate(input);
  const hoursUntilDue = date ? (date.getTime() - now.getTime()) / HOUR_MS : null;
  const urgency = hoursUntilDue === null ? UNDATED_URGENCY : clamp01(1 - hoursUntilDue / config.urgencyHorizonHours);
  // An offer is over at the end of its availability; a request is overdue only once its date has passed.
  const ended = hoursUntilDue !== null && !isRequestKind(input.kind) && hoursUntilDue <= 0;
  const overdueHours = hoursUntilDue !== null && hoursUntilDue < 0 ? -hoursUntilDue : null;
  const overdueFade = ended ? 0 : overdueHours === null ? 1 : Math.pow(0.5, overdueHours / config.halfLifeHours);

  const count = Math.max(0, input.reinforcementCount);
  const reinforcement = 1 - Math.exp(-count / config.reinforcementSaturation);

  const { hours: hoursSinceRefresh, freshness } = freshnessOf(input, now, config);

  const w = INTENSITY_WEIGHTS;
  const score = clamp01(freshness * unmet * overdueFade * (w.unmet + w.urgency * urgency + w.reinforcement * reinforcement));
  return { score, unmet, urgency, reinforcement, freshness, overdueFade, hoursSinceRefresh, hoursUntilDue, overdueHours, ended, count };
}

/**
 * The intensity before rounding: what the board's list orders by. The SQL twin computes this number;
 * tests hold the two equal on random inputs.
 */
export function intensityScore(input: IntensityInput, now: Date, config: IntensityConfig = defaultIntensityConfig): number {
  return rawParts(input, now, config).score;
}

export function computeIntensity(
  input: IntensityInput,
  now: Date,
  config: IntensityConfig = defaultIntensityConfig,
): { intensity: number; parts: IntensityParts } {
  const r = rawParts(input, now, config);
  const parts: IntensityParts = {
    unmet: round3(r.unmet),
    urgency: round3(r.urgency),
    reinforcement: round3(r.reinforcement),
    freshness: round3(r.freshness),
    overdueFade: round3(r.overdueFade),
    hoursSinceRefresh: round3(r.hoursSinceRefresh),
    hoursUntilDue: r.hoursUntilDue === null ? null : round3(r.hoursUntilDue),
    overdueHours: r.overdueHours === null ? null : round3(r.overdueHours),
    weights: { ...INTENSITY_WEIGHTS },
    explanation: "",
  };
  parts.explanation = explain(input.kind, parts, r.count, r.ended);
  return { intensity: round3(r.score), parts };
}

/** Freshness has fallen below the threshold: the signal should expire. */
export function hasEvaporated(input: IntensityInput, now: Date, config: IntensityConfig = defaultIntensityConfig): boolean {
  return freshnessOf(input, now, config).freshness < config.expireBelow;
}

/** Hours after a refresh at which a signal evaporates, for scheduling the expiry sweep. */
export function hoursUntilEvaporation(config: IntensityConfig = defaultIntensityConfig): number {
  return config.halfLifeHours * Math.log2(1 / config.expireBelow);
}

/** "3 hours", "2 days", "less than an hour": precise enough to act on, short enough for a card. */
export function formatHours(hours: number): string {
  const h = Math.abs(hours);
  if (h < 1) return "less than an hour";
  if (h < 23.5) {
    const n = Math.round(h);
    return n === 1 ? "1 hour" : `${n} hours`;
  }
  const days = Math.round(h / 24);
  return days === 1 ? "1 day" : `${days} days`;
}

function explain(kind: SignalKind, p: IntensityParts, reinforcementCount: number, ended: boolean): string {
  const bits: string[] = [];
  // An ended offer has no heat whatever its other parts say: give that reason first.
  if (ended) bits.push(`availability ${p.hoursUntilDue! > -1 ? "ends now" : `ended ${formatHours(p.hoursUntilDue!)} ago`}: no heat`);
  bits.push(p.unmet === 0 ? "fully claimed" : `${Math.round(p.unmet * 100)}% unmet`);

  const isRequest = isRequestKind(kind);
  const u = `(urgency ${p.urgency})`;
  if (p.hoursUntilDue === null) {
    bits.push(`${isRequest ? "no due date" : "no end of availability"} ${u}`);
  } else if (p.hoursUntilDue > 0) {
    bits.push(`${isRequest ? "due in" : "available for"} ${formatHours(p.hoursUntilDue)} ${u}`);
  } else if (!isRequest) {
    // Said above.
  } else if (p.hoursUntilDue > -1) {
    bits.push(`due now ${u}`);
  } else {
    bits.push(`overdue by ${formatHours(p.hoursUntilDue)}, fading (${Math.round(p.overdueFade * 100)}% left)`);
  }

  bits.push(reinforcementCount > 0 ? `reinforced by ${reinforcementCount}` : "not yet reinforced");
  bits.push(`${Math.round(p.freshness * 100)}% fresh`);
  return bits.join(" · ");
}
