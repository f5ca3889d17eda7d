import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/client";
import type { SignalDto } from "@/server/domain/dto";
import type { IntakeFormDto, IntakeListDto, IntakeReceiptDto, IntakeRequestDto, IntakeStatus } from "@/server/domain/intake";

const base = (slug: string) => `/boards/${encodeURIComponent(slug)}/intake`;

export const intakeFormQuery = (slug: string) =>
  queryOptions({
    queryKey: ["intake-form", slug] as const,
    queryFn: ({ signal }) => apiFetch<IntakeFormDto>(`${base(slug)}/form`, { signal }),
  });

export function useIntakeForm(slug: string) {
  return useQuery(intakeFormQuery(slug));
}

/** The stewards' queue. Nothing of it travels in board events, so it is read again now and then. */
export const intakeListQuery = (slug: string, status: IntakeStatus) =>
  queryOptions({
    queryKey: ["intake", slug, status] as const,
    queryFn: ({ signal }) => apiFetch<IntakeListDto>(`${base(slug)}?status=${status}`, { signal }),
    refetchInterval: 60_000,
  });

export function useIntakeList(slug: string, status: IntakeStatus, enabled = true) {
  return useQuery({ ...intakeListQuery(slug, status), enabled });
}

export function useSubmitIntake(slug: string) {
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => apiFetch<IntakeReceiptDto>(base(slug), { method: "POST", json: body }),
  });
}

function useDecision<B>(slug: string, verb: "accept" | "reject") {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: B }) =>
      apiFetch<unknown>(`${base(slug)}/${encodeURIComponent(id)}/${verb}`, { method: "POST", json: body }),
    // Another steward may have decided it meanwhile (409): the queue is read again either way.
    onSettled: () => void qc.invalidateQueries({ queryKey: ["intake", slug] }),
  });
}

export interface AcceptBody {
  resourceSpecId?: string;
  organizationId?: string;
  organizationKind?: string;
  title?: string;
  quantity?: number;
}

export const useAcceptIntake = (slug: string) => useDecision<AcceptBody>(slug, "accept");
export const useRejectIntake = (slug: string) => useDecision<{ reason: string }>(slug, "reject");

export type AcceptAnswer = { request: IntakeRequestDto; signal: SignalDto };
