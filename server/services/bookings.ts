// Reading and writing the weeks claims book on rated capacity signals (capacity calendars, ADR 025).
import { LIVE_CLAIM_STATUSES } from "../domain/claim-lifecycle";
import { weekKeyOf, weekStart, type Booking, type WeekKey } from "../domain/capacity-calendar";
import { Prisma } from "../db/generated/client";
import type { ServiceContext, Tx } from "./context";

type Db = ServiceContext["prisma"] | Tx;

/** What the live claims of each signal booked, week by week. Released and lapsed claims free their weeks. */
export async function loadBookedWeeks(db: Db, signalIds: string[]): Promise<Map<string, Map<WeekKey, number>>> {
  const rows = await db.$queryRaw<Array<{ signalId: string; weekStart: Date; booked: unknown }>>`
    SELECT b."signalId"::text AS "signalId", b."weekStart", sum(b.quantity) AS booked
      FROM claim_bookings b JOIN claims c ON c.id = b."claimId"
     WHERE b."signalId" = ANY(${signalIds}::uuid[]) AND c.status = ANY(${[...LIVE_CLAIM_STATUSES]}::text[]::"ClaimStatus"[])
     GROUP BY b."signalId", b."weekStart"`;
  const bySignal = new Map<string, Map<WeekKey, number>>();
  for (const r of rows) {
    if (!bySignal.has(r.signalId)) bySignal.set(r.signalId, new Map());
    bySignal.get(r.signalId)!.set(weekKeyOf(new Date(r.weekStart)), Number(r.booked));
  }
  return bySignal;
}

export function bookingRows(claimId: string, signalId: string, bookings: Booking[]) {
  return bookings.map((b) => ({ claimId, signalId, weekStart: weekStart(b.week)!, quantity: new Prisma.Decimal(b.quantity) }));
}

/**
 * Replaces a claim's bookings (after a partial release gave some weeks back). The bookings stay on the
 * signal they were on: an adopted plan's claim is on a need but books its source's capacity (ADR 037).
 */
export async function replaceBookings(tx: Tx, claimId: string, signalId: string, bookings: Booking[]) {
  const booked = await tx.claimBooking.findFirst({ where: { claimId }, select: { signalId: true } });
  await tx.claimBooking.deleteMany({ where: { claimId } });
  if (bookings.length) await tx.claimBooking.createMany({ data: bookingRows(claimId, booked?.signalId ?? signalId, bookings) });
}

export async function loadClaimBookings(tx: Tx, claimId: string): Promise<Booking[]> {
  const rows = await tx.claimBooking.findMany({ where: { claimId }, select: { weekStart: true, quantity: true }, orderBy: { weekStart: "asc" } });
  return rows.map((r) => ({ week: weekKeyOf(r.weekStart), quantity: Number(r.quantity) }));
}
