// The rules of a CSV import of signals (ADR 023), pure: the service reads the board's resource
// specifications, the importer's organizations and the external ids already on the board, and this
// module judges every row against them with the same rules as creating one signal through the API
// (signal-dates.ts, units.ts, quantity.ts), plus the limits only a bulk file needs (a per-board largest
// quantity, dates within a horizon). Every problem of every row is collected, so a person fixes the
// whole file in one go; any problem rejects the file.
import { z } from "zod";
import { isoDateSchema, LIMITS } from "./schemas";
import { hasAtMostThreeDecimals, MAX_QUANTITY, roundQty } from "./quantity";
import { PAST_PROBLEM, signalDateProblems } from "./signal-dates";
import { SIGNAL_KINDS, type SignalKind } from "./signal-rules";
import { defaultDivisible, isDivisible, isWholeQuantity, wholeNumberProblem } from "./units";
import { unguardCell, type CsvProblem, type CsvTable } from "./csv-table";
import { rateProblems } from "./capacity-calendar";

/** The columns an import reads, in the order an export writes them. */
export const IMPORT_COLUMNS = [
  "kind", "resource", "unit", "quantity", "title", "note", "place", "lat", "lng",
  "due_at", "available_from", "available_until", "rate_per_week", "on_behalf_of", "external_id",
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Columns an export adds for people to read; an import accepts and ignores them, so an export imports back. */
export const EXPORT_ONLY_SIGNAL_COLUMNS = [
  "id", "status", "claimed_quantity", "delivered_quantity", "remaining_quantity", "owner", "created_at", "updated_at",
] as const;

const REQUIRED_COLUMNS: ImportColumn[] = ["kind", "resource", "quantity"];

/** A file may hold at most this many rows: one import is one transaction, and the embedded database runs one at a time. */
export const MAX_IMPORT_ROWS = 20_000;
/** Dates further than this from now (either way) are typos, not plans: "2126" for "2026". */
export const IMPORT_DATE_HORIZON_YEARS = 10;
/** A rejection lists at most this many problems (and says how many there were). */
export const MAX_REPORTED_PROBLEMS = 500;
export const EXTERNAL_ID_MAX = 200;

export interface SpecCandidate {
  id: string;
  name: string;
  unit: string;
  divisible: boolean;
}

export interface OrgCandidate {
  id: string;
  name: string;
}

export interface ImportEnv {
  now: Date;
  /** The board's largest quantity per row (Board.importMaxQuantity). */
  maxQuantity: number;
  createMissingResources: boolean;
  /** Resource specifications whose name (case-insensitively) appears in the file, oldest first. */
  specs: SpecCandidate[];
  /** The organizations the importer belongs to (and so may act for). */
  orgs: OrgCandidate[];
  /** External ids the board already holds: those rows are left as they are (counted unchanged). */
  knownExternalIds: ReadonlySet<string>;
}

/** A row ready to be written: a resource that exists (`specId`) or one the import creates (`newSpecKey`). */
export interface ImportRow {
  row: number;
  kind: SignalKind;
  specId: string | null;
  newSpecKey: string | null;
  /** The resource's name, for the default title. */
  specName: string;
  quantity: number;
  title: string | null;
  note: string | null;
  locationName: string | null;
  lat: number | null;
  lng: number | null;
  dueAt: Date | null;
  availableFrom: Date | null;
  availableUntil: Date | null;
  /** A capacity's rate per ISO week (ADR 025), or null. */
  ratePerWeek: number | null;
  onBehalfOfId: string | null;
  externalId: string | null;
}

export interface NewSpec {
  key: string;
  name: string;
  unit: string;
  divisible: boolean;
}

export type ImportVerdict =
  | { ok: true; rows: ImportRow[]; unchanged: number; newSpecs: NewSpec[] }
  | { ok: false; problems: CsvProblem[]; problemCount: number };

/** The key names are compared by: trimmed, case- and space-insensitive ("Face Shield  v3" is "face shield v3"). */
export const nameKey = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();

/** Problems with the header itself: unknown or repeated columns, required ones missing. */
export function headerProblems(header: string[]): CsvProblem[] {
  const problems: CsvProblem[] = [];
  const known = new Set<string>([...IMPORT_COLUMNS, ...EXPORT_ONLY_SIGNAL_COLUMNS]);
  const seen = new Set<string>();
  for (const h of header) {
    if (h === "") problems.push({ row: 1, column: null, message: "A column has no name" });
    else if (!known.has(h)) problems.push({ row: 1, column: h, message: `Unknown column "${h.slice(0, 60)}"; the columns are ${IMPORT_COLUMNS.join(", ")}` });
    else if (seen.has(h)) problems.push({ row: 1, column: h, message: `Column "${h}" appears twice` });
    seen.add(h);
  }
  for (const c of REQUIRED_COLUMNS) if (!seen.has(c)) problems.push({ row: 1, column: c, message: `Column "${c}" is required` });
  return problems;
}

/** A row's cells by column name: trimmed, a formula guard undone, empty cells absent. */
export function rowValues(header: string[], cells: string[]): Partial<Record<ImportColumn, string>> {
  const out: Partial<Record<ImportColumn, string>> = {};
  header.forEach((h, i) => {
    const v = unguardCell((cells[i] ?? "").trim());
    if (v !== "" && (IMPORT_COLUMNS as readonly string[]).includes(h)) out[h as ImportColumn] = v;
  });
  return out;
}

/** What the service must look up before judging the file: resource names and external ids as written. */
export function importLookups(table: CsvTable): { resourceNames: string[]; externalIds: string[] } {
  const names = new Set<string>();
  const ids = new Set<string>();
  for (const r of table.rows) {
    const v = rowValues(table.header, r.cells);
    if (v.resource) names.add(v.resource.slice(0, LIMITS.name + 1));
    if (v.external_id && v.external_id.length <= EXTERNAL_ID_MAX) ids.add(v.external_id);
  }
  return { resourceNames: [...names], externalIds: [...ids] };
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const numberCell = z.string().transform((v, ctx) => {
  if (!DECIMAL.test(v)) {
    ctx.issues.push({ code: "custom", message: "Must be a number written with a dot for decimals, e.g. 12.5", input: v });
    return z.NEVER;
  }
  return Number(v);
});

const text = (max: number) => z.string().max(max, { error: `Must be at most ${max} characters` }).regex(/^[^\u0000]*$/, { error: "Must not contain NUL characters" });

/** A date-time with a timezone, as the API takes; or a date alone, read as 00:00 UTC that day. */
const dateCell = z.string().transform((v, ctx) => {
  const parsed = isoDateSchema.safeParse(DATE_ONLY.test(v) ? `${v}T00:00:00Z` : v);
  if (!parsed.success) {
    ctx.issues.push({ code: "custom", message: "Must be a date (2026-12-01) or a date-time with timezone (2026-12-01T12:00:00Z)", input: v });
    return z.NEVER;
  }
  return parsed.data;
});

const cellsSchema = z.object({
  kind: z.string().transform((v, ctx) => {
    const k = v.toLowerCase();
    if (!(SIGNAL_KINDS as readonly string[]).includes(k)) {
      ctx.issues.push({ code: "custom", message: `Must be one of ${SIGNAL_KINDS.join(", ")}`, input: v });
      return z.NEVER;
    }
    return k as SignalKind;
  }),
  resource: text(LIMITS.name),
  unit: text(LIMITS.unit).optional(),
  quantity: numberCell,
  title: text(LIMITS.title).optional(),
  note: text(LIMITS.note).optional(),
  place: text(LIMITS.name).optional(),
  lat: numberCell.pipe(z.number().min(-90, { error: "Must be between -90 and 90" }).max(90, { error: "Must be between -90 and 90" })).optional(),
  lng: numberCell.pipe(z.number().min(-180, { error: "Must be between -180 and 180" }).max(180, { error: "Must be between -180 and 180" })).optional(),
  due_at: dateCell.optional(),
  available_from: dateCell.optional(),
  available_until: dateCell.optional(),
  rate_per_week: numberCell.optional(),
  on_behalf_of: text(LIMITS.name).optional(),
  external_id: text(EXTERNAL_ID_MAX).optional(),
});
type Cells = z.output<typeof cellsSchema>;

const MISSING: Record<string, string> = { kind: "Required", resource: "Required", quantity: "Required" };

const DATE_COLUMNS = { dueAt: "due_at", availableFrom: "available_from", availableUntil: "available_until" } as const;

function quantityProblem(q: number, max: number): string | null {
  if (!Number.isFinite(q) || q <= 0) return "Must be greater than 0";
  if (q > max) return `Must be at most ${max} (this board's limit per row)`;
  if (!hasAtMostThreeDecimals(q)) return "Must have at most 3 decimal places";
  return null;
}

/** The cell-level problems of one row and, when there are none, its values (dates still to be judged). */
function readCells(values: Partial<Record<ImportColumn, string>>, env: ImportEnv): { cells?: Cells; problems: Array<[string, string]> } {
  const problems: Array<[string, string]> = [];
  // Checked on the raw cells so that it is reported beside any other problem of the row.
  if ((values.lat === undefined) !== (values.lng === undefined)) problems.push([values.lat === undefined ? "lat" : "lng", "Give both lat and lng, or neither"]);
  const parsed = cellsSchema.safeParse(values);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const col = String(i.path[0] ?? "");
      problems.push([col, values[col as ImportColumn] === undefined && MISSING[col] ? MISSING[col]! : i.message]);
    }
    return { problems };
  }
  const c = parsed.data;
  const qp = quantityProblem(c.quantity, Math.min(env.maxQuantity, MAX_QUANTITY));
  if (qp) problems.push(["quantity", qp]);
  const rp = c.rate_per_week === undefined ? null : quantityProblem(c.rate_per_week, Math.min(env.maxQuantity, MAX_QUANTITY));
  if (rp) problems.push(["rate_per_week", rp]);
  const horizon = IMPORT_DATE_HORIZON_YEARS * 365.25 * 24 * 3600 * 1000;
  for (const col of ["due_at", "available_from", "available_until"] as const) {
    const d = c[col];
    if (d && Math.abs(d.getTime() - env.now.getTime()) > horizon) problems.push([col, `Must be within ${IMPORT_DATE_HORIZON_YEARS} years of today`]);
  }
  return { cells: c, problems };
}

/** Judges every row of the file; the verdict holds either rows to write or every problem found. */
export function checkImport(table: CsvTable, env: ImportEnv): ImportVerdict {
  const problems: CsvProblem[] = [...headerProblems(table.header)];
  if (table.rows.length === 0 && problems.length === 0) problems.push({ row: 2, column: null, message: "The file has a header but no rows" });
  if (table.rows.length > MAX_IMPORT_ROWS) {
    problems.push({ row: table.rows[MAX_IMPORT_ROWS]!.row, column: null, message: `A file may hold at most ${MAX_IMPORT_ROWS} rows; split it` });
  }
  if (problems.length > 0) return reject(problems);

  const specsByName = new Map<string, SpecCandidate>();
  for (const s of env.specs) if (!specsByName.has(nameKey(s.name))) specsByName.set(nameKey(s.name), s);
  const orgsById = new Map(env.orgs.map((o) => [o.id.toLowerCase(), o]));
  const orgsByName = new Map<string, OrgCandidate[]>();
  for (const o of env.orgs) orgsByName.set(nameKey(o.name), [...(orgsByName.get(nameKey(o.name)) ?? []), o]);
  const newSpecs = new Map<string, NewSpec & { row: number }>();
  const externalIdRows = new Map<string, number>();
  const rows: ImportRow[] = [];
  let unchanged = 0;

  for (const { row, cells } of table.rows) {
    const add = (column: string | null, message: string) => problems.push({ row, column, message });
    if (cells.length > table.header.length && cells.slice(table.header.length).some((c) => c.trim() !== "")) {
      add(null, `The row has ${cells.length} cells but the header names ${table.header.length} columns`);
    }
    const values = rowValues(table.header, cells);
    const { cells: c, problems: cellProblems } = readCells(values, env);
    for (const [col, msg] of cellProblems) add(col, msg);
    if (!c) continue;

    const known = c.external_id !== undefined && env.knownExternalIds.has(c.external_id);
    if (c.external_id !== undefined) {
      const first = externalIdRows.get(c.external_id);
      if (first !== undefined) add("external_id", `Repeats the external_id of row ${first}`);
      else externalIdRows.set(c.external_id, row);
    }
    // A row already imported is left as it is, so its dates may have passed since: re-importing last
    // week's file must still work. Every other rule still applies to it.
    const dates = { dueAt: c.due_at, availableFrom: c.available_from, availableUntil: c.available_until };
    for (const [field, msgs] of Object.entries(signalDateProblems({ kind: c.kind, given: dates, now: env.now }))) {
      for (const m of msgs) if (!(known && m === PAST_PROBLEM)) add(DATE_COLUMNS[field as keyof typeof DATE_COLUMNS] ?? field, m.replace(/\b(dueAt|availableFrom|availableUntil)\b/g, (f) => DATE_COLUMNS[f as keyof typeof DATE_COLUMNS]));
    }

    const rate = c.rate_per_week === undefined ? null : { quantity: c.rate_per_week, period: "week" as const };
    const rateFields = { rate: "rate_per_week", availableUntil: "available_until" } as const;
    for (const [field, msgs] of Object.entries(rateProblems({ kind: c.kind, rate, availableFrom: c.available_from, availableUntil: c.available_until, now: env.now }))) {
      for (const m of msgs) add(rateFields[field as keyof typeof rateFields] ?? field, m);
    }

    const spec = resolveSpec(c, row, env, specsByName, newSpecs, add);
    const onBehalfOfId = c.on_behalf_of === undefined ? null : resolveOrg(c.on_behalf_of, orgsById, orgsByName, add);
    if (spec && !isDivisible(spec) && !isWholeQuantity(c.quantity)) add("quantity", wholeNumberProblem(spec.unit));
    if (spec && rate && !isDivisible(spec) && !isWholeQuantity(rate.quantity)) add("rate_per_week", wholeNumberProblem(spec.unit));
    if (known) {
      unchanged++;
      continue;
    }
    rows.push({
      row,
      kind: c.kind,
      specId: spec && "id" in spec ? spec.id : null,
      newSpecKey: spec && "key" in spec ? spec.key : null,
      specName: spec?.name ?? "",
      quantity: roundQty(c.quantity),
      title: c.title ?? null,
      note: c.note ?? null,
      locationName: c.place ?? null,
      lat: c.lat ?? null,
      lng: c.lng ?? null,
      dueAt: c.due_at ?? null,
      availableFrom: c.available_from ?? null,
      availableUntil: c.available_until ?? null,
      ratePerWeek: rate ? roundQty(rate.quantity) : null,
      onBehalfOfId: onBehalfOfId ?? null,
      externalId: c.external_id ?? null,
    });
  }
  if (problems.length > 0) return reject(problems);
  return { ok: true, rows, unchanged, newSpecs: [...newSpecs.values()].map(({ row: _row, ...s }) => s) };
}

function reject(problems: CsvProblem[]): ImportVerdict {
  return { ok: false, problems: problems.slice(0, MAX_REPORTED_PROBLEMS), problemCount: problems.length };
}

/** The row's resource: an existing specification, one this import creates, or null after adding the problem. */
function resolveSpec(
  c: Cells,
  row: number,
  env: ImportEnv,
  specsByName: Map<string, SpecCandidate>,
  newSpecs: Map<string, NewSpec & { row: number }>,
  add: (column: string | null, message: string) => void,
): SpecCandidate | NewSpec | null {
  const key = nameKey(c.resource);
  const existing = specsByName.get(key);
  if (existing) {
    if (c.unit !== undefined && nameKey(c.unit) !== nameKey(existing.unit)) {
      add("unit", `"${existing.name}" is counted in "${existing.unit}", not "${c.unit}"`);
    }
    return existing;
  }
  if (!env.createMissingResources) {
    add("resource", `No resource specification is named "${c.resource}"; create it first, or import with createMissingResources=true`);
    return null;
  }
  const planned = newSpecs.get(key);
  if (planned) {
    if (c.unit !== undefined && nameKey(c.unit) !== nameKey(planned.unit)) {
      add("unit", `"${planned.name}" is created in "${planned.unit}" (row ${planned.row}), not "${c.unit}"`);
    }
    return planned;
  }
  if (c.unit === undefined) {
    add("unit", `Required to create the new resource "${c.resource}"`);
    return null;
  }
  const spec = { key, name: c.resource, unit: c.unit, divisible: defaultDivisible(c.unit), row };
  newSpecs.set(key, spec);
  return spec;
}

/** An organization of the importer's, by id or by exact name; null after adding the problem. */
function resolveOrg(
  value: string,
  byId: Map<string, OrgCandidate>,
  byName: Map<string, OrgCandidate[]>,
  add: (column: string | null, message: string) => void,
): string | null {
  const org = byId.get(value.toLowerCase());
  if (org) return org.id;
  const named = byName.get(nameKey(value)) ?? [];
  if (named.length === 1) return named[0]!.id;
  if (named.length > 1) add("on_behalf_of", `You belong to ${named.length} organizations named "${value}"; give its id instead`);
  else add("on_behalf_of", `Not one of your organizations: "${value}" (give the id or exact name of one you belong to)`);
  return null;
}

/**
 * The largest CSV body the import takes: 10,000 rows are 1-2 MB, so this leaves room for long notes while
 * keeping one request's buffered text (and its parsed rows, a few times larger) bounded.
 */
export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;

const flag = z
  .enum(["true", "false", "1", "0", ""], { error: "Must be true or false" })
  .optional()
  .transform((v) => v === "true" || v === "1");

/** POST /boards/:slug/import/signals?createMissingResources=&dryRun= */
export const importQuerySchema = z.object({ createMissingResources: flag, dryRun: flag });
