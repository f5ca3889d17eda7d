// The intensity of server/domain/intensity.ts as a SQL expression, so that the board's list can order and
// page in the database instead of loading and scoring every signal in the app (ADR 014). It is the same
// formula, operation for operation, in float8 (never numeric, which is several times slower per row):
//
//   freshness × unmet × overdueFade × (0.5 + 0.3·urgency + 0.2·reinforcement), clamped to [0, 1]
//
// written so that each row evaluates only the branch it needs: a fully claimed signal costs one
// comparison, an undated one never converts a date. Tests hold it equal to `intensityScore` on random
// inputs on both databases (tests/api/intensity-sql.test.ts); change both together.
import { Prisma } from "../db/generated/client";
import { INTENSITY_WEIGHTS, UNDATED_URGENCY, type IntensityConfig } from "../domain/intensity";

/** The columns (or expressions) the score reads, named as the caller's FROM clause has them. */
export interface IntensityColumns {
  kind: Prisma.Sql;
  quantity: Prisma.Sql;
  claimedQuantity: Prisma.Sql;
  dueAt: Prisma.Sql;
  availableUntil: Prisma.Sql;
  reinforcementCount: Prisma.Sql;
  refreshedAt: Prisma.Sql;
}

/** The columns of the `signals` table under an alias. */
export function signalColumns(alias: string): IntensityColumns {
  const c = (name: string) => Prisma.raw(`${alias}."${name}"`);
  return {
    kind: c("kind"),
    quantity: c("quantity"),
    claimedQuantity: c("claimedQuantity"),
    dueAt: c("dueAt"),
    availableUntil: c("availableUntil"),
    reinforcementCount: c("reinforcementCount"),
    refreshedAt: c("refreshedAt"),
  };
}

const f8 = (n: number) => Prisma.sql`${n}::float8`;

/**
 * The unrounded intensity at `now` (what `intensityScore` returns), as a float8 expression. `now` is a
 * parameter: the list pins it for all the pages of one listing.
 */
export function intensitySql(c: IntensityColumns, now: Date, config: IntensityConfig): Prisma.Sql {
  const nowTs = Prisma.sql`${now.toISOString()}::timestamp`;
  const nowS = f8(now.getTime() / 1000);
  const halfLife = f8(config.halfLifeHours);
  const w = INTENSITY_WEIGHTS;
  const isRequest = Prisma.sql`${c.kind} IN ('need', 'order')`;
  const date = Prisma.sql`(CASE WHEN ${isRequest} THEN ${c.dueAt} ELSE ${c.availableUntil} END)`;
  const hours = (from: Prisma.Sql, to: Prisma.Sql) => Prisma.sql`((${to} - ${from}) / 3600::float8)`;
  const epoch = (ts: Prisma.Sql) => Prisma.sql`date_part('epoch', ${ts})`;

  const freshness = Prisma.sql`power(0.5::float8, greatest(0::float8, ${hours(epoch(c.refreshedAt), nowS)}) / ${halfLife})`;
  const unmet = Prisma.sql`(CASE WHEN ${c.claimedQuantity} = 0 THEN 1::float8
    ELSE least(1::float8, (${c.quantity} - ${c.claimedQuantity})::float8 / ${c.quantity}::float8) END)`;
  const reinforcement = Prisma.sql`(CASE WHEN ${c.reinforcementCount} <= 0 THEN 0::float8
    ELSE 1::float8 - exp(-(${c.reinforcementCount}::float8) / ${f8(config.reinforcementSaturation)}) END)`;
  const bracket = (urgency: Prisma.Sql) =>
    Prisma.sql`(${f8(w.unmet)} + ${f8(w.urgency)} * ${urgency} + ${f8(w.reinforcement)} * ${reinforcement})`;
  const hoursUntilDue = hours(nowS, epoch(date));
  const urgencyAhead = Prisma.sql`least(1::float8, greatest(0::float8, 1::float8 - ${hoursUntilDue} / ${f8(config.urgencyHorizonHours)}))`;
  const overdueFade = Prisma.sql`power(0.5::float8, ${hours(epoch(date), nowS)} / ${halfLife})`;
  const base = Prisma.sql`${freshness} * ${unmet}`;

  return Prisma.sql`(CASE
    WHEN ${c.quantity} <= 0 OR ${c.claimedQuantity} >= ${c.quantity} THEN 0::float8
    WHEN ${date} IS NULL THEN least(1::float8, ${base} * ${bracket(f8(UNDATED_URGENCY))})
    WHEN NOT (${isRequest}) AND ${date} <= ${nowTs} THEN 0::float8
    WHEN ${date} < ${nowTs} THEN least(1::float8, ${base} * ${overdueFade} * ${bracket(Prisma.sql`1::float8`)})
    ELSE least(1::float8, ${base} * ${bracket(urgencyAhead)})
  END)`;
}
