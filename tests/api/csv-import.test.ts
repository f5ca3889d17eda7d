// CSV import of signals (ADR 023) on both databases: every column, idempotency by external_id, whole-file
// rejection that writes nothing, absurd values, permissions and the media type, a dry run, two imports of
// one file racing, and a 10,000-row file.
import { describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/server";
import { changedTables, fingerprint } from "../support/db-state";
import { allEvents, expectError, expectStatus, hoursFromNow, lastSeq, newBoard, newMember, rawRequest, uniqueSlug, useApp } from "../support/fixtures";
import { postCsv } from "./csv-helpers";

const HEADER = "kind,resource,unit,quantity,title,note,place,lat,lng,due_at,available_from,available_until,on_behalf_of,external_id";

const csvOf = (...lines: string[]) => lines.join("\n") + "\n";

describe.each(DB_KINDS)("CSV import on %s", (kind) => {
  const h = useApp(kind);
  const post = (token: string | null, slug: string, csv: string, query = "") => postCsv(h.app.url, token, slug, csv, query);

  it("imports every column of all four kinds, answers {created, unchanged, ms} and logs one signals.imported event", async () => {
    const { slug, steward, spec } = await newBoard(h.api, { unit: "kg" });
    const org = await steward.api.post("/organizations", { name: `Lab ${slug}`, kind: "makerspace" });
    const due = hoursFromNow(48);
    const until = hoursFromNow(200);
    const csv = csvOf(
      HEADER,
      `need,${spec.name},kg,12.5,Visors for the ward,"urgent, ""really""",Berlin,52.52,13.405,${due},,,${org.body.name},row-1`,
      `order,${spec.name.toUpperCase()},,3,,,,,,${due},,,${org.body.id},row-2`,
      `capacity,${spec.name},,40,,,Lyon workshop,,,,${hoursFromNow(1)},${until},,row-3`,
      `stock,New filament ${slug},kg,7.25,,,,,,,,${until},,row-4`,
    );
    const before = await lastSeq(h.api, slug);
    const r = await post(steward.token, slug, csv, "?createMissingResources=true");
    expectStatus(r, 201);
    expect(r.body).toMatchObject({ created: 4, unchanged: 0, resourcesCreated: 1, rows: 4 });
    expect(typeof r.body.ms).toBe("number");

    const list = await h.api.get(`/boards/${slug}/signals?sort=new&limit=10`);
    const byTitle = new Map<string, any>(list.body.items.map((s: any) => [s.title, s]));
    expect(byTitle.get("Visors for the ward")).toMatchObject({
      kind: "need", quantity: 12.5, note: 'urgent, "really"', location: { name: "Berlin", lat: 52.52, lng: 13.405 },
      onBehalfOf: { id: org.body.id }, owner: { id: steward.id }, resourceSpec: { id: spec.id }, status: "open",
    });
    expect(new Date(byTitle.get("Visors for the ward").dueAt).getTime()).toBe(new Date(due).getTime());
    // No title: the same default as a signal posted through the API; on_behalf_of by id or by name.
    expect(byTitle.get(`Needed: ${spec.name}`)).toMatchObject({ kind: "order", quantity: 3, onBehalfOf: { id: org.body.id } });
    const cap = byTitle.get(`Offered: ${spec.name}`);
    expect(cap).toMatchObject({ kind: "capacity", quantity: 40, location: null });
    expect(new Date(cap.availableUntil).getTime()).toBe(new Date(until).getTime());
    const stock = byTitle.get(`Offered: New filament ${slug}`);
    expect(stock.resourceSpec).toMatchObject({ name: `New filament ${slug}`, unit: "kg", divisible: true });

    const { events } = await allEvents(h.api, slug, before);
    expect(events.map((e) => e.type)).toEqual(["signals.imported"]);
    expect(events[0]).toMatchObject({ actor: { id: steward.id }, data: { created: 4, unchanged: 0, resourcesCreated: 1, rows: 4 } });
  });

  it("importing the same file again creates nothing and logs nothing; new rows beside known ones are created", async () => {
    const { slug, steward, spec } = await newBoard(h.api);
    const rows = [1, 2, 3].map((i) => `need,${spec.name},,${i},,,,,,,,,,ext-${i}`);
    expectStatus(await post(steward.token, slug, csvOf(HEADER, ...rows)), 201);
    const seq = await lastSeq(h.api, slug);
    const again = await post(steward.token, slug, csvOf(HEADER, ...rows));
    expectStatus(again, 200);
    expect(again.body).toMatchObject({ created: 0, unchanged: 3 });
    expect(await lastSeq(h.api, slug)).toBe(seq);
    // A known external_id with changed cells is left as it is (ADR 023), a new one is created.
    const more = await post(steward.token, slug, csvOf(HEADER, `need,${spec.name},,99,Changed,,,,,,,,,ext-1`, `need,${spec.name},,4,,,,,,,,,,ext-4`));
    expectStatus(more, 201);
    expect(more.body).toMatchObject({ created: 1, unchanged: 1 });
    const items = (await h.api.get(`/boards/${slug}/signals?limit=50`)).body.items;
    expect(items.map((s: any) => s.quantity).sort()).toEqual([1, 2, 3, 4]);
  });

  it("rejects the whole file for one bad row, lists every problem by spreadsheet row and column, and writes nothing", async () => {
    const { slug, steward, spec } = await newBoard(h.api);
    const mine = await steward.api.post("/organizations", { name: `Mine ${slug}`, kind: "hub" });
    const outsider = await newMember(h.api);
    const theirs = await outsider.api.post("/organizations", { name: `Theirs ${slug}`, kind: "hub" });
    const csv = csvOf(
      HEADER,
      `need,Brand new ${slug},each,5,,,,,,,,,${mine.body.id},ok-1`, // fine: would create a resource
      `need,${spec.name},,2000000,,,,,,,,,,`, // above the board's limit
      `need,${spec.name},,2.5,,,,,,2126-01-01T00:00:00Z,,,,`, // counted unit; another century
      `need,${spec.name},,1,,,,,,2020-01-01T00:00:00Z,,,,`, // in the past
      `offer,${spec.name},,1,,,,52.5,,,,,,`, // unknown kind; lat without lng
      `stock,${spec.name},kg,1,,,,,,,,,${theirs.body.id},ok-1`, // unit mismatch; not my org; repeated external_id
    );
    const before = await fingerprint(h.app.db.prisma);
    const r = await post(steward.token, slug, csv, "?createMissingResources=true");
    expectError(r, 400, "IMPORT_REJECTED");
    const got = r.body.error.errors.map((e: any) => `${e.row}:${e.column}`);
    expect(got).toEqual(
      expect.arrayContaining([
        "3:quantity", "4:quantity", "4:due_at", "5:due_at", "6:kind", "6:lng", "7:unit", "7:on_behalf_of", "7:external_id",
      ]),
    );
    expect(got).not.toContain("2:resource");
    expect(r.body.error.errorCount).toBe(r.body.error.errors.length);
    for (const e of r.body.error.errors) expect(typeof e.message).toBe("string");
    expect(changedTables(before, await fingerprint(h.app.db.prisma))).toEqual([]);
  });

  it("unknown resources are errors without createMissingResources; a header with unknown or missing columns is row 1", async () => {
    const { slug, steward } = await newBoard(h.api);
    const r = await post(steward.token, slug, csvOf("kind,resource,quantity", `need,Nothing like it ${slug},1`));
    expectError(r, 400, "IMPORT_REJECTED");
    expect(r.body.error.errors).toEqual([expect.objectContaining({ row: 2, column: "resource" })]);
    const head = await post(steward.token, slug, csvOf("kind,resource,quantty", "need,x,1"));
    expectError(head, 400, "IMPORT_REJECTED");
    expect(head.body.error.errors.map((e: any) => `${e.row}:${e.column}`).sort()).toEqual(["1:quantity", "1:quantty"]);
    const broken = await post(steward.token, slug, 'kind,resource,quantity\nneed,"unclosed,1\n');
    expectError(broken, 400, "IMPORT_REJECTED");
    expectError(await post(steward.token, slug, ""), 400, "IMPORT_REJECTED");
    expect(await lastSeq(h.api, slug)).toBe(0);
  });

  it("a dry run answers what an import would do and writes nothing", async () => {
    const { slug, steward, spec } = await newBoard(h.api);
    const csv = csvOf(HEADER, `need,${spec.name},,1,,,,,,,,,,d-1`, `need,New ${slug},each,2,,,,,,,,,,d-2`);
    const before = await fingerprint(h.app.db.prisma);
    const r = await post(steward.token, slug, csv, "?dryRun=true&createMissingResources=true");
    expectStatus(r, 200);
    expect(r.body).toMatchObject({ dryRun: true, created: 2, unchanged: 0, resourcesCreated: 1 });
    expect(changedTables(before, await fingerprint(h.app.db.prisma))).toEqual([]);
    expectError(await post(steward.token, slug, csvOf(HEADER, `need,${spec.name},,0,,,,,,,,,,`), "?dryRun=true"), 400, "IMPORT_REJECTED");
  });

  it("permissions and the media type: 401, 403 NOT_A_MEMBER, 404 members-only, 415, 413; a cross-site cookie write is refused", async () => {
    const { slug, steward, spec } = await newBoard(h.api);
    const hidden = await newBoard(h.api, { visibility: "members" });
    const outsider = await newMember(h.api);
    const csv = csvOf(HEADER, `need,${spec.name},,1,,,,,,,,,,`);
    expectError(await post(null, slug, csv), 401, "UNAUTHENTICATED");
    expectError(await post(outsider.token, slug, csv), 403, "NOT_A_MEMBER");
    expectError(await post(outsider.token, hidden.slug, csv), 404, "NOT_FOUND");
    expectError(await post(outsider.token, uniqueSlug("none"), csv), 404, "NOT_FOUND");
    const asJson = await rawRequest(h.app.url, "POST", `/boards/${slug}/import/signals`, {
      headers: { "content-type": "application/json", authorization: `Bearer ${steward.token}` },
      body: JSON.stringify({ kind: "need" }),
    });
    expectError(asJson, 415, "UNSUPPORTED_MEDIA_TYPE");
    const latin1 = await rawRequest(h.app.url, "POST", `/boards/${slug}/import/signals`, {
      headers: { "content-type": "text/csv; charset=iso-8859-1", authorization: `Bearer ${steward.token}` },
      body: csv,
    });
    expectError(latin1, 415, "UNSUPPORTED_MEDIA_TYPE");
    const huge = await post(steward.token, slug, HEADER + "\n" + "x".repeat(8 * 1024 * 1024));
    expectError(huge, 413, "PAYLOAD_TOO_LARGE");
    const session = await rawRequest(h.app.url, "POST", "/sessions", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: steward.email, password: steward.password }),
    });
    const cookie = session.headers.get("set-cookie")!.split(";")[0]!;
    const crossSite = await rawRequest(h.app.url, "POST", `/boards/${slug}/import/signals`, {
      headers: { "content-type": "text/csv", cookie, origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      body: csv,
    });
    expectError(crossSite, 403, "CROSS_ORIGIN_REQUEST");
    const sameSite = await rawRequest(h.app.url, "POST", `/boards/${slug}/import/signals`, {
      headers: { "content-type": "text/csv", cookie, "sec-fetch-site": "same-origin" },
      body: csv,
    });
    expectStatus(sameSite, 201);
    expect(await lastSeq(hidden.steward.api, hidden.slug)).toBe(0);
  });

  it("two imports of one file racing create its signals once", async () => {
    const { slug, steward, spec } = await newBoard(h.api);
    const csv = csvOf(HEADER, ...Array.from({ length: 50 }, (_, i) => `need,${spec.name},,${i + 1},,,,,,,,,,race-${i}`));
    const answers = await Promise.all([1, 2, 3].map(() => post(steward.token, slug, csv)));
    for (const a of answers) expect([200, 201]).toContain(a.status);
    expect(answers.reduce((n, a) => n + a.body.created, 0)).toBe(50);
    expect(answers.reduce((n, a) => n + a.body.unchanged, 0)).toBe(100);
    const { events } = await allEvents(h.api, slug);
    expect(events.filter((e) => e.type === "signals.imported")).toHaveLength(1);
  });

  it("imports a 10,000-row file in one request, and re-importing it creates nothing", async () => {
    const { slug, steward, spec } = await newBoard(h.api, { unit: "kg" });
    const due = hoursFromNow(24 * 30);
    const rows = Array.from({ length: 10_000 }, (_, i) =>
      i % 2 === 0
        ? `need,${spec.name},kg,${(i % 97) + 0.5},Need ${i},,Place ${i % 50},${(i % 180) - 89.5},${(i % 360) - 179.5},${due},,,,big-${i}`
        : `stock,${spec.name},kg,${(i % 13) + 1},,,,,,,,${due},,big-${i}`,
    );
    const csv = csvOf(HEADER, ...rows);
    const r = await post(steward.token, slug, csv);
    expectStatus(r, 201);
    expect(r.body).toMatchObject({ created: 10_000, unchanged: 0, rows: 10_000 });
    const counts = await h.app.db.prisma.signal.groupBy({ by: ["kind"], where: { board: { slug } }, _count: true });
    expect(Object.fromEntries(counts.map((c) => [c.kind, c._count]))).toEqual({ need: 5_000, stock: 5_000 });
    const again = await post(steward.token, slug, csv);
    expectStatus(again, 200);
    expect(again.body).toMatchObject({ created: 0, unchanged: 10_000 });
    expect(await h.app.db.prisma.signal.count({ where: { board: { slug } } })).toBe(10_000);
  }, 120_000);
});
