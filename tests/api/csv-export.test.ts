// CSV exports (ADR 024) on both databases: an export imports back (export, import elsewhere, export
// again: the same import columns), formula-looking text is guarded and comes back as typed, exports page
// through more rows than one page, claims.csv, and read access following the board's visibility.
import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { DB_KINDS } from "../support/server";
import { expectError, expectStatus, hoursFromNow, newBoard, newMember, postClaim, postSignal, rawRequest, useApp } from "../support/fixtures";
import { IMPORT_COLUMNS } from "../../server/domain/csv-import";
import { postCsv } from "./csv-helpers";

const HEADER = IMPORT_COLUMNS.join(",");

async function download(baseUrl: string, token: string | null, path: string) {
  const res = await fetch(`${baseUrl}/api/v1${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  // Decoded keeping the byte-order mark, which res.text() would drop.
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, text, rows: res.status === 200 ? (parse(text, { columns: true, bom: true }) as Record<string, string>[]) : [] };
}

const importColumnsOf = (rows: Record<string, string>[]) =>
  rows.map((r) => Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, r[c]]))).sort((a, b) => a.external_id!.localeCompare(b.external_id!));

describe.each(DB_KINDS)("CSV export on %s", (kind) => {
  const h = useApp(kind);

  it("round trip: export, import into another board, export again gives the same import columns; formulas are guarded", async () => {
    const a = await newBoard(h.api, { unit: "kg" });
    const b = await newBoard(h.api);
    expectStatus(await a.steward.api.post(`/boards/${b.slug}/members`), 201);
    const org = await a.steward.api.post("/organizations", { name: `Coop ${a.slug}`, kind: "hub" });
    const due = hoursFromNow(72);
    const until = hoursFromNow(300);
    const csv = [
      HEADER,
      `need,${a.spec.name},kg,12.5,"=HYPERLINK(""http://x"")","line one\nline two, with ""quotes""",Berlin,52.52,13.405,${due},,,,${org.body.name},src-1`,
      `stock,Spools ${a.slug},each,40,,-5 kept back,Lyon hub,,,,${hoursFromNow(-5)},${until},,,src-2`,
      `capacity,${a.spec.name},,30.125,@ weekends,,,-33.9,-70.6,,,${until},12.5,,src-3`,
    ].join("\n");
    expectStatus(await postCsv(h.app.url, a.steward.token, a.slug, csv, "?createMissingResources=true"), 201);
    await postSignal(a.steward, a.slug, { kind: "order", resourceSpecId: a.spec.id, quantity: 3, dueAt: due, title: "+ posted by hand" });

    const first = await download(h.app.url, null, `/boards/${a.slug}/export/signals.csv`);
    expectStatus(first as any, 200);
    expect(first.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(first.headers.get("content-disposition")).toBe(`attachment; filename="${a.slug}-signals.csv"`);
    expect(first.text.startsWith("\ufeffkind,resource,unit,quantity,")).toBe(true);
    expect(first.rows).toHaveLength(4);
    // Guarded for spreadsheets: a formula-looking title or note starts with a quote in the file ...
    expect(first.text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(first.rows.map((r) => r.note)).toContain("'-5 kept back");
    expect(first.rows.map((r) => r.title)).toContain("'+ posted by hand");
    // ... numbers are not: negative coordinates stay numbers.
    expect(first.rows.find((r) => r.external_id === "src-3")).toMatchObject({ lat: "-33.9", lng: "-70.6", quantity: "30.125", title: "'@ weekends", rate_per_week: "12.5" });
    const handPosted = first.rows.find((r) => r.kind === "order")!;
    expect(handPosted.external_id).toBe(handPosted.id); // no source key: its own id

    const again = await postCsv(h.app.url, a.steward.token, b.slug, first.text);
    expectStatus(again, 201);
    expect(again.body).toMatchObject({ created: 4, unchanged: 0 });
    const second = await download(h.app.url, null, `/boards/${b.slug}/export/signals.csv`);
    expect(importColumnsOf(second.rows)).toEqual(importColumnsOf(first.rows));
    // ... and the board shows what was typed, without the guard.
    const titles = (await h.api.get(`/boards/${b.slug}/signals?limit=10`)).body.items.map((s: any) => s.title).sort();
    expect(titles).toEqual(["+ posted by hand", "=HYPERLINK(\"http://x\")", "@ weekends", `Offered: Spools ${a.slug}`].sort());
    // The capacity's rate came through both imports: its calendar is there on the second board.
    const capacity = (await h.api.get(`/boards/${b.slug}/signals?limit=10`)).body.items.find((s: any) => s.kind === "capacity");
    expect(capacity.rate).toEqual({ quantity: 12.5, period: "week" });
    // Importing the export again creates nothing: every row has a key.
    expect((await postCsv(h.app.url, a.steward.token, b.slug, second.text)).body).toMatchObject({ created: 0, unchanged: 4 });
  });

  it("streams more rows than one page, each once, and filters by status", async () => {
    const { slug, steward, spec } = await newBoard(h.api);
    const rows = Array.from({ length: 1_234 }, (_, i) => `need,${spec.name},,${i + 1},,,,,,,,,,,p-${i}`);
    expectStatus(await postCsv(h.app.url, steward.token, slug, [HEADER, ...rows].join("\n")), 201);
    const all = await download(h.app.url, null, `/boards/${slug}/export/signals.csv`);
    expect(all.rows).toHaveLength(1_234);
    expect(new Set(all.rows.map((r) => r.id)).size).toBe(1_234);
    const one = all.rows[0]!;
    expectStatus(await steward.api.post(`/signals/${one.id}/withdraw`), 200);
    const open = await download(h.app.url, null, `/boards/${slug}/export/signals.csv?status=open,claimed`);
    expect(open.rows).toHaveLength(1_233);
    expect(open.rows.map((r) => r.id)).not.toContain(one.id);
    const bad = await rawRequest(h.app.url, "GET", `/boards/${slug}/export/signals.csv?status=gone`);
    expectError(bad, 400, "VALIDATION_FAILED", ["status"]);
  });

  it("claims.csv lists every claim of the board with its signal, claimer and state", async () => {
    const { slug, steward, members, spec } = await newBoard(h.api, { members: 1 });
    const s = await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: 10, note: "n" });
    const c1 = await postClaim(members[0]!, s.id, 4);
    await postClaim(members[0]!, s.id, 2);
    expectStatus(await members[0]!.api.post(`/claims/${c1.id}/transition`, { to: "in_progress" }), 200);
    const got = await download(h.app.url, null, `/boards/${slug}/export/claims.csv`);
    expect(got.status).toBe(200);
    expect(got.headers.get("content-disposition")).toBe(`attachment; filename="${slug}-claims.csv"`);
    const byQuantity = [...got.rows].sort((x, y) => Number(y.quantity) - Number(x.quantity));
    expect(byQuantity.map((r) => [r.quantity, r.status, r.claimer, r.signal_id, r.resource, r.kind])).toEqual([
      ["4", "in_progress", members[0]!.name, s.id, spec.name, "need"],
      ["2", "claimed", members[0]!.name, s.id, spec.name, "need"],
    ]);
  });

  it("members-only boards export to their members only (404 to others); public boards to anyone", async () => {
    // Only a steward is a member of a members-only board without an invitation.
    const hidden = await newBoard(h.api, { visibility: "members" });
    await postSignal(hidden.steward, hidden.slug, { kind: "need", resourceSpecId: hidden.spec.id, quantity: 1, title: "secret" });
    const outsider = await newMember(h.api);
    for (const file of ["signals.csv", "claims.csv", "ledger.csv"]) {
      const path = `/boards/${hidden.slug}/export/${file}`;
      expectError(await rawRequest(h.app.url, "GET", path), 404, "NOT_FOUND");
      expectError(await rawRequest(h.app.url, "GET", path, { headers: { authorization: `Bearer ${outsider.token}` } }), 404, "NOT_FOUND");
      expect((await download(h.app.url, hidden.steward.token, path)).status).toBe(200);
    }
    const mine = await download(h.app.url, hidden.steward.token, `/boards/${hidden.slug}/export/signals.csv`);
    expect(mine.rows.map((r) => r.title)).toEqual(["secret"]);
    expect(mine.headers.get("cache-control")).toContain("no-store");
  });

  it("ledger.csv: every event in ledger order with its hashes, as the ledger API shows them, formulas guarded", async () => {
    const b = await newBoard(h.api);
    const org = (await b.steward.api.post("/organizations", { name: `Makers ${b.slug}`, kind: "makerspace" })).body;
    const record = async (body: Record<string, unknown>) =>
      expectStatus(await b.steward.api.post(`/boards/${b.slug}/ledger/events`, { resourceSpecId: b.spec.id, provider: org.id, ...body }), 201);
    const workshop = { name: "Workshop", lat: 52.52, lng: 13.405 };
    await record({ action: "produce", quantity: 10, location: workshop, note: "=SUM(A1:A9)" });
    await record({ action: "consume", quantity: 3, location: workshop });
    await record({ action: "produce", quantity: 2.0 });
    const file = await download(h.app.url, null, `/boards/${b.slug}/export/ledger.csv`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toContain(`${b.slug}-ledger.csv`);
    const events = (await h.api.get(`/boards/${b.slug}/ledger/events`)).body.items as Array<{ seq: number; hash: string; previousHash: string; action: string }>;
    expect(file.rows.map((r) => [Number(r.seq), r.action, r.hash, r.previous_hash])).toEqual(events.map((e) => [e.seq, e.action, e.hash, e.previousHash]));
    expect(file.rows[0]).toMatchObject({ quantity: "10", provider: org.name, provider_id: org.id, place: "Workshop", lat: "52.52", note: "'=SUM(A1:A9)" });
    expect(file.rows[1]).toMatchObject({ action: "consume", quantity: "3" });
  });
});
