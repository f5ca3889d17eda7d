import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/client";
import type { SignalDto } from "@/server/domain/dto";
import type { NotificationDto } from "@/server/domain/realtime-contract";

export interface MatchItem {
  signal: SignalDto;
  freeInTime: number;
  distanceKm: number | null;
  trackRecord: { delivered: number; ended: number; share: number } | null;
  score: number;
  reasons: string[];
}

export interface SuggestionItem {
  signal: SignalDto;
  distanceKm: number | null;
  reasons: string[];
}

/** The keys the realtime provider invalidates when a watched board's signals or claims change. */
export const MATCHES_KEY = ["matches"] as const;

export const matchesQuery = (signalId: string) =>
  queryOptions({
    // Not under ["signal"], whose entries the realtime layer treats as signals; MATCHES_KEY is invalidated there.
    queryKey: [...MATCHES_KEY, signalId] as const,
    queryFn: ({ signal }) => apiFetch<{ items: MatchItem[] }>(`/signals/${encodeURIComponent(signalId)}/matches`, { signal }),
  });

export function useMatches(signalId: string, enabled: boolean) {
  return useQuery({ ...matchesQuery(signalId), enabled });
}

export const SUGGESTIONS_KEY = ["suggestions"] as const;

export function useSuggestions(enabled: boolean) {
  return useQuery({
    queryKey: SUGGESTIONS_KEY,
    queryFn: ({ signal }) => apiFetch<{ items: SuggestionItem[]; radiusKm: number; offers: number }>("/me/suggestions", { signal }),
    enabled,
  });
}

export const NOTIFICATIONS_KEY = ["notifications"] as const;

export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: ({ signal }) => apiFetch<{ items: NotificationDto[]; unread: number }>("/me/notifications", { signal }),
    enabled,
  });
}

export function useMarkNotificationsRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids: string[] } | { all: true }) => apiFetch<{ updated: number; unread: number }>("/me/notifications/read", { method: "POST", json: body }),
    onSettled: () => void qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}
