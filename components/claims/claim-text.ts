import { formatQuantity } from "@/components/format/numbers";
import type { ClaimDto, SignalDto } from "@/server/domain/dto";
import { isRequestKind } from "@/server/domain/signal-rules";

/** The words for a claim that asked for more than is left; `remaining` comes with the 409 OVER_CLAIM. */
export function overClaimText(remaining: unknown, unit: string): string {
  const n = typeof remaining === "number" && Number.isFinite(remaining) ? remaining : 0;
  return n > 0 ? `Only ${formatQuantity(n)} ${unit} left` : "Nothing is left to claim";
}

/** Who confirms that a claim arrived: the signal's owner when it asked (a request), the claimer when it offered. */
export function receiverOf(signal: Pick<SignalDto, "kind" | "owner">, claim: Pick<ClaimDto, "claimer">): { id: string; name: string } {
  return isRequestKind(signal.kind) ? signal.owner : claim.claimer;
}

/**
 * What happens next to a shipped claim, so that whoever marked it shipped knows the receiver confirms it;
 * the receiver (who may press "Confirm delivered") is told it is theirs to confirm. Null when not shipped.
 */
export function shippedHint(signal: Pick<SignalDto, "kind" | "owner">, claim: Pick<ClaimDto, "status" | "claimer" | "allowedTransitions">): string | null {
  if (claim.status !== "shipped") return null;
  if (claim.allowedTransitions?.includes("delivered")) return "On its way to you: press “Confirm delivered” when it arrives.";
  return `Shipped. ${receiverOf(signal, claim).name} confirms delivery when it arrives.`;
}
