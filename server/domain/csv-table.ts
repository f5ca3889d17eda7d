// CSV text <-> a table of cells, shared by the server (import, export) and the browser (the import page's
// preview), so both read a file the same way. csv-parse's browser build is used on both sides: it runs in
// Node unchanged, and one build means the preview cannot disagree with the server about what a cell is.
//
// Row numbers are those a spreadsheet shows: the header is row 1, the first data row is row 2, an empty
// line is a row too (it is skipped, but counted), and a cell with a line break inside quotes stays one row.
import { parse } from "csv-parse/browser/esm/sync";

export interface CsvRow {
  /** The row number a spreadsheet shows for it (the header is row 1). */
  row: number;
  cells: string[];
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
}

export interface CsvProblem {
  row: number;
  /** The column's header name; null for a problem with the row (or the file) as a whole. */
  column: string | null;
  message: string;
}

export type CsvTableResult = { ok: true; table: CsvTable } | { ok: false; problems: CsvProblem[] };

interface ParsedRecord {
  record: string[];
  info: { records: number; empty_lines: number };
}

/** Reads CSV text (a UTF-8 byte-order mark is dropped) into a header and numbered rows of cells. */
export function parseCsvTable(text: string): CsvTableResult {
  let records: ParsedRecord[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      // Files pasted together from several tools mix line endings; each is a row break.
      record_delimiter: ["\r\n", "\n", "\r"],
      // Rows shorter or longer than the header are judged per row (a clear row error), not by the parser.
      relax_column_count: true,
    }) as unknown as ParsedRecord[];
  } catch (e) {
    const lines = (e as { lines?: number }).lines;
    const reason = e instanceof Error ? e.message.replace(/^Invalid .*?: /, "") : String(e);
    return { ok: false, problems: [{ row: typeof lines === "number" ? lines : 1, column: null, message: `Not readable as CSV: ${reason}` }] };
  }
  if (records.length === 0) return { ok: false, problems: [{ row: 1, column: null, message: "The file is empty: it needs a header row" }] };
  const [head, ...rest] = records;
  const header = head!.record.map((h) => h.trim().toLowerCase());
  return {
    ok: true,
    table: {
      header,
      rows: rest.map((r) => ({ row: r.info.records + r.info.empty_lines, cells: r.record })),
    },
  };
}

// Spreadsheets run a cell that starts with one of these as a formula (CSV injection, ADR 024).
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe to open in a spreadsheet: a leading formula character gets a `'` before it. */
export function guardCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The reverse of guardCell, so an export imports back as it was: `'=x` reads as `=x`. */
export function unguardCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
