// bench:import — a CSV file of ROWS signals imported through the HTTP API into the real server on the
// embedded database (PGlite), against the same rows written by one raw INSERT on a fresh PGlite in the
// same run.
//
// The real server runs as a child process (fresh DATA_DIR, SEED_DEMO=false). Through the API: an owner
// signs up, creates a board, a resource specification and an organization. A warm-up file of 100 rows is
// imported first (route modules, statement plans). Then the measured file: ROWS rows (needs and stock,
// every column used: title, note, place, coordinates, dates, on_behalf_of, external_id), sent as one
// text/csv POST; `ms` is request sent → answer received, and the answer must count ROWS created. The same
// file is sent again (it must count ROWS unchanged) and its time printed as reimport_ms.
// Baseline (in this process, after the server stopped): a fresh PGlite in a temporary folder like the
// server's, the migrations applied, the same owner, board and specification, and the same ROWS rows as
// ONE raw `INSERT ... SELECT FROM unnest(column arrays)` in one transaction: the database's floor, with
// no HTTP, no parsing, no validation.
// Env: ROWS (10000). Shared (bench/lib/app-server.ts, machine.ts): BENCH_APP (snapshot | tree),
// BENCH_QUIET_WAIT_S / BENCH_QUIET_PCT, BENCH_SERVER_CPU_PROF=<dir>, BENCH_PGLITE_TRACE=1.
// Final line: bench:import rows=N ms=X rows_per_s=X baseline_ms=X ratio=X
import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { ApiClient, newMember, newSpec } from "../tests/support/api-client";
import { prepareApp, printTrace, startAppServer } from "./lib/app-server";
import { envInt, fmt, now, ROOT, runMain, tempDir } from "./lib/common";
import { loadWatch, waitForQuiet } from "./lib/machine";

const ROWS = envInt("ROWS", 10_000, 1);
const SLUG = "bench-import";
const HEADER = "kind,resource,unit,quantity,title,note,place,lat,lng,due_at,available_from,available_until,on_behalf_of,external_id";

interface Row {
  kind: "need" | "stock";
  quantity: number;
  title: string;
  note: string;
  place: string;
  lat: number;
  lng: number;
  dueAt: string | null;
  availableUntil: string | null;
  externalId: string;
}

function makeRows(n: number, prefix: string): Row[] {
  const due = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
  return Array.from({ length: n }, (_, i) => {
    const need = i % 2 === 0;
    return {
      kind: need ? "need" : "stock",
      quantity: (i % 500) + 1,
      title: `${need ? "Needed" : "On hand"}: batch ${i}`,
      note: i % 3 === 0 ? `Row ${i}, "quoted", with a comma` : "",
      place: `Workshop ${i % 200}`,
      lat: Number(((i % 170) - 85 + 0.123).toFixed(3)),
      lng: Number(((i % 350) - 175 + 0.456).toFixed(3)),
      dueAt: need ? due : null,
      availableUntil: need ? null : due,
      externalId: `${prefix}-${i}`,
    };
  });
}

const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function toCsv(rows: Row[], spec: string, org: string): string {
  const lines = rows.map((r) =>
    [r.kind, spec, "each", r.quantity, r.title, r.note, r.place, r.lat, r.lng, r.dueAt ?? "", "", r.availableUntil ?? "", org, r.externalId]
      .map((c) => q(String(c)))
      .join(","),
  );
  return [HEADER, ...lines].join("\n") + "\n";
}

async function postCsv(api: ApiClient, token: string, csv: string) {
  const started = now();
  const res = await fetch(`${api.baseUrl}/api/v1/boards/${SLUG}/import/signals`, {
    method: "POST",
    headers: { "content-type": "text/csv", authorization: `Bearer ${token}` },
    body: csv,
    signal: AbortSignal.timeout(300_000),
  });
  const body = (await res.json()) as { created: number; unchanged: number; ms: number };
  return { status: res.status, body, ms: now() - started };
}

async function baseline(rows: Row[]): Promise<number> {
  const dir = tempDir("stigmergy-bench-import-baseline");
  const db = new PGlite(path.join(dir, "data"));
  await db.waitReady;
  const migDir = path.join(ROOT, "prisma", "migrations");
  for (const m of readdirSync(migDir).filter((d) => existsSync(path.join(migDir, d, "migration.sql"))).sort())
    await db.exec(readFileSync(path.join(migDir, m, "migration.sql"), "utf8"));
  const ownerId = randomUUID();
  const boardId = randomUUID();
  const specId = randomUUID();
  const orgId = randomUUID();
  await db.query(`INSERT INTO users (id, email, name, "passwordHash") VALUES ($1, 'o@example.test', 'Owner', 'x')`, [ownerId]);
  await db.query(`INSERT INTO boards (id, slug, name) VALUES ($1, $2, 'Import bench')`, [boardId, SLUG]);
  await db.query(`INSERT INTO resource_specs (id, name, unit) VALUES ($1, 'Face shield v3', 'each')`, [specId]);
  await db.query(`INSERT INTO organizations (id, name, kind) VALUES ($1, 'Bench lab', 'makerspace')`, [orgId]);
  const at = new Date().toISOString();
  const col = <T>(f: (r: Row) => T) => rows.map(f);
  const started = now();
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO signals (id, "boardId", kind, "resourceSpecId", title, note, quantity, "ownerId", "onBehalfOfId",
                            "locationName", lat, lng, "dueAt", "availableUntil", "externalId", "refreshedAt", "createdAt", "updatedAt")
       SELECT gen_random_uuid(), $1::uuid, u.kind::"SignalKind", $2::uuid, u.title, u.note, u.qty::numeric(14,3), $3::uuid, $4::uuid,
              u.place, u.lat::float8, u.lng::float8, u.due::timestamp(3), u.until::timestamp(3), u.ext, $5::timestamp(3), $5::timestamp(3), $5::timestamp(3)
         FROM unnest($6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
              AS u(kind, title, note, qty, place, lat, lng, due, until, ext)`,
      [
        boardId, specId, ownerId, orgId, at,
        col((r) => r.kind), col((r) => r.title), col((r) => r.note || null), col((r) => String(r.quantity)), col((r) => r.place),
        col((r) => String(r.lat)), col((r) => String(r.lng)), col((r) => r.dueAt), col((r) => r.availableUntil), col((r) => r.externalId),
      ],
    );
  });
  const ms = now() - started;
  const count = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM signals`);
  await db.close();
  if (count.rows[0]!.n !== rows.length) throw new Error(`baseline wrote ${count.rows[0]!.n} rows, expected ${rows.length}`);
  return ms;
}

async function main(): Promise<number> {
  console.log(`bench:import — rows=${ROWS} on the embedded database (PGlite)`);
  const appDir = await prepareApp();
  await waitForQuiet();
  const server = await startAppServer({ appDir, seedDemo: false, name: "import" });
  console.log(`app server pid ${server.pid} ready in ${fmt(server.startupMs, 0)} ms (fresh DATA_DIR on PGlite, SEED_DEMO=false)`);

  const api = new ApiClient(server.url);
  const owner = await newMember(api, { name: "Bench importer" });
  const board = await owner.api.post("/boards", { slug: SLUG, name: "Import bench" });
  if (board.status !== 201) throw new Error(`board: ${JSON.stringify(board.body)}`);
  const spec = await newSpec(owner.api, "Face shield v3", "each");
  const org = await owner.api.post("/organizations", { name: "Bench lab", kind: "makerspace" });
  if (org.status !== 201) throw new Error(`organization: ${JSON.stringify(org.body)}`);

  const warm = await postCsv(api, owner.token, toCsv(makeRows(100, "warm"), spec.name, "Bench lab"));
  if (warm.status !== 201) throw new Error(`warm-up import: ${warm.status} ${JSON.stringify(warm.body).slice(0, 500)}`);

  const rows = makeRows(ROWS, "row");
  const csv = toCsv(rows, spec.name, "Bench lab");
  console.log(`file: ${ROWS} rows, ${fmt(Buffer.byteLength(csv) / 1024 / 1024, 2)} MB`);
  await server.traceSnapshot(); // starts the trace's window at the measured import
  const load = loadWatch(() => [server.pid, process.pid]);
  const first = await postCsv(api, owner.token, csv);
  const busy = load.stop();
  if (first.status !== 201 || first.body.created !== ROWS) throw new Error(`import: ${first.status} ${JSON.stringify(first.body).slice(0, 500)}`);
  printTrace(await server.traceSnapshot(), ROWS, "row");
  console.log(`import: ${fmt(first.ms, 0)} ms through HTTP (the server's own count: ${first.body.ms} ms); created ${first.body.created}; ${busy.text}`);
  const again = await postCsv(api, owner.token, csv);
  if (again.status !== 200 || again.body.unchanged !== ROWS) throw new Error(`re-import: ${again.status} ${JSON.stringify(again.body).slice(0, 500)}`);
  console.log(`re-import of the same file: ${fmt(again.ms, 0)} ms; created ${again.body.created}, unchanged ${again.body.unchanged}`);
  await server.stop();

  const baseMs = await baseline(rows);
  console.log(`baseline: the same ${ROWS} rows as one raw INSERT ... unnest() on a fresh PGlite: ${fmt(baseMs, 0)} ms`);
  const rowsPerS = ROWS / (first.ms / 1000);
  console.log(`bench:import rows=${ROWS} ms=${fmt(first.ms, 0)} rows_per_s=${fmt(rowsPerS, 0)} reimport_ms=${fmt(again.ms, 0)} baseline_ms=${fmt(baseMs, 0)} ratio=${fmt(first.ms / baseMs, 2)}`);
  return 0;
}

runMain(main);
