// One page of a board's list as one SQL statement (ADR 014, 015): filter, score, order and keyset-page in
// the database, so a board of 10,000 signals never travels to the app to be sorted.
//
// Every page reads the board "as of" the first page: the signals at its watermark W, scored at its time T.
// The first page reads the signals table and W in one statement (one snapshot). A later page reads the
// signals that did not change since W from the table, and those that did from their last event at or
// before W (every change appends an event carrying the signal as it then stood), so the ordering, and
// therefore the keyset, is the one the first page saw: no signal twice, none skipped.
import { Prisma } from "../db/generated/client";
import { EARTH_RADIUS_KM, type LatLng } from "../domain/geo";
import type { IntensityConfig } from "../domain/intensity";
import type { ListSignalsQuery } from "../domain/schemas";
import { likeLiteral } from "../db/like";
import { intensitySql, signalColumns } from "./intensity-sql";
import type { SortKeyValue } from "./list-cursor";

const DEFAULT_STATUSES = ["open", "claimed"] as const;

export interface PageSpec {
  boardId: string;
  /** The scoring time T. */
  now: Date;
  /** The first page's watermark, or null on the first page (read with it). */
  watermark: number | null;
  query: ListSignalsQuery;
  /** The sort key of the last signal of the previous page. */
  after: SortKeyValue[] | null;
  intensity: IntensityConfig;
}

export interface PageRow {
  id: string;
  key: SortKeyValue[];
  distanceKm: number | null;
}

const sql = Prisma.sql;
const join = (parts: Prisma.Sql[], sep: string) => Prisma.join(parts, sep);
const msToTs = (ms: Prisma.Sql) => sql`(timestamp 'epoch' + ${ms} * interval '1 millisecond')`;
const tsToMs = (ts: Prisma.Sql) => sql`round(date_part('epoch', ${ts}) * 1000)::int8`;

/** The columns a page reads, from the table or from a signal's JSON as an event carried it. */
function sourceColumns(withText: boolean): { table: Prisma.Sql; json: Prisma.Sql } {
  const table = sql`s.id, s.kind, s.status, s.quantity, s."claimedQuantity", s."dueAt", s."availableUntil", s."reinforcementCount",
    s."refreshedAt", s."createdAt", s."resourceSpecId", s.lat, s.lng`;
  const json = sql`(j->>'id')::uuid, (j->>'kind')::"SignalKind", (j->>'status')::"SignalStatus", (j->>'quantity')::numeric(14,3),
    (j->>'claimedQuantity')::numeric(14,3), (j->>'dueAt')::timestamp(3), (j->>'availableUntil')::timestamp(3),
    (j->>'reinforcementCount')::int, (j->>'refreshedAt')::timestamp(3), (j->>'createdAt')::timestamp(3),
    (j->'resourceSpec'->>'id')::uuid, (j->'location'->>'lat')::float8, (j->'location'->>'lng')::float8`;
  if (!withText) return { table, json };
  return {
    table: sql`${table}, s.title, s.note, rs.name AS "specName"`,
    json: sql`${json}, j->>'title', j->>'note', j->'resourceSpec'->>'name'`,
  };
}

/**
 * The board's signals as they stood at the watermark (or now, on the first page), and the CTEs it needs.
 * On a later page the signals changed since W are looked up once (`changed`), and their state at W read
 * once from their last event at or before W (`past`, one JSON parse each), however often the page's
 * statement reads the source.
 */
function source(spec: PageSpec, withText: boolean): { ctes: Prisma.Sql[]; from: Prisma.Sql } {
  const cols = sourceColumns(withText);
  const board = sql`${spec.boardId}::uuid`;
  const specJoin = withText ? sql`JOIN resource_specs rs ON rs.id = s."resourceSpecId"` : Prisma.empty;
  if (spec.watermark === null) return { ctes: [], from: sql`SELECT ${cols.table} FROM signals s ${specJoin} WHERE s."boardId" = ${board}` };
  const w = sql`${spec.watermark}::int`;
  const ctes = [
    sql`changed AS MATERIALIZED (
      SELECT DISTINCT "signalId" AS id FROM board_events WHERE "boardId" = ${board} AND seq > ${w} AND "signalId" IS NOT NULL)`,
    sql`past AS MATERIALIZED (
      SELECT ${cols.json}
        FROM changed CROSS JOIN LATERAL (
             SELECT e.data::jsonb->'signal' AS j FROM board_events e
              WHERE e."signalId" = changed.id AND e.seq <= ${w}
              ORDER BY e.seq DESC LIMIT 1) before)`,
  ];
  const from = sql`
    SELECT ${cols.table} FROM signals s ${specJoin}
     WHERE s."boardId" = ${board} AND s.id NOT IN (SELECT id FROM changed)
    UNION ALL
    SELECT * FROM past`;
  return { ctes, from };
}

function filters(q: ListSignalsQuery): Prisma.Sql {
  const f: Prisma.Sql[] = [sql`x.status = ANY(${q.status ?? [...DEFAULT_STATUSES]}::text[]::"SignalStatus"[])`];
  if (q.kind) f.push(sql`x.kind = ANY(${q.kind}::text[]::"SignalKind"[])`);
  if (q.resourceSpecId) f.push(sql`x."resourceSpecId" = ${q.resourceSpecId}::uuid`);
  if (q.q) {
    const pattern = `%${likeLiteral(q.q)}%`;
    f.push(sql`(x.title ILIKE ${pattern} OR x.note ILIKE ${pattern} OR x."specName" ILIKE ${pattern})`);
  }
  return join(f, " AND ");
}

/** Great-circle distance in km, as geo.ts haversineKm computes it. */
function distanceSql(near: LatLng): Prisma.Sql {
  const lat0 = sql`${near.lat}::float8`;
  const lng0 = sql`${near.lng}::float8`;
  return sql`(2 * ${EARTH_RADIUS_KM}::float8 * asin(least(1::float8, sqrt(
      power(sin(radians(x.lat - ${lat0}) / 2), 2)
      + cos(radians(${lat0})) * cos(radians(x.lat)) * power(sin(radians(x.lng - ${lng0}) / 2), 2)))))`;
}

interface Key {
  /** Column name in the scored subquery. */
  col: string;
  dir: "asc" | "desc";
  nullable: boolean;
  /** How a cursor value is turned into something comparable with the column. */
  param: (v: SortKeyValue) => Prisma.Sql;
}

const scoreKey: Key = { col: "score", dir: "desc", nullable: false, param: (v) => sql`${String(v)}::text::float8` };
const createdKey: Key = { col: "created", dir: "desc", nullable: false, param: (v) => msToTs(sql`${v}::int8`) };
const idKey: Key = { col: "id", dir: "asc", nullable: false, param: (v) => sql`${v}::uuid` };

/** The sort keys of each order, most significant first; the cursor stores their values in this order. */
function sortKeys(sort: ListSignalsQuery["sort"]): Key[] {
  switch (sort) {
    case "new":
      return [createdKey, idKey];
    case "due":
      return [{ col: "due", dir: "asc", nullable: true, param: (v) => msToTs(sql`${v}::int8`) }, scoreKey, createdKey, idKey];
    case "distance":
      return [{ col: "dist", dir: "asc", nullable: true, param: (v) => sql`${String(v)}::text::float8` }, scoreKey, createdKey, idKey];
    case "intensity":
      return [scoreKey, createdKey, idKey];
  }
}

/** Rows strictly after `after` in the order of `keys` (ascending keys put nulls last). */
function keysetAfter(keys: Key[], after: SortKeyValue[], alias: string): Prisma.Sql {
  const col = (k: Key) => Prisma.raw(`${alias}.${k.col}`);
  const beyond = (i: number): Prisma.Sql => {
    const k = keys[i]!;
    const v = after[i] ?? null;
    const c = col(k);
    const rest = i + 1 < keys.length ? beyond(i + 1) : sql`false`;
    if (k.nullable && v === null) return sql`(${c} IS NULL AND ${rest})`;
    const p = k.param(v);
    const later = k.dir === "desc" ? sql`${c} < ${p}` : k.nullable ? sql`(${c} > ${p} OR ${c} IS NULL)` : sql`${c} > ${p}`;
    return sql`(${later} OR (${c} = ${p} AND ${rest}))`;
  };
  return beyond(0);
}

function orderBy(keys: Key[], alias: string): Prisma.Sql {
  return Prisma.raw(keys.map((k) => `${alias}.${k.col} ${k.dir.toUpperCase()}${k.nullable ? " NULLS LAST" : ""}`).join(", "));
}

/**
 * The page's statement. Its rows: the signal id, its sort key, its distance, and the watermark W (the
 * board's lastSeq in the same snapshot on the first page).
 */
export function pageSql(spec: PageSpec): Prisma.Sql {
  const q = spec.query;
  const keys = sortKeys(q.sort);
  const near = q.near ?? null;
  const needsScore = keys.includes(scoreKey);
  const live = sql`x.status IN ('open', 'claimed')`;
  // A withdrawn, expired or fulfilled signal asks nothing of anyone: it carries no heat (as its DTO says).
  const score = needsScore
    ? sql`CASE WHEN ${live} THEN ${intensitySql(signalColumns("x"), spec.now, spec.intensity)} ELSE 0::float8 END`
    : sql`NULL::float8`;
  const due = q.sort === "due" ? sql`CASE WHEN x.kind IN ('need', 'order') THEN x."dueAt" ELSE x."availableUntil" END` : sql`NULL::timestamp`;
  const dist = near ? distanceSql(near) : sql`NULL::float8`;
  const { ctes, from: src } = source(spec, q.q !== undefined);
  const where = filters(q);
  const limit = q.limit + 1; // one more than the page: whether there is a next page
  // OFFSET 0 keeps the score a computed column: without it the planner would paste the whole expression
  // into every place the keyset mentions it, and evaluate it that many times per row.
  const fence = needsScore || near ? sql`OFFSET 0` : Prisma.empty;
  const scored = (extra: Prisma.Sql) => sql`
    SELECT x.id, x."refreshedAt", ${score} AS score, ${due} AS due, x."createdAt" AS created, ${dist} AS dist
      FROM (${src}) x WHERE ${where} ${extra} ${fence}`;
  const eligible = (alias: string) => {
    const parts: Prisma.Sql[] = [];
    if (near && q.radiusKm !== undefined) parts.push(sql`${Prisma.raw(alias)}.dist <= ${q.radiusKm}::float8`);
    if (spec.after) parts.push(keysetAfter(keys, spec.after, alias));
    return parts.length ? sql`WHERE ${join(parts, " AND ")}` : Prisma.empty;
  };

  // Hottest first: a row's intensity never exceeds its freshness, and freshness only falls with the time
  // since refresh. So score the most recently refreshed eligible rows first (an index walk): the page's
  // last row scores at least as much as the limit-th best of them, and a row refreshed too long ago to
  // reach that cannot be on the page. One minute of slack covers floating-point rounding.
  let cut = Prisma.empty;
  if (q.sort === "intensity") {
    const candidates = Math.max(200, 4 * limit);
    ctes.push(sql`threshold AS MATERIALIZED (
      SELECT coalesce((
        SELECT t.score FROM (SELECT c.score FROM (${scored(sql`ORDER BY x."refreshedAt" DESC`)}) c ${eligible("c")}
                              LIMIT ${candidates}::int) t
         ORDER BY t.score DESC OFFSET ${limit - 1}::int LIMIT 1), 0::float8) AS s)`);
    const hours = sql`(ln(1 / th.s) / ln(2::float8) * ${spec.intensity.halfLifeHours}::float8 + 1 / 60::float8)`;
    cut = sql`AND x."refreshedAt" >= (SELECT CASE WHEN th.s > 0 THEN ${spec.now.toISOString()}::timestamp - ${hours} * interval '1 hour'
                                                   ELSE '-infinity'::timestamp END FROM threshold th)`;
  }

  const watermark =
    spec.watermark === null ? sql`(SELECT "lastSeq" FROM boards WHERE id = ${spec.boardId}::uuid)` : sql`${spec.watermark}::int`;
  return sql`${ctes.length ? sql`WITH ${join(ctes, ", ")}` : Prisma.empty}
    SELECT y.id::text AS id, y.score, ${tsToMs(sql`y.due`)} AS due, ${tsToMs(sql`y.created`)} AS created, y.dist, ${watermark} AS w
      FROM (${scored(cut)}) y
     ${eligible("y")}
     ORDER BY ${orderBy(keys, "y")}
     LIMIT ${limit}::int`;
}

export interface RawPageRow {
  id: string;
  score: number | null;
  due: bigint | number | null;
  created: bigint | number;
  dist: number | null;
  w: number | bigint;
}

/** The sort key of a row, in `sortKeys` order: what the next cursor carries. */
export function rowKey(sort: ListSignalsQuery["sort"], r: RawPageRow): SortKeyValue[] {
  const num = (v: bigint | number | null) => (v === null ? null : Number(v));
  const score = Number(r.score);
  const created = Number(r.created);
  switch (sort) {
    case "new":
      return [created, r.id];
    case "due":
      return [num(r.due), score, created, r.id];
    case "distance":
      return [num(r.dist), score, created, r.id];
    case "intensity":
      return [score, created, r.id];
  }
}
