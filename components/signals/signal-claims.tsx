"use client";
import { ClaimActions } from "@/components/claims/claim-actions";
import { CLAIM_STATUS_LABEL, CLAIM_STATUS_TONE } from "@/components/claims/labels";
import { formatQuantity } from "@/components/format/numbers";
import { formatDate, formatRelative } from "@/components/format/time";
import { ClaimLedgerEvents } from "@/components/ledger/claim-ledger-events";
import { Badge } from "@/components/ui/badge";
import type { SignalDto } from "@/server/domain/dto";
import { byText } from "./signal-text";

export function SignalClaims({ signal, now }: { signal: SignalDto; now: number }) {
  return (
    <section aria-labelledby="claims-heading" className="flex flex-col gap-2">
      <h2 id="claims-heading" className="text-lg font-semibold">
        Claims
      </h2>
      {signal.claims.length === 0 ? (
        <p className="text-sm text-stone-600">No claims yet.</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {signal.claims.map((c) => (
            <li
              key={c.id}
              data-testid="claim-row"
              data-claim-id={c.id}
              data-status={c.status}
              className="flex flex-col gap-2 rounded-md border border-stone-200 bg-white p-3"
            >
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <span className="font-medium text-stone-900">{byText(c)}</span>
                <span className="text-stone-700">
                  {formatQuantity(c.quantity)} {signal.unit}
                </span>
                <Badge tone={CLAIM_STATUS_TONE[c.status]}>{CLAIM_STATUS_LABEL[c.status]}</Badge>
              </div>
              <p className="text-sm text-stone-600">
                Claimed {formatRelative(c.createdAt, now)}
                {c.promisedAt ? ` · promised by ${formatDate(c.promisedAt)}` : ""}
              </p>
              {c.note ? <p className="text-sm whitespace-pre-wrap text-stone-700">{c.note}</p> : null}
              <ClaimLedgerEvents slug={signal.board.slug} claimId={c.id} delivered={c.status === "delivered"} now={now} />
              <ClaimActions claim={c} signal={signal} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
