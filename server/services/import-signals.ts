// Imports a CSV file of signals onto a board in one transaction (ADR 023): every row is judged first
// (csv-import.ts), any problem rejects the whole file, and the rows are written with one multi-row insert
// per table and one `signals.imported` event, so 10,000 rows cost a handful of statements, and a board
// with 1,000 viewers gets one message, not 10,000.
import type { ImportResult } from "../domain/dto";
import { DomainError } from "../domain/errors";
import { parseCsvTable, type CsvProblem, type CsvTable } from "../domain/csv-table";
import { checkImport, importLookups, nameKey, type ImportEnv, type ImportRow, type ImportVerdict } from "../domain/csv-import";
import { isRequestKind } from "../domain/signal-rules";
import type { Actor, ServiceContext, Tx } from "./context";
import { loadReadableBoard, requireActor, requireBoardWriter, type BoardRef } from "./access";
import { commitWithEventLog } from "./event-log";

type Db = ServiceContext["prisma"] | Tx;

export interface ImportOptions {
  createMissingResources: boolean;
  /** Judge the file and answer what an import would do, writing nothing. */
  dryRun: boolean;
}


function rejected(problems: CsvProblem[], problemCount = problems.length): DomainError {
  const rows = new Set(problems.map((p) => p.row)).size;
  return new DomainError(
    "IMPORT_REJECTED",
    `The file was not imported: ${problemCount} problem${problemCount === 1 ? "" : "s"}${rows > 1 ? ` in ${rows} rows` : ""}. Nothing was written.`,
    undefined,
    { errors: problems, errorCount: problemCount },
  );
}

/** Reads what the rules need to know about the file's names and ids, then judges it. */
async function judge(db: Db, board: BoardRef, actor: Actor, table: CsvTable, opts: ImportOptions, now: Date): Promise<ImportVerdict> {
  const { resourceNames, externalIds } = importLookups(table);
  const keys = [...new Set(resourceNames.map(nameKey))];
  // Sequential on purpose: `db` may be a transaction, whose one connection cannot overlap queries.
  const specs = keys.length
    ? await db.$queryRaw<ImportEnv["specs"]>`
        SELECT id::text AS id, name, unit, divisible FROM resource_specs
         WHERE lower(regexp_replace(btrim(name), '\\s+', ' ', 'g')) = ANY(${keys}::text[])
         ORDER BY "createdAt", id`
    : [];
  const known = externalIds.length
    ? await db.$queryRaw<Array<{ externalId: string }>>`
        SELECT "externalId" FROM signals WHERE "boardId" = ${board.id}::uuid AND "externalId" = ANY(${externalIds}::text[])`
    : [];
  const orgs = await db.organizationMember.findMany({
    where: { userId: actor.userId },
    select: { organization: { select: { id: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  const limits = await db.board.findUniqueOrThrow({ where: { id: board.id }, select: { importMaxQuantity: true } });
  return checkImport(table, {
    now,
    maxQuantity: Number(limits.importMaxQuantity),
    createMissingResources: opts.createMissingResources,
    specs,
    orgs: orgs.map((o) => o.organization),
    knownExternalIds: new Set(known.map((k) => k.externalId)),
  });
}

/** POST /boards/:slug/import/signals: members of the board only. */
export async function importSignals(
  ctx: ServiceContext,
  actorOrNull: Actor | null,
  slug: string,
  /** Read only once the importer is known to be a member: an outsider's upload is not buffered. */
  readCsv: () => Promise<string>,
  opts: ImportOptions,
): Promise<ImportResult> {
  const started = performance.now();
  const actor = requireActor(actorOrNull);
  const { board, viewer } = await loadReadableBoard(ctx.prisma, slug, actor);
  requireBoardWriter(viewer, board);
  const parsed = parseCsvTable(await readCsv());
  if (!parsed.ok) throw rejected(parsed.problems);
  const now = ctx.now();
  const ms = () => Math.round(performance.now() - started);

  if (opts.dryRun) {
    const verdict = await judge(ctx.prisma, board, actor, parsed.table, opts, now);
    if (!verdict.ok) throw rejected(verdict.problems, verdict.problemCount);
    return { created: verdict.rows.length, unchanged: verdict.unchanged, resourcesCreated: verdict.newSpecs.length, rows: parsed.table.rows.length, dryRun: true, ms: ms() };
  }

  const { result, publish } = await commitWithEventLog(ctx, async (tx, append) => {
    // The board's row lock serialises imports to one board, so the external ids judged here are still the
    // board's when the rows are written, and two imports of one file cannot both create its signals.
    await tx.$queryRaw`SELECT id FROM boards WHERE id = ${board.id}::uuid FOR UPDATE`;
    const verdict = await judge(tx, board, actor, parsed.table, opts, now);
    if (!verdict.ok) throw rejected(verdict.problems, verdict.problemCount);
    const specIds = new Map<string, { id: string; name: string }>();
    if (verdict.newSpecs.length > 0) {
      const made = await tx.resourceSpec.createManyAndReturn({
        data: verdict.newSpecs.map((s) => ({ name: s.name, unit: s.unit, divisible: s.divisible, createdById: actor.userId, createdAt: now })),
        select: { id: true, name: true },
      });
      for (const s of made) specIds.set(nameKey(s.name), s);
    }
    const rows = verdict.rows.map((r) => ({ ...r, specId: r.specId ?? specIds.get(r.newSpecKey!)!.id }));
    const count = rows.length ? await insertSignals(tx, rows, board.id, actor.userId, now) : 0;
    const summary = { created: count, unchanged: verdict.unchanged + (rows.length - count), resourcesCreated: verdict.newSpecs.length };
    if (count > 0) await append(board, [{ type: "signals.imported", actor, data: { ...summary, rows: parsed.table.rows.length } }], now);
    return summary;
  });
  publish();
  return { ...result, rows: parsed.table.rows.length, dryRun: false, ms: ms() };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const str = (n: number | null) => (n === null ? null : String(n));

/**
 * Every row in one INSERT over unnest()ed column arrays: one statement with a fixed number of parameters
 * whatever the row count. Prisma's createMany binds every cell (about 17 per row), which cost 10-15 s for
 * 10,000 rows here, against well under a second for this (ADR 023). ON CONFLICT on (board, external id)
 * is a belt to the board lock's braces. Dates travel as UTC ISO text into `timestamp(3)`, as Prisma stores
 * them.
 */
async function insertSignals(tx: Tx, rows: Array<ImportRow & { specId: string }>, boardId: string, ownerId: string, now: Date): Promise<number> {
  const col = <T>(f: (r: ImportRow & { specId: string }) => T) => rows.map(f);
  // The same default title as a signal posted through the API (create-signal.ts).
  const titles = col((r) => r.title ?? `${isRequestKind(r.kind) ? "Needed" : "Offered"}: ${r.specName}`);
  const at = now.toISOString();
  return tx.$executeRaw`
    INSERT INTO signals (id, "boardId", kind, "resourceSpecId", title, note, quantity, "ownerId", "onBehalfOfId",
                         "locationName", lat, lng, "dueAt", "availableFrom", "availableUntil", "rateQuantity", "ratePeriod",
                         "externalId", "refreshedAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), ${boardId}::uuid, u.kind::"SignalKind", u.spec::uuid, u.title, u.note, u.qty::numeric(14,3),
           ${ownerId}::uuid, u.org::uuid, u.place, u.lat::float8, u.lng::float8, u.due::timestamp(3), u.afrom::timestamp(3),
           u.auntil::timestamp(3), u.rate::numeric(14,3), CASE WHEN u.rate IS NULL THEN NULL ELSE 'week'::"RatePeriod" END, u.ext, ${at}::timestamp(3), ${at}::timestamp(3), ${at}::timestamp(3)
      FROM unnest(${col((r) => r.kind)}::text[], ${col((r) => r.specId)}::text[], ${titles}::text[], ${col((r) => r.note)}::text[],
                  ${col((r) => String(r.quantity))}::text[], ${col((r) => r.onBehalfOfId)}::text[], ${col((r) => r.locationName)}::text[],
                  ${col((r) => str(r.lat))}::text[], ${col((r) => str(r.lng))}::text[], ${col((r) => iso(r.dueAt))}::text[],
                  ${col((r) => iso(r.availableFrom))}::text[], ${col((r) => iso(r.availableUntil))}::text[], ${col((r) => str(r.ratePerWeek))}::text[],
                  ${col((r) => r.externalId)}::text[])
           AS u(kind, spec, title, note, qty, org, place, lat, lng, due, afrom, auntil, rate, ext)
    ON CONFLICT ("boardId", "externalId") DO NOTHING`;
}
