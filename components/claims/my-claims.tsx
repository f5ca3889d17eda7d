"use client";
import Link from "next/link";
import { useMe } from "@/components/auth/queries";
import { SignInPrompt } from "@/components/auth/sign-in-prompt";
import { errorMessage } from "@/components/forms/form-errors";
import { formatQuantity } from "@/components/format/numbers";
import { formatDate, formatRelative } from "@/components/format/time";
import { useNow } from "@/components/format/use-now";
import { KIND_LABEL, KIND_TONE } from "@/components/signals/labels";
import { whenText } from "@/components/signals/signal-text";
import { ErrorText } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Loading } from "@/components/ui/loading";
import { ClaimActions } from "./claim-actions";
import { CLAIM_STATUS_LABEL, CLAIM_STATUS_TONE } from "./labels";
import { useMyClaims } from "./queries";

export function MyClaims() {
  const me = useMe();
  const claims = useMyClaims(!!me.data);
  const now = useNow();

  return (
    <section aria-labelledby="my-claims-heading" className="flex flex-col gap-4">
      <h1 id="my-claims-heading" className="text-2xl font-semibold">
        My claims
      </h1>
      {me.isPending ? <Loading /> : null}
      {!me.isPending && !me.data ? <SignInPrompt>Sign in to see your claims</SignInPrompt> : null}
      {me.data && claims.isPending ? <Loading>Loading your claims…</Loading> : null}
      <ErrorText>{claims.isError ? errorMessage(claims.error) : null}</ErrorText>
      {claims.data && claims.data.items.length === 0 ? (
        <Card className="text-stone-700">
          <p>You have not claimed anything yet.</p>
          <ButtonLink href="/boards/commons" className="mt-3">
            Find something to fill
          </ButtonLink>
        </Card>
      ) : null}
      {claims.data && claims.data.items.length > 0 ? (
        <ul className="flex flex-col gap-3">
          {claims.data.items.map(({ claim, signal }) => {
            const when = signal ? whenText(signal, now) : null;
            return (
              <li key={claim.id}>
                <Card
                  as="article"
                  data-testid="claim-row"
                  data-claim-id={claim.id}
                  data-status={claim.status}
                  className="flex flex-col gap-2"
                >
                  <div className="flex flex-wrap items-center gap-2">
                    {signal ? <Badge tone={KIND_TONE[signal.kind]}>{KIND_LABEL[signal.kind]}</Badge> : null}
                    <Badge tone={CLAIM_STATUS_TONE[claim.status]}>{CLAIM_STATUS_LABEL[claim.status]}</Badge>
                    {signal ? (
                      <span className="text-sm text-stone-600">
                        on <Link href={`/boards/${encodeURIComponent(signal.board.slug)}`}>{signal.board.name}</Link>
                      </span>
                    ) : null}
                  </div>
                  <h2 id={`claim-${claim.id}-title`} className="text-lg font-semibold">
                    {signal ? <Link href={`/signals/${signal.id}`}>{signal.title}</Link> : "Signal"}
                  </h2>
                  <p className="text-stone-800">
                    You claimed{" "}
                    <strong>
                      {formatQuantity(claim.quantity)} {signal?.unit ?? ""}
                    </strong>
                    {claim.onBehalfOf ? ` for ${claim.onBehalfOf.name}` : ""} {formatRelative(claim.createdAt, now)}
                    {claim.promisedAt ? `, promised by ${formatDate(claim.promisedAt)}` : ""}.
                  </p>
                  {when ? <p className="text-sm text-stone-600">Signal {when}</p> : null}
                  {signal ? <ClaimActions claim={claim} signal={signal} /> : null}
                </Card>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
