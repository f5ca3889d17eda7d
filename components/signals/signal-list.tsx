"use client";
import { errorMessage } from "@/components/forms/form-errors";
import { useNow } from "@/components/format/use-now";
import { flattenList, type SignalListData } from "@/components/realtime/apply-event";
import { ErrorText } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Loading } from "@/components/ui/loading";
import { SignalCard } from "./signal-card";

export interface SignalListState {
  data: SignalListData | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

export function SignalList({ list, emptyText = "No signals match these filters." }: { list: SignalListState; emptyText?: string }) {
  const now = useNow();
  const signals = flattenList(list.data);
  return (
    <section aria-labelledby="signals-heading" className="flex flex-col gap-3">
      <h2 id="signals-heading" className="sr-only">
        Signals
      </h2>
      {list.isPending ? <Loading>Loading signals…</Loading> : null}
      <ErrorText>{list.isError ? errorMessage(list.error) : null}</ErrorText>
      {list.data && signals.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 p-6 text-center text-stone-600" data-testid="signals-empty">
          {emptyText}
        </p>
      ) : null}
      {signals.length > 0 ? (
        <ol className="grid gap-3 md:grid-cols-2" aria-label="Signals" data-testid="signal-list">
          {signals.map((s) => (
            <li key={s.id} className="flex">
              <div className="w-full">
                <SignalCard signal={s} now={now} />
              </div>
            </li>
          ))}
        </ol>
      ) : null}
      {list.hasNextPage ? (
        <div className="flex justify-center">
          <Button variant="secondary" pending={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            Load more
          </Button>
        </div>
      ) : null}
    </section>
  );
}
