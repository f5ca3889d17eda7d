"use client";
import Link from "next/link";
import { CLAIM_STATUS_LABEL, CLAIM_STATUS_TONE } from "@/components/claims/labels";
import { formatQuantity } from "@/components/format/numbers";
import { Badge } from "@/components/ui/badge";
import type { SignalDto } from "@/server/domain/dto";
import { KIND_LABEL, KIND_TONE, STATUS_LABEL, STATUS_TONE } from "./labels";
import { DeadlineBadge } from "./deadline-badge";
import { RateSummary } from "./capacity-calendar";
import { HeatMeter, RemainingAndProgress } from "./signal-meters";
import { byText, placeText, whenText } from "./signal-text";
import { VerifiedBadge } from "@/components/organizations/verified-badge";

export function SignalCard({ signal: s, now }: { signal: SignalDto; now: number }) {
  const when = whenText(s, now);
  const place = placeText(s);
  const more = Math.max(0, s.liveClaimCount - s.claims.length);
  return (
    <article
      data-testid="signal-card"
      data-signal-id={s.id}
      data-status={s.status}
      className="flex flex-col gap-2 rounded-lg border border-stone-200 bg-white p-4 shadow-sm"
    >
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={KIND_TONE[s.kind]}>{KIND_LABEL[s.kind]}</Badge>
        {s.status !== "open" ? <Badge tone={STATUS_TONE[s.status]}>{STATUS_LABEL[s.status]}</Badge> : null}
        <DeadlineBadge signal={s} now={now} />
        <VerifiedBadge signal={s} />
        <span className="text-sm text-stone-600">
          {s.resourceSpec.name} · <span data-testid="signal-unit">{s.unit}</span>
        </span>
      </div>
      <h3 id={`signal-${s.id}-title`} className="text-lg leading-snug font-semibold">
        <Link href={`/signals/${s.id}`}>{s.title}</Link>
      </h3>
      <RemainingAndProgress signal={s} size="card" />
      <RateSummary signal={s} />
      <HeatMeter signal={s} />
      <dl className="grid gap-x-4 gap-y-1 text-sm text-stone-600 sm:grid-cols-2">
        {when ? (
          <div>
            <dt className="sr-only">When</dt>
            <dd data-testid="signal-when">{when}</dd>
          </div>
        ) : null}
        {place ? (
          <div>
            <dt className="sr-only">Where</dt>
            <dd data-testid="signal-place">{place}</dd>
          </div>
        ) : null}
        <div>
          <dt className="sr-only">Posted by</dt>
          <dd>by {byText(s)}</dd>
        </div>
      </dl>
      {s.claims.length > 0 ? (
        <div className="border-t border-stone-100 pt-2">
          <h4 className="sr-only">Claims</h4>
          <ul className="flex flex-col gap-1 text-sm" data-testid="signal-claims">
            {s.claims.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <span className="text-stone-800">{byText(c)}</span>
                <span className="text-stone-600">
                  {formatQuantity(c.quantity)} {s.unit}
                </span>
                <Badge tone={CLAIM_STATUS_TONE[c.status]}>{CLAIM_STATUS_LABEL[c.status]}</Badge>
              </li>
            ))}
          </ul>
          {more > 0 ? <p className="mt-1 text-xs text-stone-500">and {more} more</p> : null}
        </div>
      ) : null}
    </article>
  );
}
