// The coordinator's view reads four aggregates: gaps, the at-risk list, the series over time and the map.
// Every key starts with "coordination", which the realtime provider invalidates (once per burst) on every
// event of a followed board. Changing a filter keeps the last figures on screen until the new ones arrive
// (no flash of "Loading", and charts do not blink).
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/client";
import type { GapsAnswer } from "@/server/domain/coordination-gaps";
import type { AtRiskAnswer } from "@/server/domain/coordination-at-risk";
import type { CoordinationSeriesDto } from "@/server/domain/coordination-series";
import type { CoordinationMapDto } from "@/server/domain/coordination-map";
import { coordinationSearch, type CoordinationFilters } from "./filters";

export type { GapsAnswer, AtRiskAnswer, CoordinationFilters };

export const gapsQuery = (f: CoordinationFilters) =>
  queryOptions({
    queryKey: ["coordination", "gaps", f] as const,
    queryFn: ({ signal }) => apiFetch<GapsAnswer>(`/coordination/gaps${coordinationSearch(f)}`, { signal }),
    placeholderData: keepPreviousData,
  });

export const atRiskQuery = (f: CoordinationFilters) =>
  queryOptions({
    queryKey: ["coordination", "at-risk", f] as const,
    queryFn: ({ signal }) => apiFetch<AtRiskAnswer>(`/coordination/at-risk${coordinationSearch(f)}`, { signal }),
    placeholderData: keepPreviousData,
  });

export const seriesQuery = (f: CoordinationFilters, weeks: number) =>
  queryOptions({
    queryKey: ["coordination", "series", f, weeks] as const,
    queryFn: ({ signal }) => {
      const search = coordinationSearch(f);
      return apiFetch<CoordinationSeriesDto>(`/coordination/series${search}${search ? "&" : "?"}weeks=${weeks}`, { signal });
    },
    placeholderData: keepPreviousData,
  });

export const mapQuery = (f: CoordinationFilters) =>
  queryOptions({
    queryKey: ["coordination", "map", f] as const,
    queryFn: ({ signal }) => apiFetch<CoordinationMapDto>(`/coordination/map${coordinationSearch(f)}`, { signal }),
    placeholderData: keepPreviousData,
  });

export const useCoordinationSeries = (f: CoordinationFilters, weeks: number) => useQuery(seriesQuery(f, weeks));
export const useCoordinationMap = (f: CoordinationFilters) => useQuery(mapQuery(f));
