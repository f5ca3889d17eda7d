// The JSON shapes of API v1 answers and realtime events, shared by the server (which builds them) and
// the browser (which reads them). Types only: dates travel as ISO strings.
import type { IntensityParts } from "./intensity";

export type SignalKindDto = "need" | "capacity" | "stock" | "order";
export type SignalStatusDto = "open" | "claimed" | "fulfilled" | "withdrawn" | "expired";
export type ClaimStatusDto = "claimed" | "in_progress" | "shipped" | "delivered" | "released" | "lapsed";

export interface AgentRef {
  id: string;
  name: string;
}

export interface OrgRef extends AgentRef {
  kind: string;
}

/** The organization a signal speaks for, and whether the signal's board has verified it (ADR 030). */
export interface SignalOrgRef extends OrgRef {
  verified: boolean;
}

export interface LocationDto {
  name: string | null;
  lat: number;
  lng: number;
}

export interface ResourceSpecDto {
  id: string;
  name: string;
  unit: string;
  /** true: the unit can be split (kg, m, h); false: it is counted (each, run) and takes whole numbers only.
   * Events written before this field existed lack it: read it with `isDivisible` (the unit decides). */
  divisible: boolean;
  category: string | null;
  designUrl: string | null;
  licence: string | null;
}

/** The parts behind a signal's intensity, exactly as the domain computes them. */
export type IntensityPartsDto = IntensityParts;

export interface ClaimDto {
  id: string;
  signalId: string;
  quantity: number;
  status: ClaimStatusDto;
  promisedAt: string | null;
  note: string | null;
  claimer: AgentRef;
  onBehalfOf: OrgRef | null;
  lastProgressAt: string;
  createdAt: string;
  updatedAt: string;
  /** What the current viewer may move this claim to (only on answers made for a signed-in viewer). */
  allowedTransitions?: ClaimStatusDto[];
  /** The weeks a claim on a rated capacity signal books, where the claim is shown whole (not on cards). */
  bookings?: BookingDto[];
}

export interface BookingDto {
  /** ISO week, "2026-W49". */
  week: string;
  quantity: number;
}

export interface CalendarWeekDto {
  week: string;
  /** Monday 00:00 UTC. */
  startsAt: string;
  capacity: number;
  booked: number;
  free: number;
}

export interface SignalDto {
  id: string;
  board: { slug: string; name: string };
  kind: SignalKindDto;
  resourceSpec: ResourceSpecDto;
  title: string;
  note: string | null;
  quantity: number;
  unit: string;
  claimedQuantity: number;
  deliveredQuantity: number;
  remainingQuantity: number;
  status: SignalStatusDto;
  intensity: number;
  intensityParts: IntensityPartsDto;
  location: LocationDto | null;
  /** Kilometres from the `near` point of the query, when one was given. */
  distanceKm?: number;
  dueAt: string | null;
  availableFrom: string | null;
  availableUntil: string | null;
  reinforcementCount: number;
  refreshedAt: string;
  createdAt: string;
  updatedAt: string;
  owner: AgentRef;
  /** `verified`: this board's stewards verified the organization (ADR 030); cards show a badge. */
  onBehalfOf: SignalOrgRef | null;
  /** A stock signal whose quantity follows this organization's on-hand stock in the board's ledger (ADR 022). */
  inventoryOf?: OrgRef | null;
  /** How many live claims (claimed, in_progress, shipped, delivered) the signal has. */
  liveClaimCount: number;
  /** On lists and events: the 20 newest live claims. On GET /signals/:id: every claim, with
   * `allowedTransitions` for the viewer. */
  claims: ClaimDto[];
  /** A capacity signal's rate per week, or null when it has none (capacity calendars). */
  rate: { quantity: number; period: "week" } | null;
  /** A rated signal's weeks from the current one to the end of availability, booked against free. */
  calendar: CalendarWeekDto[] | null;
}

export interface SignalPage {
  items: SignalDto[];
  nextCursor: string | null;
}

export type BoardEventType =
  | "signal.created"
  | "signal.updated"
  | "signal.refreshed"
  | "signal.reinforced"
  | "signal.withdrawn"
  | "signal.expired"
  | "claim.created"
  | "claim.transitioned"
  | "claim.lapsed"
  /** A CSV import added many signals at once (ADR 023): `data` has the counts, not the signals; clients reload lists. */
  | "signals.imported"
  | "member.joined"
  | "member.left"
  | "member.removed"
  /** An economic event was appended to the board's ledger: `data` is LedgerRecordedData (ledger-schemas.ts). */
  | "ledger.recorded"
  /** A steward verified an organization for this board, or withdrew that: `data` is OrganizationVerificationEventData. */
  | "organization.verified"
  | "organization.unverified"
  /** Planning sessions (ADR 036): `data` is PlanningEventData; clients ask for the session again. */
  | "planning.session_opened"
  | "planning.run_completed"
  | "planning.line_answered"
  | "planning.plan_adopted"
  | "planning.session_closed";

/** The `data` of planning.* events: the session and counts, never the lines themselves. */
export interface PlanningEventData {
  sessionId: string;
  title: string;
  [key: string]: unknown;
}

export interface BoardEventDto {
  seq: number;
  /** The board's slug, so a client on several boards can tell streams apart. */
  board: string;
  type: BoardEventType;
  at: string;
  actor: AgentRef | null;
  /** For signal.* and claim.* events: `{signal: SignalDto, claim?: ClaimDto}` as they stood after the change.
   * For member.* events: `{member}`, the person who joined, left or was removed (by `actor`).
   * For ledger.recorded: `{ledgerEvent, inventory}` (LedgerRecordedData). */
  data: { signal?: SignalDto; claim?: ClaimDto; member?: AgentRef; [key: string]: unknown };
}

export interface BoardSummaryDto {
  slug: string;
  name: string;
  visibility: "public" | "members";
  licence: string;
  memberCount: number;
}

export interface BoardDto extends BoardSummaryDto {
  covenant: string;
  lastSeq: number;
  /** The viewer's role on this board, or null when not a member. */
  myRole: "steward" | "member" | null;
}

/** A member of a board, as its other members see them. */
export interface BoardMemberDto {
  userId: string;
  name: string;
  role: "steward" | "member";
  joinedAt: string;
}

export interface MeDto {
  id: string;
  email: string;
  name: string;
  organizations: Array<OrgRef & { role: "admin" | "member"; locationName: string | null; lat: number | null; lng: number | null }>;
  boards: Array<{ slug: string; name: string; role: "steward" | "member" }>;
}

/** A named place the board knows, for picking a location by name (GET /places). */
export interface PlaceDto {
  name: string;
  lat: number;
  lng: number;
  /** The organization whose place this is, when it is one; otherwise a place signals were posted at. */
  organization: OrgRef | null;
  /** How many readable signals were posted at it: the more used, the higher it is suggested. */
  uses: number;
}

export interface OrganizationDto extends OrgRef {
  location: LocationDto | null;
  createdAt: string;
  members: Array<AgentRef & { role: "admin" | "member" }>;
  /** The boards (that the viewer can read) whose stewards verified it. */
  verifications: OrganizationVerificationDto[];
}

/** One board's stewards vouch for an organization, for that board (ADR 030). */
export interface OrganizationVerificationDto {
  board: { slug: string; name: string };
  verifiedAt: string;
  note: string | null;
}

/** The `data` of organization.verified / organization.unverified events. */
export interface OrganizationVerificationEventData {
  organization: OrgRef;
  /** The verification as it now stands; null once withdrawn. */
  verification: OrganizationVerificationDto | null;
  note: string | null;
  [key: string]: unknown;
}

/** An organization in the directory (GET /organizations): never its members (ADR 030). */
export interface OrganizationSummaryDto extends OrgRef {
  location: LocationDto | null;
  createdAt: string;
  /** Of the boards the listing covers (readable by the viewer), those that verified it. */
  verifications: OrganizationVerificationDto[];
}

export interface OrganizationPage {
  items: OrganizationSummaryDto[];
  nextCursor: string | null;
}

/** Where an organization's contribution went (GET /organizations/:id/lineage, ADR 031). */
export interface LineageDto {
  organization: OrgRef;
  /** The boards whose ledgers were followed. */
  boards: Array<{ slug: string; name: string }>;
  maxHops: number;
  items: LineageItemDto[];
}

export interface LineageItemDto {
  resourceSpec: { id: string; name: string; unit: string };
  produced: number;
  received: number;
  given: number;
  /** The origin's share used up (consume) or written off (lower) by those it reached. */
  consumed: number;
  beyondHorizon: number;
  flows: Array<{ from: OrgRef; to: OrgRef | null; action: "transfer" | "transferCustody" | "consume" | "lower"; hop: number; quantity: number }>;
  holdings: Array<{ agent: OrgRef; quantity: number }>;
}

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string[]>; [key: string]: unknown };
}

/** The answer to a CSV import of signals (POST /boards/:slug/import/signals). */
export interface ImportResult {
  /** Signals written (or, on a dry run, that would be). */
  created: number;
  /** Rows whose external_id the board already holds: left as they are. */
  unchanged: number;
  resourcesCreated: number;
  rows: number;
  dryRun: boolean;
  ms: number;
}
