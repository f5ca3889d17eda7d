// What the CSV exports say (ADR 024): signals with exactly the import's column names (so an export
// imports back), then columns for people to read that the import ignores; claims with the same names for
// the same things. Text a person typed is guarded against spreadsheet formulas (csv-table.ts guardCell);
// numbers and dates are written by us and left as they are, so a spreadsheet still reads them as numbers.
import { z } from "zod";
import { EXPORT_ONLY_SIGNAL_COLUMNS, IMPORT_COLUMNS } from "./csv-import";
import { guardCell } from "./csv-table";
import { roundQty, subQty } from "./quantity";
import { SIGNAL_STATUSES, type SignalStatus } from "./signal-rules";

export const SIGNAL_EXPORT_COLUMNS = [...IMPORT_COLUMNS, ...EXPORT_ONLY_SIGNAL_COLUMNS] as const;

export const CLAIM_EXPORT_COLUMNS = [
  "id", "signal_id", "signal_external_id", "kind", "resource", "unit", "quantity", "status",
  "claimer", "on_behalf_of", "promised_at", "note", "created_at", "updated_at",
] as const;

/** The ledger in its order, with what verifying it offline needs: ids, the hash and the previous hash. */
export const LEDGER_EXPORT_COLUMNS = [
  "seq", "occurred_at", "recorded_at", "action", "resource", "unit", "quantity", "provider", "provider_id",
  "receiver", "receiver_id", "place", "lat", "lng", "to_place", "to_lat", "to_lng", "claim_id", "corrects",
  "note", "id", "hash", "previous_hash",
] as const;

export interface LedgerExportRow {
  id: string;
  seq: number;
  occurredAt: Date;
  recordedAt: Date;
  action: string;
  resourceSpec: { name: string };
  unit: string;
  quantity: number;
  provider: { id: string; name: string };
  receiver: { id: string; name: string };
  locationName: string | null;
  lat: number | null;
  lng: number | null;
  toLocationName: string | null;
  toLat: number | null;
  toLng: number | null;
  claimId: string | null;
  correctsId: string | null;
  note: string | null;
  hash: string;
  previousHash: string;
}

/** A signal as the export reads it from the database. */
export interface SignalExportRow {
  id: string;
  kind: string;
  resourceSpec: { name: string; unit: string };
  quantity: number;
  claimedQuantity: number;
  deliveredQuantity: number;
  title: string;
  note: string | null;
  locationName: string | null;
  lat: number | null;
  lng: number | null;
  dueAt: Date | null;
  availableFrom: Date | null;
  availableUntil: Date | null;
  rateQuantity: number | null;
  onBehalfOf: { name: string } | null;
  externalId: string | null;
  status: string;
  owner: { name: string };
  createdAt: Date;
  updatedAt: Date;
}

export interface ClaimExportRow {
  id: string;
  signal: { id: string; externalId: string | null; kind: string; resourceSpec: { name: string; unit: string } };
  quantity: number;
  status: string;
  claimer: { name: string };
  onBehalfOf: { name: string } | null;
  promisedAt: Date | null;
  note: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const text = (v: string | null | undefined) => (v === null || v === undefined ? "" : guardCell(v));
const num = (v: number | null) => (v === null ? "" : String(roundQty(v)));
const coord = (v: number | null) => (v === null ? "" : String(v));
const date = (d: Date | null) => (d ? d.toISOString() : "");

/**
 * A signal's cells in SIGNAL_EXPORT_COLUMNS order. `external_id` is the source system's key when the
 * signal was imported with one, else the signal's own id: importing the export elsewhere then gives every
 * row a key, so importing it twice creates nothing new there either.
 */
export function signalCsvCells(s: SignalExportRow): string[] {
  const remaining = Math.max(0, subQty(s.quantity, s.claimedQuantity));
  return [
    s.kind, text(s.resourceSpec.name), text(s.resourceSpec.unit), num(s.quantity), text(s.title), text(s.note),
    text(s.locationName), coord(s.lat), coord(s.lng), date(s.dueAt), date(s.availableFrom), date(s.availableUntil), num(s.rateQuantity),
    text(s.onBehalfOf?.name), text(s.externalId ?? s.id),
    s.id, s.status, num(s.claimedQuantity), num(s.deliveredQuantity), num(remaining), text(s.owner.name),
    date(s.createdAt), date(s.updatedAt),
  ];
}

export function claimCsvCells(c: ClaimExportRow): string[] {
  return [
    c.id, c.signal.id, text(c.signal.externalId), c.signal.kind, text(c.signal.resourceSpec.name), text(c.signal.resourceSpec.unit),
    num(c.quantity), c.status, text(c.claimer.name), text(c.onBehalfOf?.name), date(c.promisedAt), text(c.note),
    date(c.createdAt), date(c.updatedAt),
  ];
}

/** GET .../export/signals.csv?status=open,claimed (default: every status). */
export const exportSignalsQuerySchema = z.object({
  status: z
    .string()
    .max(200)
    .optional()
    .transform((v, ctx) => {
      const items = [...new Set((v ?? "").split(",").map((x) => x.trim()).filter((x) => x !== ""))];
      const bad = items.filter((x) => !(SIGNAL_STATUSES as readonly string[]).includes(x));
      if (bad.length > 0) {
        ctx.issues.push({ code: "custom", message: `Use one or more of ${SIGNAL_STATUSES.join(", ")}, comma-separated`, input: v });
        return z.NEVER;
      }
      return items.length > 0 ? (items as SignalStatus[]) : undefined;
    }),
});

export function ledgerCsvCells(e: LedgerExportRow): string[] {
  return [
    String(e.seq), date(e.occurredAt), date(e.recordedAt), e.action, text(e.resourceSpec.name), text(e.unit), num(e.quantity),
    text(e.provider.name), e.provider.id, text(e.receiver.name), e.receiver.id, text(e.locationName), coord(e.lat), coord(e.lng),
    text(e.toLocationName), coord(e.toLat), coord(e.toLng), e.claimId ?? "", e.correctsId ?? "", text(e.note), e.id, e.hash,
    e.previousHash,
  ];
}
