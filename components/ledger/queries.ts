// The ledger's queries. Every key starts ["ledger", board]: a `ledger.recorded` board event invalidates
// them all at once (components/realtime/apply-event.ts).
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch, toQueryString } from "@/components/api/client";
import type { EconomicEventPage } from "@/server/domain/ledger-schemas";

const enc = encodeURIComponent;

/** The ledger events a claim fulfilled (its delivery's transfer, and any shortfall produced with it). */
export const claimLedgerEventsQuery = (slug: string, claimId: string) =>
  queryOptions({
    queryKey: ["ledger", slug, "claim", claimId] as const,
    queryFn: ({ signal }) =>
      apiFetch<EconomicEventPage>(`/boards/${enc(slug)}/ledger/events${toQueryString({ claimId, limit: 50 })}`, { signal }),
  });

export function useClaimLedgerEvents(slug: string, claimId: string, enabled: boolean) {
  return useQuery({ ...claimLedgerEventsQuery(slug, claimId), enabled });
}
