"use client";
import Link from "next/link";
import { useEffect, useRef, type ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { isApiError } from "@/components/api/client";
import { useMe } from "@/components/auth/queries";
import { SignInPrompt } from "@/components/auth/sign-in-prompt";
import { ClaimForm } from "@/components/claims/claim-form";
import { errorMessage } from "@/components/forms/form-errors";
import { formatQuantity } from "@/components/format/numbers";
import { formatDate, formatDateTime, formatRelative } from "@/components/format/time";
import { useNow } from "@/components/format/use-now";
import { BoardGone } from "@/components/boards/board-gone";
import { LiveStatus } from "@/components/realtime/live-status";
import { useBoardStream } from "@/components/realtime/use-board-stream";
import { ErrorText } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Loading } from "@/components/ui/loading";
import type { MeDto, SignalDto } from "@/server/domain/dto";
import { deadlineState } from "./deadline";
import { DeadlineBadge } from "./deadline-badge";
import { IntensityExplained } from "./intensity-explained";
import { RemainingAndProgress } from "./signal-meters";
import { CapacityCalendar } from "./capacity-calendar";
import { KIND_LABEL, KIND_TONE, STATUS_LABEL, STATUS_TONE } from "./labels";
import { useSignal } from "./queries";
import { OwnerActions, ReinforceButton } from "./signal-actions";
import { SignalClaims } from "./signal-claims";
import { SignalHistory } from "./signal-history";
import { byText, placeText, whenText } from "./signal-text";
import { VerifiedBadge } from "@/components/organizations/verified-badge";
import { SignalMatches } from "@/components/matching/signal-matches";

export function SignalView({ id }: { id: string }) {
  const qc = useQueryClient();
  const now = useNow();
  const me = useMe();
  const signal = useSignal(id);
  const slug = signal.data?.board.slug;
  const stream = useBoardStream(slug, { ready: signal.isSuccess });

  // The signal was read before the board's lastSeq: once the stream is live, read it once more so a
  // change made between the two reads is not missed (later changes arrive on the stream).
  const caughtUp = useRef(false);
  useEffect(() => {
    if (stream.status !== "live" || caughtUp.current) return;
    caughtUp.current = true;
    void qc.invalidateQueries({ queryKey: ["signal", id] });
    void qc.invalidateQueries({ queryKey: ["signal-events", id] });
  }, [stream.status, qc, id]);

  if (signal.isPending) return <Loading>Loading signal…</Loading>;
  if (signal.isError) {
    const notFound = isApiError(signal.error) && signal.error.status === 404;
    return (
      <Card className="mx-auto max-w-lg text-center">
        <h1 className="text-xl font-semibold">{notFound ? "Signal not found" : "Could not load this signal"}</h1>
        <ErrorText className="mt-3">{notFound ? "It may have been removed, or it is on a members-only board." : errorMessage(signal.error)}</ErrorText>
      </Card>
    );
  }

  const s = signal.data;
  if (stream.status === "revoked") return <BoardGone name={s.board.name} />;
  const viewer = me.data;
  const isOwner = !!viewer && viewer.id === s.owner.id;
  const isMember = !!viewer?.boards.some((b) => b.slug === s.board.slug);
  const live = s.status === "open" || s.status === "claimed";
  const when = whenText(s, now);
  const place = placeText(s);

  return (
    <div className="flex flex-col gap-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/boards/${encodeURIComponent(s.board.slug)}`}>← {s.board.name}</Link>
      </nav>

      <header className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone={KIND_TONE[s.kind]}>{KIND_LABEL[s.kind]}</Badge>
          <Badge tone={STATUS_TONE[s.status]}>
            <span data-testid="signal-status">{STATUS_LABEL[s.status]}</span>
          </Badge>
          <DeadlineBadge signal={s} now={now} />
          <span className="ml-auto">
            <LiveStatus state={stream} />
          </span>
        </div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{s.title}</h1>
        <p className="text-stone-700">
          {s.resourceSpec.name} · {s.unit}
          {s.resourceSpec.category ? ` · ${s.resourceSpec.category}` : ""}
          {s.resourceSpec.designUrl ? (
            <>
              {" · "}
              <a href={s.resourceSpec.designUrl} rel="noopener noreferrer nofollow" target="_blank">
                open design
              </a>
            </>
          ) : null}
          {s.resourceSpec.licence ? ` (${s.resourceSpec.licence})` : ""}
        </p>
        <RemainingAndProgress signal={s} size="page" className="max-w-xl" />
        {s.rate ? (
          <section aria-label="Capacity by week" className="max-w-xl">
            <CapacityCalendar signal={s} />
          </section>
        ) : null}
        <dl className="grid gap-x-6 gap-y-1 text-sm text-stone-700 sm:grid-cols-2">
          <Row term="Posted by">
            {byText(s)}
            {s.onBehalfOf ? (
              <>
                {" "}
                <Link href={`/organizations/${s.onBehalfOf.id}`} className="text-teal-800 underline">
                  (organization page)
                </Link>{" "}
                <VerifiedBadge signal={s} />
              </>
            ) : null}
          </Row>
          {when ? <Row term="When">{when}</Row> : null}
          {place ? <Row term="Where">{place}</Row> : null}
          <Row term="Delivered">
            {formatQuantity(s.deliveredQuantity)} {s.unit}
          </Row>
          <Row term="Posted">
            <time dateTime={s.createdAt} title={formatDateTime(s.createdAt)}>
              {formatRelative(s.createdAt, now)}
            </time>
          </Row>
          <Row term="Last refreshed">
            <time dateTime={s.refreshedAt} title={formatDateTime(s.refreshedAt)}>
              {formatRelative(s.refreshedAt, now)}
            </time>
          </Row>
        </dl>
        {s.note ? <p className="rounded-md bg-white p-3 whitespace-pre-wrap text-stone-800 ring-1 ring-stone-200">{s.note}</p> : null}
        {isOwner ? <OwnerActions signal={s} /> : null}
        {viewer && isMember && !isOwner ? <ReinforceButton signal={s} /> : null}
      </header>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <IntensityExplained signal={s} />
        </Card>
        <Card as="section" aria-labelledby="claim-heading" className="flex flex-col gap-3">
          <h2 id="claim-heading" className="text-lg font-semibold">
            Claim
          </h2>
          <ClaimPanel
            signal={s}
            signedIn={!!viewer}
            isMember={isMember}
            isOwner={isOwner}
            live={live}
            ended={deadlineState(s, now)?.state === "ended"}
            organizations={viewer?.organizations ?? []}
          />
        </Card>
      </div>

      {s.kind === "need" || s.kind === "order" ? (
        <Card>
          <SignalMatches signal={s} />
        </Card>
      ) : null}
      <Card>
        <SignalClaims signal={s} now={now} />
      </Card>
      <Card>
        <SignalHistory signalId={s.id} unit={s.unit} now={now} />
      </Card>
    </div>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex gap-2">
      <dt className="text-stone-500">{term}:</dt>
      <dd>{children}</dd>
    </div>
  );
}

function ClaimPanel({
  signal,
  signedIn,
  isMember,
  isOwner,
  live,
  ended,
  organizations,
}: {
  signal: SignalDto;
  signedIn: boolean;
  isMember: boolean;
  isOwner: boolean;
  live: boolean;
  /** An offer past its end of availability: still "open" until the sweep runs, but not claimable. */
  ended: boolean;
  organizations: MeDto["organizations"];
}) {
  if (ended)
    return (
      <p className="text-sm text-stone-600" data-testid="availability-ended">
        This offer&apos;s availability ended {signal.availableUntil ? formatDate(signal.availableUntil) : ""}; it takes no new claims.
      </p>
    );
  if (!live) return <p className="text-sm text-stone-600">This signal is {STATUS_LABEL[signal.status].toLowerCase()} and takes no new claims.</p>;
  if (!signedIn) return <SignInPrompt>Sign in to post or claim</SignInPrompt>;
  if (isOwner) return <p className="text-sm text-stone-600">This is your signal; others claim it.</p>;
  if (!isMember)
    return (
      <p className="text-sm text-stone-700">
        <Link href={`/boards/${encodeURIComponent(signal.board.slug)}`}>Join {signal.board.name}</Link> to claim this signal.
      </p>
    );
  if (signal.remainingQuantity <= 0)
    return <p className="text-sm text-stone-600">Fully claimed for now. If a claim is released, its quantity comes back here.</p>;
  return <ClaimForm signal={signal} organizations={organizations} />;
}
