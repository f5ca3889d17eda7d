// Imports a CSV file of signals onto a board in one transaction (ADR 023): every row is judged first
// (csv-import.ts), any problem rejects the whole file, and the rows are written with one multi-row insert
// per table and one `signals.imported` event, so 10,000 rows cost a handful of statements, and a board
// with 1,000 viewers gets one message, not 10,000.
import { Prisma } from "../db/generated/client";
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

export interface ImportResult {
  /** Signals written (or, on a dry run, that would be). */
  created: number;
  /** Rows whose external_id the board already holds: left as they are. */
  unchanged: number;
  resourcesCreated: number;
  rows: number;
  dryRun: boolean;
  ms: number;
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
    const data = verdict.rows.map((r) => signalRow(r, board.id, actor.userId, now, r.specId ?? specIds.get(r.newSpecKey!)!.id));
    // ON CONFLICT DO NOTHING on (board, external id): a belt to the lock's braces.
    const { count } = data.length ? await tx.signal.createMany({ data, skipDuplicates: true }) : { count: 0 };
    const summary = { created: count, unchanged: verdict.unchanged + (data.length - count), resourcesCreated: verdict.newSpecs.length };
    if (count > 0) await append(board, [{ type: "signals.imported", actor, data: { ...summary, rows: parsed.table.rows.length } }], now);
    return summary;
  });
  publish();
  return { ...result, rows: parsed.table.rows.length, dryRun: false, ms: ms() };
}

function signalRow(r: ImportRow, boardId: string, ownerId: string, now: Date, resourceSpecId: string): Prisma.SignalCreateManyInput {
  return {
    boardId,
    kind: r.kind,
    resourceSpecId,
    // The same default title as a signal posted through the API (create-signal.ts).
    title: r.title ?? `${isRequestKind(r.kind) ? "Needed" : "Offered"}: ${r.specName}`,
    note: r.note,
    quantity: new Prisma.Decimal(r.quantity),
    ownerId,
    onBehalfOfId: r.onBehalfOfId,
    locationName: r.locationName,
    lat: r.lat,
    lng: r.lng,
    dueAt: r.dueAt,
    availableFrom: r.availableFrom,
    availableUntil: r.availableUntil,
    externalId: r.externalId,
    refreshedAt: now,
    createdAt: now,
  };
}
