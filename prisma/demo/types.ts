// Demo data for Stigmergy Board: the types every demo file shares, and the conventions they keep.
//
// Pure data and types: no Prisma, no clock. Every time is an offset in hours relative to the "now" the
// seed runner passes in (negative = in the past). The runner creates everything through the app's real
// services, in this order: users -> organizations -> boards (+ members) -> resource specs -> signals ->
// reinforcements -> claims (+ transitions along `path`) -> withdrawals.
//
// The scenario is modelled on the 2020 maker response to the PPE shortage (face shields, ear savers,
// masks and gowns made by makerspaces for clinics), a regional network of fab labs sharing CNC, laser and
// printer hours, and a textile cooperative sharing fabric, elastic and sewing time between hubs.
// Cities: Berlin, Barcelona, Lyon, Manchester, Milan. All organizations and people are invented.
//
// Conventions the runner can rely on (checked by prisma/seed-data.test.ts):
// - DemoBoard.memberKeys does NOT repeat the steward; board membership = stewardKey + memberKeys.
// - DemoOrg.memberKeys does NOT repeat the admin; org membership = adminKey + memberKeys.
// - A claim's state is the last entry of `path`, or "claimed" when `path` is empty. Paths only use the
//   transitions claimed -> in_progress -> shipped -> delivered (in_progress may be skipped), and
//   claimed -> released / claimed -> lapsed.
// - ageHours: the signal was created and last refreshed `ageHours` ago. dueInHours, availableFromHours,
//   availableUntilHours and promisedInHours are relative to now; none of them lies before the signal's
//   creation (dueInHours > -ageHours). Overdue needs/orders therefore have a negative dueInHours.
// - The sum of a signal's live claims (every state but released/lapsed) never exceeds its quantity.
// - Withdrawn signals carry no claims and no reinforcements.

export const DEMO_PASSWORD = "demo-password-2026";

export interface DemoUser {
  key: string;
  name: string;
  /** Always @demo.stigmergy.board */
  email: string;
}

export interface DemoOrg {
  key: string;
  name: string;
  kind: "makerspace" | "microfactory" | "clinic" | "hub" | "other";
  location: { name: string; lat: number; lng: number };
  adminKey: string;
  /** Plain members, not repeating the admin. */
  memberKeys: string[];
}

export interface DemoBoard {
  slug: string;
  name: string;
  covenant: string;
  licence: string;
  visibility: "public" | "members";
  stewardKey: string;
  /** Plain members, not repeating the steward. */
  memberKeys: string[];
}

export interface DemoSpec {
  key: string;
  name: string;
  unit: string;
  /** Whether the unit can be split (kg, m, h, litre) or is counted (each, run, sheet, box). */
  divisible: boolean;
  category: string;
  designUrl?: string;
  licence?: string;
}

export type DemoClaimStep = "in_progress" | "shipped" | "delivered" | "released" | "lapsed";
export type DemoClaimState = "claimed" | DemoClaimStep;

export interface DemoClaim {
  claimerKey: string;
  orgKey?: string;
  quantity: number;
  /** Transitions applied after the claim is made; [] leaves it "claimed". */
  path: Array<DemoClaimStep>;
  note?: string;
  promisedInHours?: number;
}

export interface DemoSignal {
  key: string;
  board: string;
  kind: "need" | "capacity" | "stock" | "order";
  specKey: string;
  ownerKey: string;
  orgKey?: string;
  quantity: number;
  title: string;
  note?: string;
  dueInHours?: number;
  availableFromHours?: number;
  availableUntilHours?: number;
  /** Created and last refreshed this long ago: drives freshness/heat. */
  ageHours: number;
  reinforcedBy?: string[];
  claims?: DemoClaim[];
  withdrawn?: boolean;
}
