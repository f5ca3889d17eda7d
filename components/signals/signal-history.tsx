"use client";
import { errorMessage } from "@/components/forms/form-errors";
import { formatDateTime, formatRelative } from "@/components/format/time";
import { ErrorText } from "@/components/ui/alert";
import { Loading } from "@/components/ui/loading";
import { describeEvent } from "./describe-event";
import { useSignalEvents } from "./queries";

export function SignalHistory({ signalId, unit, now }: { signalId: string; unit: string; now: number }) {
  const events = useSignalEvents(signalId);
  return (
    <section aria-labelledby="history-heading" className="flex flex-col gap-2">
      <h2 id="history-heading" className="text-lg font-semibold">
        History
      </h2>
      {events.isPending ? <Loading>Loading history…</Loading> : null}
      <ErrorText>{events.isError ? errorMessage(events.error) : null}</ErrorText>
      {events.data ? (
        <ol className="flex flex-col gap-1.5 border-l-2 border-stone-200 pl-4" data-testid="signal-history">
          {[...events.data]
            .sort((a, b) => a.seq - b.seq)
            .map((e) => (
              <li key={e.seq} className="text-sm" data-testid="history-entry" data-event-type={e.type}>
                <span className="text-stone-800">{describeEvent(e, unit)}</span>{" "}
                <time dateTime={e.at} title={formatDateTime(e.at)} className="text-stone-500">
                  · {formatRelative(e.at, now)}
                </time>
              </li>
            ))}
        </ol>
      ) : null}
      {events.data && events.data.length === 0 ? <p className="text-sm text-stone-600">Nothing has happened yet.</p> : null}
    </section>
  );
}
