"use client";
import { useState } from "react";
import { isApiError } from "@/components/api/client";
import { errorMessage } from "@/components/forms/form-errors";
import { ErrorText, Notice } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { SignalDto } from "@/server/domain/dto";
import { EditSignalForm } from "./edit-signal-form";
import { useSignalAction } from "./queries";

const isLive = (s: SignalDto) => s.status === "open" || s.status === "claimed";

/** Edit, Refresh and Withdraw, for the signal's owner. */
export function OwnerActions({ signal }: { signal: SignalDto }) {
  const refresh = useSignalAction(signal.id, "refresh");
  const withdraw = useSignalAction(signal.id, "withdraw");
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = (err: unknown) => setError(errorMessage(err));

  if (!isLive(signal)) return null;
  return (
    <section aria-label="Your signal" className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" size="sm" aria-expanded={editing} onClick={() => setEditing((e) => !e)}>
          Edit
        </Button>
        <Button
          variant="secondary"
          size="sm"
          pending={refresh.isPending}
          onClick={() => {
            setError(null);
            refresh.mutate(undefined, { onSuccess: () => setMessage("Refreshed: freshness is back to 100%."), onError: fail });
          }}
        >
          Refresh
        </Button>
        {!confirming ? (
          <Button variant="danger" size="sm" onClick={() => setConfirming(true)}>
            Withdraw
          </Button>
        ) : null}
      </div>
      {confirming ? (
        <div role="group" aria-label="Confirm withdrawal" className="flex flex-wrap items-center gap-2 rounded-md border border-red-200 bg-red-50/60 p-3 text-sm">
          <span className="text-stone-800">Withdraw this signal? It leaves the board; live claims stay visible.</span>
          <Button
            variant="danger"
            size="sm"
            pending={withdraw.isPending}
            onClick={() => {
              setError(null);
              withdraw.mutate(undefined, { onSuccess: () => setConfirming(false), onError: fail });
            }}
          >
            Yes, withdraw
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
            Keep it
          </Button>
        </div>
      ) : null}
      {editing ? <EditSignalForm signal={signal} onClose={() => setEditing(false)} /> : null}
      <Notice>{message}</Notice>
      <ErrorText>{error}</ErrorText>
    </section>
  );
}

/** "We need this too": anyone on the board but the owner, once each. */
export function ReinforceButton({ signal }: { signal: SignalDto }) {
  const reinforce = useSignalAction(signal.id, "reinforce");
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!isLive(signal)) return null;
  return (
    <div className="flex flex-col gap-2">
      <div>
        <Button
          variant="secondary"
          pending={reinforce.isPending}
          onClick={() => {
            setError(null);
            setMessage(null);
            reinforce.mutate(undefined, {
              onSuccess: () => setMessage("Thanks: your need now adds to its heat."),
              onError: (err) =>
                isApiError(err) && err.code === "ALREADY_REINFORCED" ? setMessage("You already reinforced this") : setError(errorMessage(err)),
            });
          }}
        >
          We need this too
        </Button>
      </div>
      <Notice>{message}</Notice>
      <ErrorText>{error}</ErrorText>
    </div>
  );
}
