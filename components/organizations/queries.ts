import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, toQueryString } from "@/components/api/client";
import type { LineageDto, OrganizationDto, OrganizationPage } from "@/server/domain/dto";

export const ORGANIZATION_KINDS = ["makerspace", "microfactory", "clinic", "hub", "other"] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const organizationQuery = (id: string) =>
  queryOptions({
    queryKey: ["organization", id] as const,
    queryFn: ({ signal }) => apiFetch<OrganizationDto>(`/organizations/${encodeURIComponent(id)}`, { signal }),
  });

export function useOrganization(id: string) {
  return useQuery(organizationQuery(id));
}

export interface NewOrganizationBody {
  name: string;
  kind: string;
  location?: { name?: string; lat: number; lng: number };
}

export function useCreateOrganization() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewOrganizationBody) => apiFetch<OrganizationDto>("/organizations", { method: "POST", json: body }),
    onSuccess: (org) => {
      if (org?.id) qc.setQueryData(["organization", org.id], org);
      void qc.invalidateQueries({ queryKey: ["me"] });
    },
  });
}

export interface DirectoryFilters {
  q: string;
  kind: string;
}

export const directoryQuery = (f: DirectoryFilters) =>
  infiniteQueryOptions({
    queryKey: ["organizations", f] as const,
    queryFn: ({ signal, pageParam }) =>
      apiFetch<OrganizationPage>(`/organizations${toQueryString({ q: f.q.trim(), kind: f.kind, cursor: pageParam })}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

/** The directory; the previous answer stays on screen while a new search loads, so the list does not flash. */
export function useDirectory(f: DirectoryFilters) {
  return useInfiniteQuery({ ...directoryQuery(f), placeholderData: keepPreviousData });
}

export function useLineage(id: string) {
  return useQuery({
    queryKey: ["organization", id, "lineage"] as const,
    queryFn: ({ signal }) => apiFetch<LineageDto>(`/organizations/${encodeURIComponent(id)}/lineage`, { signal }),
  });
}

/** A steward verifies (or withdraws the verification of) an organization for one board. */
export function useSetVerification(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ board, verified }: { board: string; verified: boolean }) =>
      apiFetch(`/boards/${encodeURIComponent(board)}/organizations/${encodeURIComponent(orgId)}/verification`, {
        method: verified ? "PUT" : "DELETE",
        json: {},
      }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ["organization", orgId] });
      void qc.invalidateQueries({ queryKey: ["organizations"] });
    },
  });
}
