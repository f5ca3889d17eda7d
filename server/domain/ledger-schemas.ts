// Inputs and answers of the ledger's API (POST/GET .../ledger/events, GET .../ledger/verify,
// GET .../inventory), shared by the routes and the browser, in the conventions of schemas.ts.
import { z } from "zod";
import { ECONOMIC_ACTIONS, type EconomicAction } from "./ledger-actions";
import type { BrokenLink } from "./ledger-hash";
import type { AgentRef, LocationDto, OrgRef } from "./dto";
import {
  eventsQuerySchema,
  isoDateSchema,
  LIMITS,
  locationSchema,
  optionalField,
  optionalText,
  quantitySchema,
  uuidSchema,
} from "./schemas";

export const economicActionSchema = z.enum(ECONOMIC_ACTIONS, { error: `Must be one of ${ECONOMIC_ACTIONS.join(", ")}` });

/** POST /boards/:slug/ledger/events. `provider`/`receiver` are organization ids; receiver defaults to the provider. */
export const recordEconomicEventSchema = z.object({
  action: economicActionSchema,
  resourceSpecId: uuidSchema,
  quantity: quantitySchema,
  provider: uuidSchema,
  receiver: optionalField(uuidSchema),
  location: optionalField(locationSchema),
  /** Where the resource ends up: required by move, optional for the transfers, refused elsewhere. */
  toLocation: optionalField(locationSchema),
  occurredAt: optionalField(isoDateSchema),
  note: optionalText(LIMITS.note),
  claimId: optionalField(uuidSchema),
  /** The event this one corrects (on the same board); a correction may leave on-hand stock negative. */
  corrects: optionalField(uuidSchema),
});
export type RecordEconomicEventInput = z.infer<typeof recordEconomicEventSchema>;

const emptyAsAbsent = (v: unknown) => (v === "" ? undefined : v);
const optionalUuid = z.preprocess(emptyAsAbsent, uuidSchema.optional());

/** GET .../ledger/events: pages in ledger order (`after` the last seq seen), filtered by agent (either side), resource or claim. */
export const listEconomicEventsQuerySchema = eventsQuerySchema.extend({
  agent: optionalUuid,
  resourceSpecId: optionalUuid,
  claimId: optionalUuid,
});
export type ListEconomicEventsQuery = z.infer<typeof listEconomicEventsQuerySchema>;

export const inventoryQuerySchema = z.object({ agent: optionalUuid, resourceSpecId: optionalUuid });
export type InventoryQuery = z.infer<typeof inventoryQuerySchema>;

/** PUT /signals/:id/inventory: link a stock signal to an organization's inventory (null: unlink). */
export const linkInventorySchema = z.object({ inventoryOf: uuidSchema.nullable() });
export type LinkInventoryInput = z.infer<typeof linkInventorySchema>;

// ---- answers --------------------------------------------------------------------------------------

export interface LedgerResourceSpecDto {
  id: string;
  name: string;
  unit: string;
  divisible: boolean;
}

/** VF EconomicEvent as the API shows it. */
export interface EconomicEventDto {
  id: string;
  board: string;
  seq: number;
  action: EconomicAction;
  resourceSpec: LedgerResourceSpecDto;
  quantity: number;
  unit: string;
  provider: OrgRef;
  receiver: OrgRef;
  location: LocationDto | null;
  toLocation: LocationDto | null;
  occurredAt: string;
  recordedAt: string;
  recordedBy: AgentRef | null;
  note: string | null;
  claimId: string | null;
  corrects: string | null;
  hash: string;
  previousHash: string;
}

export interface EconomicEventPage {
  items: EconomicEventDto[];
  /** The seq to pass as `after` for the next page; null when this page was the last. */
  nextAfter: number | null;
}

/** VF EconomicResource: an organization's stock of one specification at one place. */
export interface InventoryItemDto {
  agent: OrgRef;
  resourceSpec: LedgerResourceSpecDto;
  location: LocationDto | null;
  onHand: number;
  accounting: number;
}

export interface LedgerVerifyDto {
  ok: boolean;
  count: number;
  headHash: string;
  brokenAt?: BrokenLink;
}

/** `data` of the `ledger.recorded` board event: the event and the stocks it changed, as they now stand. */
export interface LedgerRecordedData {
  ledgerEvent: EconomicEventDto;
  inventory: InventoryItemDto[];
}
