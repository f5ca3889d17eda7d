import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, isApiError } from "@/components/api/client";
import { reconnectSocket } from "@/components/realtime/socket";
import type { MeDto } from "@/server/domain/dto";

/** The signed-in person, or null for an anonymous visitor (the API answers 401). */
export const meQuery = () =>
  queryOptions({
    queryKey: ["me"] as const,
    queryFn: async ({ signal }): Promise<MeDto | null> => {
      try {
        return await apiFetch<MeDto>("/me", { signal });
      } catch (e) {
        if (isApiError(e) && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });

export function useMe() {
  return useQuery(meQuery());
}

export interface Credentials {
  email: string;
  password: string;
}

/** After signing in or out every answer may differ (roles, allowed transitions): refetch them all. */
function useAfterAuthChange() {
  const qc = useQueryClient();
  return async () => {
    reconnectSocket();
    await qc.invalidateQueries({ queryKey: ["me"] });
    void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== "me" });
  };
}

export function useSignIn() {
  const after = useAfterAuthChange();
  return useMutation({
    mutationFn: (c: Credentials) => apiFetch<unknown>("/sessions", { method: "POST", json: c }),
    onSuccess: after,
  });
}

export function useSignUp() {
  const after = useAfterAuthChange();
  return useMutation({
    mutationFn: async (body: Credentials & { name: string }) => {
      await apiFetch<{ id: string; email: string; name: string }>("/accounts", { method: "POST", json: body });
      await apiFetch<unknown>("/sessions", { method: "POST", json: { email: body.email, password: body.password } });
    },
    onSuccess: after,
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<void>("/sessions", { method: "DELETE" }),
    onSettled: () => {
      reconnectSocket();
      qc.setQueryData(["me"], null);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== "me" });
    },
  });
}
