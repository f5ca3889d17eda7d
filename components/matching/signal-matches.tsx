"use client";
import Link from "next/link";
import { errorMessage } from "@/components/forms/form-errors";
import { formatQuantity } from "@/components/format/numbers";
import { ErrorText } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Loading } from "@/components/ui/loading";
import type { SignalDto } from "@/server/domain/dto";
import { useMatches } from "./queries";

/** A need's or order's "Matches": open capacity and stock that could fill it, ranked, with the reasons (ADR 034). */
export function SignalMatches({ signal }: { signal: SignalDto }) {
  const open = signal.status === "open" && signal.remainingQuantity > 0;
  const matches = useMatches(signal.id, open);
  return (
    <section aria-labelledby="matches-heading" className="flex flex-col gap-3">
      <h2 id="matches-heading" className="text-lg font-semibold">
        Matches
      </h2>
      {!open ? (
        <p className="text-sm text-stone-600">Nothing left to match: this {signal.kind} is not open.</p>
      ) : matches.isPending ? (
        <Loading>Finding capacity and stock…</Loading>
      ) : matches.isError ? (
        <ErrorText>{errorMessage(matches.error)}</ErrorText>
      ) : matches.data.items.length === 0 ? (
        <p className="text-sm text-stone-600">
          No open capacity or stock on this board can supply {signal.resourceSpec.name} (or a declared substitute) in time.
        </p>
      ) : (
        <ol className="flex flex-col gap-3" data-testid="matches">
          {matches.data.items.map((m, i) => (
            <li key={m.signal.id} data-testid="match" className="rounded-md border border-stone-200 p-3">
              <div className="flex flex-wrap items-center gap-2">
                <span className="text-sm font-semibold text-stone-500">#{i + 1}</span>
                <Badge tone={m.signal.kind === "stock" ? "blue" : "violet"}>{m.signal.kind}</Badge>
                <Link href={`/signals/${m.signal.id}`} className="font-medium">
                  {m.signal.title}
                </Link>
                <span className="ml-auto text-sm text-stone-600" title="The score behind the rank (0 to 1)">
                  {formatQuantity(m.freeInTime)} {m.signal.unit} · score {m.score.toFixed(2)}
                </span>
              </div>
              <ul className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-sm text-stone-700" aria-label="Why">
                {m.reasons.map((r) => (
                  <li key={r} data-testid="match-reason">
                    {r}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
