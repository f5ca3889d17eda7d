"use client";
import { useState, type FormEvent } from "react";
import { isApiError } from "@/components/api/client";
import { errorMessage, numberInput } from "@/components/forms/form-errors";
import { formatQuantity } from "@/components/format/numbers";
import { ErrorText } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { ClaimDto, SignalDto } from "@/server/domain/dto";
import { quantityUnitProblems } from "@/server/domain/units";
import { quantityInputProps } from "@/components/signals/quantity-input";
import { shippedHint } from "./claim-text";
import { pressableTransitions, TRANSITION_LABEL } from "./labels";
import { useTransitionClaim } from "./queries";

/**
 * The moves the viewer may make on a claim, one button each, as the API lists them; and, once it is
 * shipped, who confirms delivery (the one step the provider cannot take).
 */
export function ClaimActions({ claim, signal }: { claim: ClaimDto; signal: SignalDto }) {
  const transition = useTransitionClaim();
  const [releasing, setReleasing] = useState(false);
  const [releaseQty, setReleaseQty] = useState(String(claim.quantity));
  const [error, setError] = useState<string | null>(null);
  const unit = signal.unit;
  const boardSlug = signal.board.slug;
  const moves = pressableTransitions(claim.allowedTransitions);
  const hint = shippedHint(signal, claim);
  if (moves.length === 0 && !hint) return null;

  function move(to: ClaimDto["status"], quantity?: number) {
    setError(null);
    transition.mutate(
      { claimId: claim.id, signalId: claim.signalId, to, quantity, boardSlug },
      {
        onSuccess: () => setReleasing(false),
        onError: (err) =>
          setError(
            isApiError(err) && err.code === "INVALID_TRANSITION"
              ? "This claim has already moved on; showing its current state."
              : errorMessage(err),
          ),
      },
    );
  }

  function onRelease(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const q = numberInput(releaseQty);
    if (q === undefined || q === claim.quantity) return move("released");
    if (typeof q !== "number" || q <= 0 || q > claim.quantity) {
      setError(`Enter a quantity between 0 and ${formatQuantity(claim.quantity)}, or leave it to release everything.`);
      return;
    }
    const problem = quantityUnitProblems(q, signal.resourceSpec).quantity?.[0];
    if (problem) return setError(problem);
    move("released", q);
  }

  return (
    <div className="flex flex-col gap-2">
      {hint ? (
        <p className="text-sm text-stone-700" data-testid="shipped-hint">
          {hint}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {moves
          .filter((to) => to !== "released")
          .map((to) => (
            <Button key={to} size="sm" variant={to === "delivered" ? "primary" : "secondary"} pending={transition.isPending && transition.variables?.to === to} disabled={transition.isPending} onClick={() => move(to)}>
              {TRANSITION_LABEL[to]}
            </Button>
          ))}
        {moves.includes("released") && !releasing ? (
          <Button size="sm" variant="danger" disabled={transition.isPending} onClick={() => setReleasing(true)}>
            Release
          </Button>
        ) : null}
      </div>
      {releasing ? (
        <form onSubmit={onRelease} className="flex flex-wrap items-end gap-2 rounded-md border border-red-200 bg-red-50/50 p-3">
          <TextField
            label={`Quantity to release (${unit})`}
            hint={`All ${formatQuantity(claim.quantity)} by default; less keeps the rest of the claim.`}
            type="number"
            {...quantityInputProps(signal.resourceSpec)}
            max={claim.quantity}
            className="w-56"
            value={releaseQty}
            onChange={(e) => setReleaseQty(e.target.value)}
          />
          <Button type="submit" size="sm" variant="danger" pending={transition.isPending}>
            Confirm release
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setReleasing(false)}>
            Cancel
          </Button>
        </form>
      ) : null}
      <ErrorText>{error}</ErrorText>
    </div>
  );
}
