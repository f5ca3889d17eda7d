import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { apiFetch, isApiError, toQueryString } from "@/components/api/client";
import { applySignalSnapshot, keepNewerSignals } from "@/components/realtime/apply-event";
import type { BoardEventDto, PlaceDto, SignalDto, SignalPage } from "@/server/domain/dto";
import { listQueryParams, normalizeFilters, type SignalFilters } from "./filters";

const enc = encodeURIComponent;

/** One board's list under one set of filters, page by page ("Load more"). */
export const signalListQuery = (slug: string, filters: SignalFilters) => {
  const f = normalizeFilters(filters);
  return infiniteQueryOptions({
    queryKey: ["signals", slug, f] as const,
    queryFn: ({ pageParam, signal }) =>
      apiFetch<SignalPage>(`/boards/${enc(slug)}/signals${toQueryString(listQueryParams(f, pageParam))}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // The board stream keeps loaded lists current; refetching on focus could only race with it.
    staleTime: 60_000,
    refetchOnWindowFocus: false,
    structuralSharing: keepNewerSignals,
  });
};

export const signalQuery = (id: string) =>
  queryOptions({
    queryKey: ["signal", id] as const,
    queryFn: ({ signal }) => apiFetch<SignalDto>(`/signals/${enc(id)}`, { signal }),
    structuralSharing: keepNewerSignals,
  });

export const signalEventsQuery = (id: string) =>
  queryOptions({
    queryKey: ["signal-events", id] as const,
    queryFn: ({ signal }) => apiFetch<{ events: BoardEventDto[] }>(`/signals/${enc(id)}/events`, { signal }).then((r) => r.events),
  });

/** Named places matching `q` (GET /places), of one board when given: what the location picker suggests. */
export const placesQuery = (q: string, board: string | undefined) =>
  queryOptions({
    queryKey: ["places", board ?? null, q] as const,
    queryFn: ({ signal }) =>
      apiFetch<{ items: PlaceDto[] }>(`/places${toQueryString({ q, board, limit: 10 })}`, { signal }).then((r) => r.items),
    staleTime: 60_000,
  });

export function useSignalList(slug: string, filters: SignalFilters, enabled = true) {
  const list = useInfiniteQuery({ ...signalListQuery(slug, filters), enabled });
  // A cursor is good for an hour (ADR 015): a list left open longer loads again from its first page.
  const fetchNextPage = async () => {
    const r = await list.fetchNextPage();
    if (isApiError(r.error) && r.error.code === "CURSOR_EXPIRED") return list.refetch();
    return r;
  };
  return { ...list, fetchNextPage };
}

export function useSignal(id: string) {
  return useQuery(signalQuery(id));
}

export function useSignalEvents(id: string) {
  return useQuery(signalEventsQuery(id));
}

/** The body of POST /boards/:slug/signals, as the form sends it. */
export interface NewSignalBody {
  kind: SignalDto["kind"];
  resourceSpecId: string;
  quantity: number;
  title?: string;
  note?: string;
  location?: { name?: string; lat: number; lng: number };
  dueAt?: string;
  availableFrom?: string;
  availableUntil?: string;
  onBehalfOf?: string;
  rate?: { quantity: number; period: "week" };
}

export interface SignalPatchBody {
  title?: string;
  note?: string | null;
  quantity?: number;
  dueAt?: string | null;
}

function isSignalDto(x: unknown): x is SignalDto {
  return !!x && typeof x === "object" && typeof (x as SignalDto).id === "string" && "intensityParts" in x;
}

/** Our own write answered with the signal: show it everywhere now rather than when the event arrives. */
function useWriteBack() {
  const qc = useQueryClient();
  return (answer: unknown, id: string, created = false) => {
    if (isSignalDto(answer)) applySignalSnapshot(qc, answer, { created });
    void qc.invalidateQueries({ queryKey: ["signal", id] });
    void qc.invalidateQueries({ queryKey: ["signal-events", id] });
  };
}

export function useCreateSignal(slug: string) {
  const writeBack = useWriteBack();
  return useMutation({
    mutationFn: (body: NewSignalBody) => apiFetch<SignalDto>(`/boards/${enc(slug)}/signals`, { method: "POST", json: body }),
    onSuccess: (s) => writeBack(s, s.id, true),
  });
}

export function usePatchSignal(id: string) {
  const writeBack = useWriteBack();
  return useMutation({
    mutationFn: (body: SignalPatchBody) => apiFetch<SignalDto>(`/signals/${enc(id)}`, { method: "PATCH", json: body }),
    onSuccess: (s) => writeBack(s, id),
  });
}

export type SignalAction = "refresh" | "withdraw" | "reinforce";

export function useSignalAction(id: string, action: SignalAction) {
  const writeBack = useWriteBack();
  return useMutation({
    mutationFn: () => apiFetch<SignalDto>(`/signals/${enc(id)}/${action}`, { method: "POST", json: {} }),
    onSuccess: (s) => writeBack(s, id),
  });
}
