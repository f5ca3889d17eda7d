import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/client";
import { applySignalSnapshot, type MyClaimsData } from "@/components/realtime/apply-event";
import type { ClaimDto, ClaimStatusDto, SignalDto } from "@/server/domain/dto";

/** A claim write answers the claim with its signal as it stands after the change. */
export type ClaimAnswer = ClaimDto & { signal?: SignalDto };

export const myClaimsQuery = () =>
  queryOptions({
    queryKey: ["my-claims"] as const,
    queryFn: ({ signal }) => apiFetch<MyClaimsData>("/me/claims", { signal }),
  });

export function useMyClaims(enabled = true) {
  return useQuery({ ...myClaimsQuery(), enabled });
}

export interface NewClaimBody {
  /** Left out when `bookings` give it (rated capacity: the sum of the weeks). */
  quantity?: number;
  bookings?: Array<{ week: string; quantity: number }>;
  promisedAt?: string;
  note?: string;
  onBehalfOf?: string;
}

/** After a claim changes, its signal (numbers, claims, transitions), its history and my claims do too. */
function useClaimWriteBack() {
  const qc = useQueryClient();
  return (answer: ClaimAnswer | undefined, signalId: string, boardSlug?: string) => {
    if (answer?.signal) {
      const { signal, ...claim } = answer;
      applySignalSnapshot(qc, signal, { claim });
    }
    void qc.invalidateQueries({ queryKey: ["signal", signalId] });
    void qc.invalidateQueries({ queryKey: ["signal-events", signalId] });
    void qc.invalidateQueries({ queryKey: ["my-claims"] });
    // Lists get the signal above (and from the board stream); ones not on screen refetch when shown.
    if (boardSlug) void qc.invalidateQueries({ queryKey: ["signals", boardSlug], refetchType: "none" });
  };
}

export function useCreateClaim(signalId: string, boardSlug?: string) {
  const writeBack = useClaimWriteBack();
  return useMutation({
    mutationFn: (body: NewClaimBody) =>
      apiFetch<ClaimAnswer>(`/signals/${encodeURIComponent(signalId)}/claims`, { method: "POST", json: body }),
    onSuccess: (answer) => writeBack(answer, signalId, boardSlug),
  });
}

export interface TransitionVars {
  claimId: string;
  signalId: string;
  to: ClaimStatusDto;
  /** Only with `to: "released"`: release part of the claim and keep the rest. */
  quantity?: number;
  boardSlug?: string;
}

export function useTransitionClaim() {
  const writeBack = useClaimWriteBack();
  return useMutation({
    mutationFn: ({ claimId, to, quantity }: TransitionVars) =>
      apiFetch<ClaimAnswer>(`/claims/${encodeURIComponent(claimId)}/transition`, {
        method: "POST",
        json: quantity === undefined ? { to } : { to, quantity },
      }),
    onSuccess: (answer, v) => writeBack(answer, v.signalId, v.boardSlug),
  });
}
