// Quantities, shares and distances as short, stable text for cards and screen readers.

const qtyFmt = new Intl.NumberFormat("en", { maximumFractionDigits: 3 });
const oneDecimal = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });
const wholeFmt = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });

/** 1234.5 → "1,234.5"; quantities carry at most 3 decimals. */
export function formatQuantity(n: number): string {
  return qtyFmt.format(n);
}

/** (1, "need") → "1 need"; (2000, "need") → "2,000 needs"; irregular plurals are given: (2, "person", "people"). */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${formatQuantity(n)} ${n === 1 ? one : many}`;
}

/** "30 of 100 each remaining": what is still open against what was asked or offered. */
export function remainingText(s: { remainingQuantity: number; quantity: number; unit: string }): string {
  return `${formatQuantity(s.remainingQuantity)} of ${formatQuantity(s.quantity)} ${s.unit} remaining`;
}

/** 0.734 → "73%". */
export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** 0.42 → "420 m", 3.27 → "3.3 km", 27.6 → "28 km". */
export function formatDistance(km: number): string {
  if (!Number.isFinite(km)) return "";
  if (km < 1) return `${wholeFmt.format(Math.max(0, Math.round((km * 1000) / 10) * 10))} m`;
  if (km < 10) return `${oneDecimal.format(km)} km`;
  return `${wholeFmt.format(km)} km`;
}

/**
 * The heat colour of an intensity in [0, 1]: a pale sand when a signal barely pulls, through amber, to
 * a deep red when it pulls hard. Saturation and darkness rise with it, so the scale also reads in
 * greyscale and never passes through green (which would read as "fine").
 */
export function heatColour(intensity: number): string {
  const x = Number.isFinite(intensity) ? Math.min(1, Math.max(0, intensity)) : 0;
  const hue = Math.round(45 - 40 * x); // 45 (amber) → 5 (red)
  const sat = Math.round(30 + 55 * x);
  const light = Math.round(68 - 22 * x);
  return `hsl(${hue} ${sat}% ${light}%)`;
}
