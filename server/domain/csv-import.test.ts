import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkImport, headerProblems, importLookups, importQuerySchema, MAX_IMPORT_ROWS, type ImportEnv } from "./csv-import";
import { parseCsvTable, type CsvTable } from "./csv-table";
import { claimCsvCells, CLAIM_EXPORT_COLUMNS, SIGNAL_EXPORT_COLUMNS, signalCsvCells } from "./csv-export";

const NOW = new Date("2026-11-27T12:00:00Z");
const SHIELD = { id: "11111111-1111-4111-8111-111111111111", name: "Face shield v3", unit: "each", divisible: false };
const PLA = { id: "22222222-2222-4222-8222-222222222222", name: "PLA filament", unit: "kg", divisible: true };
const LAB = { id: "33333333-3333-4333-8333-333333333333", name: "Fab Lab Lyon" };

const env = (over: Partial<ImportEnv> = {}): ImportEnv => ({
  now: NOW, maxQuantity: 1_000_000, createMissingResources: false, specs: [SHIELD, PLA], orgs: [LAB], knownExternalIds: new Set(), ...over,
});

function table(csv: string): CsvTable {
  const r = parseCsvTable(csv);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.table;
}

const check = (csv: string, over: Partial<ImportEnv> = {}) => checkImport(table(csv), env(over));
const problemsOf = (csv: string, over: Partial<ImportEnv> = {}) => {
  const v = check(csv, over);
  return v.ok ? [] : v.problems.map((p) => `${p.row}:${p.column}:${p.message}`);
};

describe("headerProblems", () => {
  it("names unknown and repeated columns and the required ones missing, on row 1", () => {
    expect(headerProblems(["kind", "resource", "quantity", "id", "status"])).toEqual([]);
    const p = headerProblems(["kind", "kind", "qty", ""]).map((x) => `${x.row}:${x.column}`);
    expect(p).toEqual(["1:kind", "1:qty", "1:null", "1:resource", "1:quantity"]);
  });
});

describe("checkImport", () => {
  it("reads every column: names case-insensitively, org by name or id, a date alone as 00:00 UTC, a place without coordinates", () => {
    const v = check(
      "Kind,resource,unit,quantity,title,note,place,lat,lng,due_at,available_from,available_until,on_behalf_of,external_id\n" +
        "NEED,face shield  V3,Each,20,,,Berlin,52.5,13.4,2026-12-24,,,fab lab lyon,a-1\n" +
        `stock,PLA filament,,2.5,Spare,'=not a formula,Lyon,,,,2026-11-01T00:00:00Z,2027-01-01T00:00:00+01:00,${LAB.id},\n`,
    );
    expect(v).toMatchObject({ ok: true, unchanged: 0, newSpecs: [] });
    if (!v.ok) return;
    expect(v.rows[0]).toMatchObject({
      row: 2, kind: "need", specId: SHIELD.id, specName: "Face shield v3", quantity: 20, title: null, locationName: "Berlin", lat: 52.5, lng: 13.4,
      dueAt: new Date("2026-12-24T00:00:00Z"), onBehalfOfId: LAB.id, externalId: "a-1",
    });
    expect(v.rows[1]).toMatchObject({
      row: 3, kind: "stock", specId: PLA.id, quantity: 2.5, note: "=not a formula", locationName: "Lyon", lat: null, lng: null,
      availableFrom: new Date("2026-11-01T00:00:00Z"), availableUntil: new Date("2026-12-31T23:00:00Z"), onBehalfOfId: LAB.id, externalId: null,
    });
  });

  it("reads a capacity's rate per week and applies the calendar's rules to it (ADR 025)", () => {
    const v = check("kind,resource,quantity,available_until,rate_per_week\ncapacity,Face shield v3,600,2027-01-31,200\n");
    expect(v.ok && v.rows[0]).toMatchObject({ kind: "capacity", quantity: 600, ratePerWeek: 200 });
    expect(check("kind,resource,quantity,rate_per_week\ncapacity,Face shield v3,600,\n").ok && true).toBe(true);
    expect(
      problemsOf(
        "kind,resource,quantity,due_at,available_until,rate_per_week\n" +
          "need,Face shield v3,10,2026-12-24,,5\n" +
          "capacity,Face shield v3,600,,,200\n" +
          "capacity,Face shield v3,600,,2027-01-31,2.5\n" +
          "capacity,Face shield v3,600,,2027-01-31,0\n",
      ),
    ).toEqual([
      "2:rate_per_week:Only capacity signals have a rate per week",
      "3:available_until:A rate per week needs the end of availability, so the weeks it covers are known",
      '4:rate_per_week:Must be a whole number: "each" is counted, not measured',
      "5:rate_per_week:Must be greater than 0",
    ]);
  });

  it("applies the API's signal rules: kinds' dates, the past, counted units, the window's order", () => {
    const p = problemsOf(
      "kind,resource,quantity,due_at,available_from,available_until\n" +
        "need,Face shield v3,2.5,2026-01-01T00:00:00Z,,\n" +
        "stock,PLA filament,1,2026-12-01T00:00:00Z,,\n" +
        "capacity,PLA filament,1,,2026-12-10T00:00:00Z,2026-12-05T00:00:00Z\n" +
        "need,Face shield v3,0,,2026-12-10T00:00:00Z,\n",
    );
    expect([...p].sort()).toEqual([
      "2:quantity:Must be a whole number: \"each\" is counted, not measured",
      "2:due_at:Must not be in the past",
      "3:due_at:Offers (capacity, stock) have no due date; use available_until",
      "4:available_until:Must be after available_from",
      "5:quantity:Must be greater than 0",
      "5:available_from:Requests (need, order) have no availability window; use due_at",
    ].sort());
  });

  it("refuses absurd values: above the board's limit, another century, bad numbers and coordinates", () => {
    const p = problemsOf(
      "kind,resource,quantity,due_at,lat,lng\n" +
        "need,PLA filament,1000000.5,,,\n" +
        "need,PLA filament,1,2126-01-01,,\n" +
        "need,PLA filament,1e3,,91,\n" +
        "need,PLA filament,\"1,5\",,,\n" +
        "need,PLA filament,1.0001,,,\n",
      { maxQuantity: 1_000_000 },
    );
    expect(p.map((x) => x.split(":").slice(0, 2).join(":"))).toEqual([
      "2:quantity", "3:due_at", "4:lng", "4:quantity", "4:lat", "5:quantity", "6:quantity",
    ]);
    expect(p[0]).toContain("this board's limit");
    expect(p[1]).toContain("within 10 years");
  });

  it("resources: unknown names are errors unless created; a new one needs a unit and keeps it for its later rows", () => {
    expect(problemsOf("kind,resource,quantity\nneed,Gowns,5\n")).toEqual([expect.stringMatching(/^2:resource:.*createMissingResources=true/)]);
    const v = check("kind,resource,unit,quantity\nneed,Gowns,each,5\nneed,gowns,,6\nneed,GOWNS,kg,1\nneed,Masks,,1\n", { createMissingResources: true });
    expect(v.ok ? [] : v.problems.map((p) => `${p.row}:${p.column}`)).toEqual(["4:unit", "5:unit"]);
    const ok = check("kind,resource,unit,quantity\nneed,Gowns,each,5\nneed,gowns,,6\n", { createMissingResources: true });
    expect(ok).toMatchObject({ ok: true, newSpecs: [{ key: "gowns", name: "Gowns", unit: "each", divisible: false }] });
    if (ok.ok) expect(ok.rows.map((r) => [r.specId, r.newSpecKey, r.specName])).toEqual([[null, "gowns", "Gowns"], [null, "gowns", "Gowns"]]);
    // An existing resource in another unit is an error, not a conversion.
    expect(problemsOf("kind,resource,unit,quantity\nneed,PLA filament,g,500\n")).toEqual([expect.stringMatching(/^2:unit:.*"kg"/)]);
  });

  it("on_behalf_of: only the importer's organizations; two of the same name need the id", () => {
    expect(problemsOf("kind,resource,quantity,on_behalf_of\nneed,PLA filament,1,Someone else\n")).toEqual([expect.stringMatching(/^2:on_behalf_of:Not one of your/)]);
    const twins = [LAB, { id: "44444444-4444-4444-8444-444444444444", name: "Fab Lab Lyon" }];
    expect(problemsOf("kind,resource,quantity,on_behalf_of\nneed,PLA filament,1,Fab Lab Lyon\n", { orgs: twins })).toEqual([expect.stringMatching(/give its id/)]);
  });

  it("external ids: repeats in a file are errors; known ones are unchanged and may have past dates", () => {
    expect(problemsOf("kind,resource,quantity,external_id\nneed,PLA filament,1,x\nneed,PLA filament,2,x\n")).toEqual(["3:external_id:Repeats the external_id of row 2"]);
    const v = check("kind,resource,quantity,due_at,external_id\nneed,PLA filament,1,2026-01-01T00:00:00Z,old\nneed,PLA filament,2,,new\n", {
      knownExternalIds: new Set(["old"]),
    });
    expect(v).toMatchObject({ ok: true, unchanged: 1 });
    if (v.ok) expect(v.rows.map((r) => r.externalId)).toEqual(["new"]);
  });

  it("a header without rows, too many rows and extra cells are problems", () => {
    expect(problemsOf("kind,resource,quantity\n")).toEqual(["2:null:The file has a header but no rows"]);
    expect(problemsOf("kind,resource,quantity\nneed,PLA filament,1,surplus\n")).toEqual([expect.stringMatching(/^2:null:The row has 4 cells/)]);
    const big = "kind,resource,quantity\n" + "need,PLA filament,1\n".repeat(MAX_IMPORT_ROWS + 1);
    expect(problemsOf(big)).toEqual([`${MAX_IMPORT_ROWS + 2}:null:A file may hold at most ${MAX_IMPORT_ROWS} rows; split it`]);
  });

  it("importLookups collects the names and ids to look up", () => {
    expect(importLookups(table("kind,resource,quantity,external_id\nneed,A,1,x\nneed,A,1,y\nneed,B,1,\n"))).toEqual({ resourceNames: ["A", "B"], externalIds: ["x", "y"] });
  });
});

describe("any input", () => {
  // Bad input gets problems, never an exception (which the API would turn into a 500).
  const cell = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom("need", "stock", "PLA filament", "Face shield v3", "1", "-1", "1e9", "2026-12-01", "'=x", '"', "\n", "\u0000", "NaN"),
  );
  it("parse and judge answer a verdict for arbitrary text and arbitrary cells", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const t = parseCsvTable(text);
        if (t.ok) expect(typeof checkImport(t.table, env()).ok).toBe("boolean");
      }),
      { numRuns: 300 },
    );
    const columns = ["kind", "resource", "unit", "quantity", "title", "place", "lat", "lng", "due_at", "available_until", "on_behalf_of", "external_id"];
    fc.assert(
      fc.property(fc.shuffledSubarray(columns, { minLength: 1 }), fc.array(fc.array(cell, { maxLength: 14 }), { maxLength: 6 }), fc.boolean(), (head, rows, create) => {
        const v = checkImport({ header: head, rows: rows.map((cells, i) => ({ row: i + 2, cells })) }, env({ createMissingResources: create }));
        if (!v.ok) for (const p of v.problems) expect(typeof p.message).toBe("string");
      }),
      { numRuns: 300 },
    );
  });
});

describe("importQuerySchema", () => {
  it("reads true/1 and false/0/absent, and refuses anything else", () => {
    expect(importQuerySchema.parse({ createMissingResources: "true", dryRun: "0" })).toEqual({ createMissingResources: true, dryRun: false });
    expect(importQuerySchema.parse({})).toEqual({ createMissingResources: false, dryRun: false });
    expect(importQuerySchema.safeParse({ dryRun: "yes" }).success).toBe(false);
  });
});

describe("the exports' cells", () => {
  const signal = {
    id: "55555555-5555-4555-8555-555555555555", kind: "need", resourceSpec: { name: "=cmd", unit: "each" }, quantity: 10, claimedQuantity: 12,
    deliveredQuantity: 0, title: "-urgent", note: null, locationName: null, lat: -33.9, lng: 151.2, dueAt: NOW, availableFrom: null,
    availableUntil: null, rateQuantity: null, onBehalfOf: null, externalId: null, status: "claimed", owner: { name: "@ada" }, createdAt: NOW, updatedAt: NOW,
  };

  it("a signal's cells line up with the columns, guard text, not numbers, and give its id as external_id without one", () => {
    const cells = signalCsvCells(signal);
    expect(cells).toHaveLength(SIGNAL_EXPORT_COLUMNS.length);
    const row = Object.fromEntries(SIGNAL_EXPORT_COLUMNS.map((c, i) => [c, cells[i]]));
    expect(row).toMatchObject({
      kind: "need", resource: "'=cmd", quantity: "10", title: "'-urgent", lat: "-33.9", lng: "151.2", due_at: NOW.toISOString(),
      external_id: signal.id, id: signal.id, remaining_quantity: "0", owner: "'@ada", status: "claimed",
    });
    // What the export writes, the import reads back as it was.
    const csv = SIGNAL_EXPORT_COLUMNS.join(",") + "\n" + cells.map((c) => `"${c}"`).join(",") + "\n";
    const v = check(csv, { specs: [{ id: SHIELD.id, name: "=cmd", unit: "each", divisible: false }] });
    expect(v.ok && v.rows[0]).toMatchObject({ title: "-urgent", specId: SHIELD.id, externalId: signal.id });
  });

  it("a claim's cells line up with the claim columns", () => {
    const cells = claimCsvCells({
      id: "c", signal: { id: "s", externalId: "x", kind: "need", resourceSpec: { name: "n", unit: "u" } }, quantity: 1.5, status: "claimed",
      claimer: { name: "+me" }, onBehalfOf: null, promisedAt: null, note: null, createdAt: NOW, updatedAt: NOW,
    });
    expect(Object.fromEntries(CLAIM_EXPORT_COLUMNS.map((c, i) => [c, cells[i]]))).toMatchObject({ quantity: "1.5", claimer: "'+me", signal_external_id: "x" });
  });
});
