import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/client";
import { reconnectSocket } from "@/components/realtime/socket";
import type { MeDto } from "@/server/domain/dto";

/**
 * The signed-in person, or null for an anonymous visitor. Asked of GET /sessions/current, which answers
 * 200 `{user: null}` when nobody is signed in: GET /me's 401 (right for machines) would be logged as an
 * error in the console of every anonymous page.
 */
export const meQuery = () =>
  queryOptions({
    queryKey: ["me"] as const,
    queryFn: async ({ signal }): Promise<MeDto | null> =>
      (await apiFetch<{ user: MeDto | null }>("/sessions/current", { signal })).user,
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
