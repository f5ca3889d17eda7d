import Link from "next/link";
import { formatRelative } from "@/components/format/time";
import { useNow } from "@/components/format/use-now";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { AtRiskItem, AtRiskKind } from "@/server/domain/coordination-at-risk";

const KIND: Record<AtRiskKind, { label: string; tone: BadgeTone }> = {
  claim_late: { label: "Late claim", tone: "red" },
  need_unstarted: { label: "Due soon, not started", tone: "amber" },
  stock_mismatch: { label: "Stock off the ledger", tone: "violet" },
};

function when(item: AtRiskItem, now: number): string | null {
  if (!item.at) return null;
  const rel = formatRelative(item.at, now);
  if (item.kind === "claim_late") return `promised ${rel}`;
  return Date.parse(item.at) >= now ? `due ${rel}` : `was due ${rel}`;
}

/** What is late or at risk, most urgent first, each linking to the signal (a claim shows on its signal's page). */
export function AtRiskList({ items, dueWithinDays }: { items: AtRiskItem[]; dueWithinDays: number }) {
  const now = useNow();
  if (items.length === 0) {
    return <p className="text-sm text-stone-600">Nothing late or at risk: no claim is past its promise and nothing due within {dueWithinDays} days waits unstarted.</p>;
  }
  return (
    <ul className="flex flex-col gap-2" data-testid="at-risk-list">
      {items.map((item) => (
        <li key={`${item.kind}/${item.claimId ?? item.signalId}`} className="rounded-lg border border-stone-200 bg-white px-3 py-2 text-sm" data-kind={item.kind}>
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={KIND[item.kind].tone}>{KIND[item.kind].label}</Badge>
            <Link href={`/signals/${item.signalId}`} className="min-w-0 font-medium break-words">
              {item.title}
            </Link>
            {item.at ? <span className="text-stone-600">{when(item, now)}</span> : null}
          </div>
          <p className="mt-1 break-words text-stone-700">{item.reason}</p>
          <p className="mt-0.5 text-xs text-stone-500">
            {item.board.name} · {item.region.name}
          </p>
        </li>
      ))}
    </ul>
  );
}
