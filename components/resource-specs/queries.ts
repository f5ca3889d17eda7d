import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, toQueryString } from "@/components/api/client";
import type { ResourceSpecDto } from "@/server/domain/dto";

export const resourceSpecsQuery = (q = "") =>
  queryOptions({
    queryKey: ["resource-specs", q] as const,
    queryFn: ({ signal }) =>
      apiFetch<{ items: ResourceSpecDto[] }>(`/resource-specs${toQueryString({ q })}`, { signal }).then((r) => r.items),
    staleTime: 5 * 60_000,
  });

export function useResourceSpecs(q = "") {
  return useQuery(resourceSpecsQuery(q));
}

export interface NewResourceSpecBody {
  name: string;
  unit: string;
  category?: string;
  designUrl?: string;
  licence?: string;
}

export function useCreateResourceSpec() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewResourceSpecBody) => apiFetch<ResourceSpecDto>("/resource-specs", { method: "POST", json: body }),
    onSuccess: (spec) => {
      // Show it in the picker at once, then let the server's list (sorted, complete) replace ours.
      qc.setQueryData<ResourceSpecDto[]>(["resource-specs", ""], (list) =>
        list ? [...list.filter((s) => s.id !== spec.id), spec].sort((a, b) => a.name.localeCompare(b.name)) : [spec],
      );
      void qc.invalidateQueries({ queryKey: ["resource-specs"] });
    },
  });
}
