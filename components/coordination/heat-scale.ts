// The heat map's colour steps. Colour is a second reading only: every cell also shows its number, so the
// map reads the same in greyscale, to colour-blind eyes and to screen readers.

/** Background and text classes for each step, from no gap (0) to the largest gap on screen (5). */
export const HEAT_STEPS = [
  "bg-white text-stone-400",
  "bg-red-50 text-red-900",
  "bg-red-100 text-red-900",
  "bg-red-200 text-red-950",
  "bg-red-400 text-white",
  "bg-red-700 text-white",
] as const;

/** The step of a value against the largest on screen: 0 for none, 1..5 by fifths of the largest. */
export function heatStep(value: number, max: number): number {
  if (!(value > 0) || !(max > 0)) return 0;
  return Math.min(5, Math.max(1, Math.ceil((value / max) * 5)));
}
