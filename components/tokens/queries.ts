import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/client";

export interface TokenSummary {
  id: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export const tokensQuery = () =>
  queryOptions({
    queryKey: ["tokens"] as const,
    queryFn: ({ signal }) => apiFetch<{ items: TokenSummary[] }>("/tokens", { signal }).then((r) => r.items),
  });

export function useTokens(enabled = true) {
  return useQuery({ ...tokensQuery(), enabled });
}

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string; label?: string }) =>
      apiFetch<{ id: string; token: string }>("/tokens", { method: "POST", json: body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["tokens"] }),
  });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: (_v, id) => {
      qc.setQueryData<TokenSummary[]>(["tokens"], (list) => list?.filter((t) => t.id !== id));
      void qc.invalidateQueries({ queryKey: ["tokens"] });
    },
  });
}
