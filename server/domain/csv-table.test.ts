import { describe, expect, it } from "vitest";
import { guardCell, parseCsvTable, unguardCell } from "./csv-table";

describe("parseCsvTable", () => {
  it("numbers rows as a spreadsheet does: header row 1, empty lines counted, quoted line breaks one row", () => {
    const r = parseCsvTable('\ufeffKind, Resource \nneed,a\n\nstock,"two\nlines"\r\norder,c');
    expect(r).toEqual({
      ok: true,
      table: {
        header: ["kind", "resource"],
        rows: [
          { row: 2, cells: ["need", "a"] },
          { row: 4, cells: ["stock", "two\nlines"] },
          { row: 5, cells: ["order", "c"] },
        ],
      },
    });
  });

  it("keeps rows of another length for the rules to judge", () => {
    const r = parseCsvTable("a,b\n1\n1,2,3\n");
    expect(r.ok && r.table.rows.map((x) => x.cells)).toEqual([["1"], ["1", "2", "3"]]);
  });

  it("answers a problem, not an exception, for an empty file or an unclosed quote", () => {
    expect(parseCsvTable("")).toEqual({ ok: false, problems: [{ row: 1, column: null, message: expect.stringContaining("empty") }] });
    const r = parseCsvTable('a,b\n1,"open\n');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems[0]!.message).toMatch(/Not readable as CSV/);
  });
});

describe("guardCell / unguardCell", () => {
  it("prefixes a quote to cells a spreadsheet would run as a formula, and undoes exactly that", () => {
    for (const t of ["=1+1", "+49 30", "-5 spare", "@SUM(A1)", "\tx", "\rx"]) {
      expect(guardCell(t)).toBe(`'${t}`);
      expect(unguardCell(guardCell(t))).toBe(t);
    }
    for (const t of ["plain", "'quoted by the person", "5-6", ""]) {
      expect(guardCell(t)).toBe(t);
      expect(unguardCell(t)).toBe(t);
    }
  });
});
