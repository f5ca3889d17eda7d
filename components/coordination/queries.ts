// The coordinator's view reads two aggregates. Their keys start with "coordination", which the realtime
// provider invalidates (once per burst) on every event of a followed board.
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/client";
import type { GapsAnswer } from "@/server/domain/coordination-gaps";
import type { AtRiskAnswer } from "@/server/domain/coordination-at-risk";
import { coordinationSearch, type CoordinationFilters } from "./filters";

export type { GapsAnswer, AtRiskAnswer };

export const gapsQuery = (f: CoordinationFilters) =>
  queryOptions({
    queryKey: ["coordination", "gaps", f] as const,
    queryFn: ({ signal }) => apiFetch<GapsAnswer>(`/coordination/gaps${coordinationSearch(f)}`, { signal }),
    // Changing a filter keeps the last figures on screen until the new ones arrive (no flash of "Loading").
    placeholderData: keepPreviousData,
  });

export const atRiskQuery = (f: CoordinationFilters) =>
  queryOptions({
    queryKey: ["coordination", "at-risk", f] as const,
    queryFn: ({ signal }) => apiFetch<AtRiskAnswer>(`/coordination/at-risk${coordinationSearch(f)}`, { signal }),
    placeholderData: keepPreviousData,
  });
