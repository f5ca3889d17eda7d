"use client";
// A delivered claim's entries in the board's ledger, under the claim on the signal page: what the
// delivery recorded, with each entry's hash so anyone can check it against GET .../ledger/verify.
import { formatRelative } from "@/components/format/time";
import { describeLedgerEvent, shortHash } from "./describe-ledger-event";
import { useClaimLedgerEvents } from "./queries";

export function ClaimLedgerEvents({ slug, claimId, delivered, now }: { slug: string; claimId: string; delivered: boolean; now: number }) {
  // Only a delivery records events for a claim; asking for every claim of a long list would be waste.
  const q = useClaimLedgerEvents(slug, claimId, delivered);
  if (!delivered || !q.data || q.data.items.length === 0) return null;
  return (
    <div data-testid="claim-ledger-events" className="rounded border border-stone-200 bg-stone-50 p-2 text-sm">
      <p className="font-medium text-stone-800">In the ledger</p>
      <ul className="mt-1 flex flex-col gap-1">
        {q.data.items.map((e) => (
          <li key={e.id} data-action={e.action} className="text-stone-700">
            #{e.seq} · {describeLedgerEvent(e)} · {formatRelative(e.recordedAt, now)}{" "}
            <code className="text-xs text-stone-500" title={e.hash}>
              {shortHash(e.hash)}
            </code>
          </li>
        ))}
      </ul>
    </div>
  );
}
