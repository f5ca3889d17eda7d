import type { StreamState } from "./board-streams";
import { cx } from "@/components/ui/cx";

const TEXT = { live: "Live", connecting: "Connecting…", offline: "Offline", revoked: "No access" } as const;
const DOT = {
  live: "bg-emerald-500",
  connecting: "bg-amber-400 animate-pulse",
  offline: "bg-stone-400",
  revoked: "bg-red-500",
} as const;

/** "● Live · 3 viewing": whether this page is receiving the board's changes as they happen. */
export function LiveStatus({ state, className }: { state: StreamState; className?: string }) {
  return (
    <p
      data-testid="live-status"
      data-status={state.status}
      role="status"
      className={cx("inline-flex items-center gap-2 rounded-full border border-stone-200 bg-white px-3 py-1 text-sm text-stone-700", className)}
    >
      <span aria-hidden="true" className={cx("size-2.5 rounded-full", DOT[state.status])} />
      <span>{TEXT[state.status]}</span>
      {state.status === "live" ? (
        <>
          <span aria-hidden="true">·</span>
          <span>{state.viewers} viewing</span>
        </>
      ) : null}
    </p>
  );
}
