"use client";
import Link from "next/link";
import { useMe } from "@/components/auth/queries";
import { SignInPrompt } from "@/components/auth/sign-in-prompt";
import { errorMessage } from "@/components/forms/form-errors";
import { useBoardStream } from "@/components/realtime/use-board-stream";
import { ErrorText } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Loading } from "@/components/ui/loading";
import { useSuggestions } from "./queries";
import { Subscriptions } from "./subscriptions";

/** Keeps one board's stream open: its events invalidate the suggestions (realtime-provider.tsx). */
function WatchBoard({ slug }: { slug: string }) {
  useBoardStream(slug);
  return null;
}

/** "Suggested for you" (ADR 034): open needs near the maker that what they offer could fill, live. */
export function SuggestionsView() {
  const me = useMe();
  const suggestions = useSuggestions(!!me.data);
  if (me.isPending) return <Loading>Loading…</Loading>;
  if (!me.data) return <SignInPrompt>Sign in to see needs that fit what you offer</SignInPrompt>;
  return (
    <div className="flex flex-col gap-6">
      {me.data.boards.map((b) => (
        <WatchBoard key={b.slug} slug={b.slug} />
      ))}
      <Card as="section" aria-labelledby="suggested-heading" className="flex flex-col gap-3">
        <h1 id="suggested-heading" className="text-2xl font-semibold tracking-tight">
          Suggested for you
        </h1>
        <p className="text-sm text-stone-600">
          Open needs and orders on your boards that what you and your organizations offer (or a declared substitute) could fill,
          nearest first{suggestions.data ? ` within ${suggestions.data.radiusKm} km` : ""}. Updated live.
        </p>
        {suggestions.isPending ? (
          <Loading>Finding needs…</Loading>
        ) : suggestions.isError ? (
          <ErrorText>{errorMessage(suggestions.error)}</ErrorText>
        ) : suggestions.data.offers === 0 ? (
          <p className="text-sm">Publish your capacity or stock on a board, and needs it could fill will show here.</p>
        ) : suggestions.data.items.length === 0 ? (
          <p className="text-sm">No open needs near you fit what you offer right now.</p>
        ) : (
          <ul className="flex flex-col gap-3" data-testid="suggestions">
            {suggestions.data.items.map((s) => (
              <li key={s.signal.id} data-testid="suggestion" className="rounded-md border border-stone-200 p-3">
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone={s.signal.kind === "order" ? "amber" : "red"}>{s.signal.kind}</Badge>
                  <Link href={`/signals/${s.signal.id}`} className="font-medium">
                    {s.signal.title}
                  </Link>
                  <span className="ml-auto text-sm text-stone-600">{s.signal.board.name}</span>
                </div>
                <ul className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-sm text-stone-700" aria-label="Why">
                  {s.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Subscriptions organizations={me.data.organizations} />
    </div>
  );
}
