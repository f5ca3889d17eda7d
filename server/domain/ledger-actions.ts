// The Valueflows actions the ledger records, and what each one does to stock (ADR 021). VF describes an
// action by its effect on the resource's on-hand quantity (what is physically held: custody) and its
// accounting quantity (what one has the rights to: ownership). A ledger event names a provider and a
// receiver; for actions on one agent's own resources they are the same organization.
//
//   action           parties            on-hand                       accounting
//   produce          one agent          + at location                 + at location
//   raise            one agent          + at location                 + at location    (adjustment up)
//   consume          one agent          - at location                 - at location
//   lower            one agent          - at location                 - at location    (adjustment down)
//   move             one agent          - at location, + at to        - at location, + at to
//   transfer         provider->receiver - provider, + receiver        - provider, + receiver
//   transferCustody  provider->receiver - provider, + receiver        no effect
//   use, work        any                no effect                     no effect        (a service/effort)
//
// A transfer's receiver holds the resource at `toLocation` when given, else where it changed hands.
import { DomainError, throwIfProblems, type FieldProblems } from "./errors";
import { toThousandths } from "./quantity";

export const ECONOMIC_ACTIONS = [
  "produce",
  "consume",
  "transfer",
  "transferCustody",
  "move",
  "use",
  "work",
  "raise",
  "lower",
] as const;
export type EconomicAction = (typeof ECONOMIC_ACTIONS)[number];

/** How an action moves one side's quantity: +1 adds, -1 takes away, 0 leaves it. */
type Sign = -1 | 0 | 1;

interface ActionEffect {
  /** true: provider and receiver are one organization (its own resources change). */
  singleAgent: boolean;
  /** The provider's side, at `location`. */
  from: { onHand: Sign; accounting: Sign };
  /** The receiver's side, at `toLocation ?? location` (for move: the provider's, at toLocation). */
  to: { onHand: Sign; accounting: Sign };
  /** Whether the event needs a `toLocation` (a move goes somewhere). */
  needsToLocation: boolean;
}

const none = { onHand: 0, accounting: 0 } as const;
const plus = { onHand: 1, accounting: 1 } as const;
const minus = { onHand: -1, accounting: -1 } as const;

export const ACTION_EFFECTS: Readonly<Record<EconomicAction, ActionEffect>> = {
  produce: { singleAgent: true, from: none, to: plus, needsToLocation: false },
  raise: { singleAgent: true, from: none, to: plus, needsToLocation: false },
  consume: { singleAgent: true, from: minus, to: none, needsToLocation: false },
  lower: { singleAgent: true, from: minus, to: none, needsToLocation: false },
  move: { singleAgent: true, from: minus, to: plus, needsToLocation: true },
  transfer: { singleAgent: false, from: minus, to: plus, needsToLocation: false },
  transferCustody: { singleAgent: false, from: { onHand: -1, accounting: 0 }, to: { onHand: 1, accounting: 0 }, needsToLocation: false },
  use: { singleAgent: false, from: none, to: none, needsToLocation: false },
  work: { singleAgent: false, from: none, to: none, needsToLocation: false },
};

/** A place as the ledger keeps it (the same shape signals use); null: no particular place. */
export interface LedgerLocation {
  name: string | null;
  lat: number;
  lng: number;
}

/** Stock is kept per place: "" for no place, else its rounded coordinates and its name. */
export function locationKey(loc: LedgerLocation | null): string {
  if (!loc) return "";
  return `${loc.lat.toFixed(6)},${loc.lng.toFixed(6)}|${loc.name ?? ""}`;
}

/** The parts of an event that decide its effect on stock. */
export interface EffectInput {
  action: EconomicAction;
  resourceSpecId: string;
  quantity: number;
  providerId: string;
  receiverId: string;
  location: LedgerLocation | null;
  toLocation: LedgerLocation | null;
}

/** One change to one stock (an agent's resource of a spec at a place), in thousandths. */
export interface StockDelta {
  agentId: string;
  resourceSpecId: string;
  locationKey: string;
  location: LedgerLocation | null;
  onHand: number;
  accounting: number;
}

/** The stock changes an event makes; empty for use and work. Deltas on the same stock are merged. */
export function effectsOf(e: EffectInput): StockDelta[] {
  const eff = ACTION_EFFECTS[e.action];
  const q = toThousandths(e.quantity);
  const out = new Map<string, StockDelta>();
  const add = (agentId: string, location: LedgerLocation | null, side: { onHand: Sign; accounting: Sign }) => {
    if (side.onHand === 0 && side.accounting === 0) return;
    const key = locationKey(location);
    const id = `${agentId}\u0000${key}`;
    const d = out.get(id) ?? { agentId, resourceSpecId: e.resourceSpecId, locationKey: key, location, onHand: 0, accounting: 0 };
    d.onHand += side.onHand * q;
    d.accounting += side.accounting * q;
    out.set(id, d);
  };
  add(e.providerId, e.location, eff.from);
  // Only move and the transfers take a toLocation (partyProblems), so elsewhere this is `location`.
  add(eff.singleAgent ? e.providerId : e.receiverId, e.toLocation ?? e.location, eff.to);
  return [...out.values()].filter((d) => d.onHand !== 0 || d.accounting !== 0);
}

const TAKES_TO_LOCATION: ReadonlySet<EconomicAction> = new Set(["move", "transfer", "transferCustody"]);

/**
 * Checks the parties and places fit the action (400 on the field at fault). `receiverId` absent means
 * "the provider": single-agent actions take no other receiver, two-agent ones need another.
 */
export function partyProblems(e: {
  action: EconomicAction;
  providerId: string;
  receiverId?: string | null;
  location: LedgerLocation | null;
  toLocation: LedgerLocation | null;
}): FieldProblems {
  const eff = ACTION_EFFECTS[e.action];
  const problems: FieldProblems = {};
  const receiver = e.receiverId ?? null;
  if (eff.singleAgent && receiver !== null && receiver !== e.providerId)
    problems.receiver = [`Must be absent or the provider: ${e.action} changes one organization's own resources`];
  if ((e.action === "transfer" || e.action === "transferCustody") && (receiver === null || receiver === e.providerId))
    problems.receiver = [`Required, and another organization than the provider: ${e.action} gives to someone`];
  if (e.toLocation && !TAKES_TO_LOCATION.has(e.action))
    problems.toLocation = [`Only for ${[...TAKES_TO_LOCATION].join(", ")}: ${e.action} happens in one place`];
  if (eff.needsToLocation && !e.toLocation) problems.toLocation = ["Required: a move goes somewhere"];
  if (eff.needsToLocation && e.toLocation && locationKey(e.toLocation) === locationKey(e.location))
    problems.toLocation = ["Must differ from location: a move changes the place"];
  return problems;
}

export function checkParties(e: Parameters<typeof partyProblems>[0]): void {
  throwIfProblems(partyProblems(e));
}

/** The receiver an event is stored with: the provider itself unless the action gives to someone else. */
export function storedReceiver(e: { action: EconomicAction; providerId: string; receiverId?: string | null }): string {
  return ACTION_EFFECTS[e.action].singleAgent ? e.providerId : (e.receiverId ?? e.providerId);
}

/** One stock as it stands, in thousandths. */
export interface StockLevel {
  onHand: number;
  accounting: number;
}

/**
 * Applies deltas to current levels (absent: zero) and refuses the lot with 409 INSUFFICIENT_STOCK when an
 * on-hand quantity would go below zero, unless the event is a correction: a correction records what is
 * really there, and a ledger that was wrong may need to say so before the rest is straightened out.
 * Accounting quantities are not guarded: custody given away and used up by its holder leaves a negative
 * accounting tally, which is what happened.
 */
export function applyDeltas(
  current: ReadonlyMap<string, StockLevel>,
  deltas: StockDelta[],
  opts: { correction: boolean; unit: string },
): Map<string, StockLevel> {
  const next = new Map<string, StockLevel>();
  for (const d of deltas) {
    const key = stockKey(d);
    const cur = next.get(key) ?? current.get(key) ?? { onHand: 0, accounting: 0 };
    const after = { onHand: cur.onHand + d.onHand, accounting: cur.accounting + d.accounting };
    // Only what takes away is judged: adding to a stock a correction left negative is always fine.
    if (d.onHand < 0 && after.onHand < 0 && !opts.correction) {
      throw new DomainError(
        "INSUFFICIENT_STOCK",
        `Only ${cur.onHand / 1000} ${opts.unit} on hand here; this would take ${-d.onHand / 1000}.`,
        undefined,
        { agent: d.agentId, resourceSpecId: d.resourceSpecId, location: d.location, onHand: cur.onHand / 1000 },
      );
    }
    next.set(key, after);
  }
  return next;
}

/** The identity of one stock within a board. */
export function stockKey(d: { agentId: string; resourceSpecId: string; locationKey: string }): string {
  return `${d.agentId}\u0000${d.resourceSpecId}\u0000${d.locationKey}`;
}

/** Stock from scratch: the fold of events' effects, with no checks (what the projection must equal). */
export function foldStock(events: Iterable<EffectInput>): Map<string, StockLevel> {
  const out = new Map<string, StockLevel>();
  for (const e of events) {
    for (const d of effectsOf(e)) {
      const key = stockKey(d);
      const cur = out.get(key) ?? { onHand: 0, accounting: 0 };
      out.set(key, { onHand: cur.onHand + d.onHand, accounting: cur.accounting + d.accounting });
    }
  }
  return out;
}
