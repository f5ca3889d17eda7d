// Two different things a card shows, kept visibly apart: how far the signal has been filled (progress:
// claimed and delivered against its quantity) and how strongly it pulls (heat). Unlabelled, the heat
// bar under "X of Y remaining" read as progress.
import { formatPercent, formatQuantity, remainingText } from "@/components/format/numbers";
import { HeatBar } from "@/components/ui/heat-bar";
import { cx } from "@/components/ui/cx";
import type { SignalDto } from "@/server/domain/dto";

type Progress = Pick<SignalDto, "quantity" | "claimedQuantity" | "deliveredQuantity" | "unit">;
type Remaining = Progress & Pick<SignalDto, "remainingQuantity">;

const share = (part: number, whole: number) => (whole > 0 ? Math.min(100, Math.max(0, (part / whole) * 100)) : 0);

/** "5 of 12 each claimed, 2 delivered": claimed counts delivered ones too (they were given, not returned). */
export function progressText(s: Progress): string {
  const delivered = s.deliveredQuantity > 0 ? `, ${formatQuantity(s.deliveredQuantity)} delivered` : "";
  return `${formatQuantity(s.claimedQuantity)} of ${formatQuantity(s.quantity)} ${s.unit} claimed${delivered}`;
}

/** Claimed and delivered against the quantity, as one bar with two shades and the words beside it. */
export function ClaimProgress({ signal: s, className }: { signal: Progress; className?: string }) {
  const text = progressText(s);
  return (
    <div className={cx("flex flex-col gap-1", className)}>
      <div
        role="progressbar"
        aria-label="Claimed"
        aria-valuemin={0}
        aria-valuemax={s.quantity}
        aria-valuenow={s.claimedQuantity}
        aria-valuetext={text}
        data-testid="claim-progress"
        className="relative h-2 w-full overflow-hidden rounded-full bg-stone-100 ring-1 ring-stone-200 ring-inset"
      >
        <div className="absolute inset-y-0 left-0 bg-sky-400" style={{ width: `${share(s.claimedQuantity, s.quantity)}%` }} />
        <div className="absolute inset-y-0 left-0 bg-teal-700" style={{ width: `${share(s.deliveredQuantity, s.quantity)}%` }} />
      </div>
      <p className="text-xs text-stone-600" data-testid="claim-progress-text">
        {text}
      </p>
    </div>
  );
}

/** What is still open, in words, above the claimed/delivered bar: larger on the signal's own page. */
export function RemainingAndProgress({ signal: s, size, className }: { signal: Remaining; size: "card" | "page"; className?: string }) {
  return (
    <div className={cx("flex flex-col gap-1", className)}>
      <p className={size === "page" ? "text-lg font-medium" : "text-sm font-medium text-stone-800"} data-testid="signal-remaining">
        {remainingText(s)}
      </p>
      <ClaimProgress signal={s} />
    </div>
  );
}

/** The heat, named "Heat" on screen and to screen readers, with its value and its reasons on hover. */
export function HeatMeter({ signal: s, className }: { signal: Pick<SignalDto, "intensity" | "intensityParts">; className?: string }) {
  return (
    <div className={cx("flex items-center gap-2", className)} data-testid="heat-meter">
      <span className="w-10 shrink-0 text-xs font-medium text-stone-600" aria-hidden="true">
        Heat
      </span>
      <HeatBar value={s.intensity} explanation={s.intensityParts.explanation} label="Heat" className="flex-1" />
      <span className="w-9 shrink-0 text-right text-xs text-stone-700 tabular-nums" aria-hidden="true">
        {formatPercent(s.intensity)}
      </span>
    </div>
  );
}
