// Quantities are decimals with up to 3 places (kg of filament, CNC hours), stored as DECIMAL(14,3).
// JavaScript numbers cannot hold 0.1 exactly, and sums of claims drift (0.1 + 0.2 = 0.30000000000000004),
// which would make "claimed == quantity" checks fail by a hair. So arithmetic happens on integer
// thousandths, which are exact up to 2^53 / 1000 ≈ 9e12, far above MAX_QUANTITY.

/** The largest quantity a signal or claim may carry; DECIMAL(14,3) holds up to ~1e11. */
export const MAX_QUANTITY = 1_000_000_000;

/** Decimal places a quantity keeps. */
export const QTY_DECIMALS = 3;

const SCALE = 1000;

/**
 * A quantity as an integer count of thousandths. toPrecision(15) first strips binary noise
 * (1.0005 * 1000 = 1000.4999999999999) so that halves round the way a person expects, and halves
 * round away from zero on both sides of it.
 */
export function toThousandths(n: number): number {
  if (!Number.isFinite(n)) throw new RangeError(`Quantity must be a finite number, got ${n}`);
  const scaled = Number((n * SCALE).toPrecision(15));
  const rounded = Math.sign(scaled) * Math.round(Math.abs(scaled));
  return rounded === 0 ? 0 : rounded; // never -0, which would print as "-0" in some places
}

export function fromThousandths(t: number): number {
  return t / SCALE;
}

export function roundQty(n: number): number {
  return fromThousandths(toThousandths(n));
}

export function addQty(a: number, b: number): number {
  return fromThousandths(toThousandths(a) + toThousandths(b));
}

export function subQty(a: number, b: number): number {
  return fromThousandths(toThousandths(a) - toThousandths(b));
}

export function sumQty(values: Iterable<number>): number {
  let t = 0;
  for (const v of values) t += toThousandths(v);
  return fromThousandths(t);
}

/** -1, 0 or 1, comparing at the stored precision (so 0.1 + 0.2 equals 0.3). */
export function compareQty(a: number, b: number): -1 | 0 | 1 {
  const d = toThousandths(a) - toThousandths(b);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/**
 * True when n has no more than 3 decimal places, tolerating float noise from a client that computed
 * it (0.1 + 0.2), but not a real fourth digit (0.0005).
 */
export function hasAtMostThreeDecimals(n: number): boolean {
  if (!Number.isFinite(n)) return false;
  const scaled = n * SCALE;
  // A double carries ~16 significant digits, so the noise grows with the value: near 1e12
  // (MAX_QUANTITY in thousandths) it is ~1e-4. A tolerance of 1e-14 relative (~50 ulps), and 1e-9 for
  // small values, swallows the noise but never a real fourth decimal (0.1 in thousandths or more).
  return Math.abs(scaled - Math.round(scaled)) <= Math.max(1e-9, 1e-14 * Math.abs(scaled));
}
