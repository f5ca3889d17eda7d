// The coordinator's charts and map. Every key starts ["coordination"]: the view's live refresh invalidates
// them all at once when signals, claims or ledger events arrive.
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch, toQueryString } from "@/components/api/client";
import type { CoordinationSeriesDto } from "@/server/domain/coordination-series";
import type { CoordinationMapDto } from "@/server/domain/coordination-map";

export interface CoordinationFilters {
  boards: string[];
  resource: string | null;
  region: string | null;
}

/** The view's filters as the API's query string (the same names the page keeps in its URL). */
export function filterParams(f: CoordinationFilters) {
  return { boards: f.boards.join(","), resource: f.resource, region: f.region };
}

export const seriesQuery = (filters: CoordinationFilters, weeks: number) =>
  queryOptions({
    queryKey: ["coordination", "series", filters, weeks] as const,
    queryFn: ({ signal }) => apiFetch<CoordinationSeriesDto>(`/coordination/series${toQueryString({ ...filterParams(filters), weeks })}`, { signal }),
  });

export const mapQuery = (filters: CoordinationFilters) =>
  queryOptions({
    queryKey: ["coordination", "map", filters] as const,
    queryFn: ({ signal }) => apiFetch<CoordinationMapDto>(`/coordination/map${toQueryString(filterParams(filters))}`, { signal }),
  });

// The previous answer stays on screen while new filters load, so charts do not blink to "Loading".
export const useCoordinationSeries = (filters: CoordinationFilters, weeks: number) =>
  useQuery({ ...seriesQuery(filters, weeks), placeholderData: keepPreviousData });
export const useCoordinationMap = (filters: CoordinationFilters) => useQuery({ ...mapQuery(filters), placeholderData: keepPreviousData });
