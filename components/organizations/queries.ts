import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/client";
import type { OrganizationDto } from "@/server/domain/dto";

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
