// Planning sessions' queries. Every key starts ["planning", board]: a planning.* board event invalidates
// them all at once (components/realtime/apply-event.ts), so every open page sees the plan converge.
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, toQueryString } from "@/components/api/client";
import type { Coverage } from "@/server/domain/plan-lines";
import type { SessionSnapshot } from "@/server/domain/planning-session";

const enc = encodeURIComponent;

export interface SessionSummary {
  id: string;
  title: string;
  status: "open" | "adopted" | "closed";
  horizonWeeks: number;
  firstWeek: string;
  deadline: string;
  runCount: number;
  scope: { resourceSpecIds: string[]; region: string | null };
  createdBy: { id: string; name: string };
  plan: { id: string; adoptedAt: string } | null;
  /** Who closed it without adopting a plan, and when; `by` is null if that account is gone. */
  closed: { at: string; by: { id: string; name: string } | null } | null;
  createdAt: string;
}

export interface SessionDetail extends SessionSummary {
  weeks: string[];
  totals: { needs: number; sources: number; demand: number; supply: number };
  coverage: Coverage;
  viewer: { canSteer: boolean; answerableLines: number };
}

export interface PlanLineDto {
  id: string;
  run: number;
  week: string;
  weekIndex: number;
  quantity: number;
  distanceKm: number | null;
  reasons: string[];
  kept: boolean;
  status: "suggested" | "accepted" | "changed" | "declined";
  answerReason: string | null;
  answeredBy: { id: string; name: string } | null;
  source: { id: string; title?: string; owner?: { id: string; name: string }; organization?: { id: string; name: string | null } | null; place?: string | null };
  need: { id: string; title?: string; quantity?: number; dueWeek?: string; place?: string | null };
  canAnswer: boolean;
}

export const sessionsQuery = (slug: string) =>
  queryOptions({
    queryKey: ["planning", slug, "sessions"] as const,
    queryFn: ({ signal }) => apiFetch<{ items: SessionSummary[]; viewer: { canSteer: boolean } }>(`/boards/${enc(slug)}/planning-sessions`, { signal }),
  });

export const sessionQuery = (slug: string, id: string) =>
  queryOptions({
    queryKey: ["planning", slug, "session", id] as const,
    queryFn: ({ signal }) => apiFetch<SessionDetail>(`/planning-sessions/${enc(id)}`, { signal }),
  });

export const snapshotQuery = (slug: string, id: string) =>
  queryOptions({
    // The snapshot never changes once taken.
    queryKey: ["planning-snapshot", id] as const,
    queryFn: ({ signal }) => apiFetch<{ snapshot: SessionSnapshot }>(`/planning-sessions/${enc(id)}/snapshot`, { signal }),
    staleTime: Infinity,
  });

interface LinesPage {
  items: PlanLineDto[];
  nextCursor: string | null;
}

/** Every line, a page of 500 at a time: at the scale of 2020 a session has tens of thousands. */
export const linesQuery = (slug: string, id: string) =>
  infiniteQueryOptions({
    queryKey: ["planning", slug, "lines", id] as const,
    queryFn: ({ signal, pageParam }) => apiFetch<LinesPage>(`/planning-sessions/${enc(id)}/lines${toQueryString({ after: pageParam })}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

/** The lines this viewer may answer, in one page of up to 2,000 (more than any one maker is given). */
export const myLinesQuery = (slug: string, id: string) =>
  queryOptions({
    queryKey: ["planning", slug, "my-lines", id] as const,
    queryFn: ({ signal }) => apiFetch<LinesPage>(`/planning-sessions/${enc(id)}/lines?mine=1&limit=2000`, { signal }),
  });

export const useSessions = (slug: string) => useQuery(sessionsQuery(slug));
export const useSession = (slug: string, id: string) => useQuery(sessionQuery(slug, id));
/** Fetched only once `enabled` (the page's snapshot section was opened): it can be megabytes. */
export const useSnapshot = (slug: string, id: string, enabled = true) => useQuery({ ...snapshotQuery(slug, id), enabled });
export const useLines = (slug: string, id: string) => useInfiniteQuery(linesQuery(slug, id));
export const useMyLines = (slug: string, id: string) => useQuery(myLinesQuery(slug, id));

/** A write of a session's; our own answer refreshes the session at once (the event does so for everyone else). */
function usePlanningWrite<B>(slug: string, path: (v: B) => string, body: (v: B) => unknown = () => undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: B) => apiFetch<Record<string, unknown>>(path(v), { method: "POST", json: body(v) }),
    onSettled: () => void qc.invalidateQueries({ queryKey: ["planning", slug] }),
  });
}

export interface OpenSessionBody {
  title: string;
  resourceSpecIds: string[];
  region?: string;
  horizonWeeks: number;
  deadline: string;
}

export const useOpenSession = (slug: string) => usePlanningWrite<OpenSessionBody>(slug, () => `/boards/${enc(slug)}/planning-sessions`, (b) => b);
export const useRunPlanner = (slug: string, id: string) => usePlanningWrite<void>(slug, () => `/planning-sessions/${enc(id)}/runs`);
export const useAdoptPlan = (slug: string, id: string) => usePlanningWrite<void>(slug, () => `/planning-sessions/${enc(id)}/adopt`);
export const useCloseSession = (slug: string, id: string) => usePlanningWrite<void>(slug, () => `/planning-sessions/${enc(id)}/close`);

export interface AnswerBody {
  lineId: string;
  answer: "accept" | "change" | "decline";
  quantity?: number;
  week?: string;
  reason?: string;
}

export const useAnswerLine = (slug: string) =>
  usePlanningWrite<AnswerBody>(slug, (b) => `/plan-lines/${enc(b.lineId)}/answer`, ({ lineId: _id, ...b }) => b);
