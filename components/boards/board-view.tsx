"use client";
import { useCallback, useId, useState } from "react";
import { isApiError } from "@/components/api/client";
import { useMe } from "@/components/auth/queries";
import { SignInPrompt } from "@/components/auth/sign-in-prompt";
import { errorMessage } from "@/components/forms/form-errors";
import { useBoardStream } from "@/components/realtime/use-board-stream";
import { useResourceSpecs } from "@/components/resource-specs/queries";
import { DEFAULT_FILTERS, normalizeFilters, type SignalFilters } from "@/components/signals/filters";
import { PostSignalForm } from "@/components/signals/post-signal-form";
import { useSignalList } from "@/components/signals/queries";
import { SignalFiltersForm } from "@/components/signals/signal-filters";
import { SignalList } from "@/components/signals/signal-list";
import { ErrorText } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Loading } from "@/components/ui/loading";
import { CsvDownloads } from "@/components/import/csv-downloads";
import { IntakeLinks } from "@/components/intake/intake-links";
import { BoardGone } from "./board-gone";
import { BoardHeader } from "./board-header";
import { JoinBoard } from "./join-board";
import { BoardMembers } from "./board-members";
import { LeaveBoard } from "./leave-board";
import { useBoard } from "./queries";

export function BoardView({ slug }: { slug: string }) {
  const me = useMe();
  const board = useBoard(slug);
  const specs = useResourceSpecs();
  const [filters, setFilters] = useState<SignalFilters>(DEFAULT_FILTERS);
  const onFilters = useCallback((f: SignalFilters) => setFilters(f), []);
  const [posting, setPosting] = useState(false);
  const postPanelId = useId();

  // The list is read after the board, so the board's lastSeq is at or before the list's state and the
  // stream (which starts after lastSeq) fills any gap between the two.
  const list = useSignalList(slug, filters, board.isSuccess);
  // Latches on the list's first answer (later refetches must not pause the stream again): state adjusted
  // while rendering, which React applies before the children render, rather than in an effect after.
  const [listSettled, setListSettled] = useState(false);
  if ((list.isSuccess || list.isError) && !listSettled) setListSettled(true);
  const stream = useBoardStream(board.isSuccess ? slug : undefined, { ready: listSettled });

  if (board.isPending) return <Loading>Loading board…</Loading>;
  if (board.isError) {
    const notFound = isApiError(board.error) && board.error.status === 404;
    return (
      <Card className="mx-auto max-w-lg text-center">
        <h1 className="text-xl font-semibold">{notFound ? "Board not found" : "Could not load this board"}</h1>
        <ErrorText className="mt-3">{notFound ? "There is no board at this address, or it is for members only." : errorMessage(board.error)}</ErrorText>
      </Card>
    );
  }

  const b = board.data;
  if (stream.status === "revoked") return <BoardGone name={b.name} />;
  const signedIn = !!me.data;
  const isMember = !!b.myRole;
  const organizations = me.data?.organizations ?? [];

  return (
    <div className="flex flex-col gap-6">
      <BoardHeader board={b} stream={stream} />
      <IntakeLinks board={b} />

      {me.isPending ? null : !signedIn ? (
        <SignInPrompt>Sign in to post or claim</SignInPrompt>
      ) : !isMember ? (
        <JoinBoard board={b} />
      ) : (
        <div className="flex flex-col gap-3">
          <div className="flex flex-wrap gap-3">
            <Button aria-expanded={posting} aria-controls={postPanelId} onClick={() => setPosting((p) => !p)}>
              {posting ? "Close the form" : "Post a signal"}
            </Button>
            <ButtonLink href={`/boards/${encodeURIComponent(slug)}/import`}>Import from CSV</ButtonLink>
          </div>
          {posting ? (
            <Card as="section" id={postPanelId} aria-labelledby={`${postPanelId}-heading`}>
              <h2 id={`${postPanelId}-heading`} className="mb-3 text-lg font-semibold">
                Post a signal
              </h2>
              <PostSignalForm slug={slug} organizations={organizations} />
            </Card>
          ) : null}
        </div>
      )}

      <SignalFiltersForm filters={filters} onChange={onFilters} resourceSpecs={specs.data ?? []} organizations={organizations} />
      <SignalList
        list={list}
        emptyText={sameFilters(filters, DEFAULT_FILTERS) ? "Nothing open on this board yet." : "No signals match these filters."}
      />
      <CsvDownloads slug={slug} />
      {me.data && isMember ? (
        <div className="flex flex-col gap-3">
          <BoardMembers board={b} myId={me.data.id} />
          <LeaveBoard board={b} />
        </div>
      ) : null}
    </div>
  );
}

function sameFilters(a: SignalFilters, b: SignalFilters): boolean {
  return JSON.stringify(normalizeFilters(a)) === JSON.stringify(normalizeFilters(b));
}
