import { heatColour } from "@/components/format/numbers";
import { cx } from "./cx";

/**
 * Intensity 0..1 as a coloured bar. The explanation is the accessible value text and the tooltip, so
 * the number is never shown without its reasons.
 */
export function HeatBar({
  value,
  explanation,
  label = "Intensity",
  className,
}: {
  value: number;
  explanation: string;
  label?: string;
  className?: string;
}) {
  const v = Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
  const pct = Math.round(v * 100);
  return (
    <div
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      aria-valuetext={`${pct}%: ${explanation}`}
      title={explanation}
      className={cx("h-2 w-full overflow-hidden rounded-full bg-stone-200", className)}
    >
      <div className="h-full rounded-full" style={{ width: `${Math.max(pct, v > 0 ? 3 : 0)}%`, background: heatColour(v) }} />
    </div>
  );
}
