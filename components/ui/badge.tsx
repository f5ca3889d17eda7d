import type { ReactNode } from "react";
import { cx } from "./cx";

export type BadgeTone = "neutral" | "teal" | "amber" | "red" | "blue" | "violet" | "green";

const tones: Record<BadgeTone, string> = {
  neutral: "bg-stone-100 text-stone-700 ring-stone-300",
  teal: "bg-teal-50 text-teal-900 ring-teal-300",
  amber: "bg-amber-50 text-amber-900 ring-amber-300",
  red: "bg-red-50 text-red-800 ring-red-300",
  blue: "bg-sky-50 text-sky-900 ring-sky-300",
  violet: "bg-violet-50 text-violet-900 ring-violet-300",
  green: "bg-emerald-50 text-emerald-900 ring-emerald-300",
};

export function Badge({ tone = "neutral", children, className }: { tone?: BadgeTone; children: ReactNode; className?: string }) {
  return (
    <span
      className={cx(
        "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        tones[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}
