// Reasons in plain words, written from what the planner knows about a line: the share level of the
// tight group its need ended in, whether the nearest source was the one used, whether supply was made
// earlier than needed, substitutes, distances and stated preferences.
import type { Instance } from "./instance";

export interface ReasonContext {
  inst: Instance;
  level: Float64Array;
  groupSize: Int32Array;
  nearest: Int32Array;
  specLabel: (spec: string) => string;
  /** Does source s serve need n in the plan (any week)? */
  servedBy: (n: number, s: number) => boolean;
}

const km = (d: number | null) => (d === null ? null : d < 10 ? `${d.toFixed(1)} km` : `${Math.round(d)} km`);
const qty = (q: number) => (Number.isInteger(q) ? String(q) : String(Math.round(q * 1000) / 1000));

export function suggestedReasons(ctx: ReasonContext, s: number, n: number, week: number, quantity: number, distance: number | null): string[] {
  const { inst } = ctx;
  const src = inst.sources[s]!;
  const need = inst.needs[n]!;
  const reasons: string[] = [];
  const where = km(distance);
  const place = where ?? "distance unknown";
  if (ctx.nearest[n] === s) reasons.push(`nearest free capacity: ${qty(quantity)} units in week ${week}, ${place}`);
  else {
    const near = ctx.nearest[n]! >= 0 ? inst.sources[ctx.nearest[n]!]!.label : null;
    reasons.push(`free capacity at ${src.label}: ${qty(quantity)} units in week ${week}, ${place}`);
    if (near && !ctx.servedBy(n, ctx.nearest[n]!)) reasons.push(`the nearest source, ${near}, serves other needs: its supply in time is taken`);
    else if (near) reasons.push(`the nearest source, ${near}, gives all it has in time to this need too`);
  }
  if (where === null) reasons.push(`${src.lat === null || src.lng === null ? src.label : need.label} has no location: counted as the farthest possible`);
  const primary = need.acceptedResourceSpecIds[0]!;
  if (src.resourceSpecId !== primary) reasons.push(`substitute: ${ctx.specLabel(src.resourceSpecId)} for ${ctx.specLabel(primary)}`);
  if (week < need.dueWeek) reasons.push(`ready in week ${week}, before the due week ${need.dueWeek}`);
  const level = ctx.level[n]!;
  if (level < 1 - 1e-9) {
    const pct = `${Math.floor(level * 100)}%`;
    reasons.push(
      ctx.groupSize[n]! > 1
        ? `all supply reachable in time is shared: every need in this group of ${ctx.groupSize[n]} gets ${pct}`
        : `all supply this need can reach in time is used: it gets ${pct}`,
    );
  } else reasons.push("fully covered");
  if (src.preferredNeedIds?.includes(need.id)) reasons.push(`preferred by ${src.label}`);
  return reasons;
}

export function keptReasons(): string[] {
  return ["kept: accepted by its maker"];
}
