"use client";
// Two sections of the coordinator's view: the figures over time of one resource (ADR 028) and the map of
// organizations and open signals (ADR 029), both for the view's filters (boards, resource, region).
import dynamic from "next/dynamic";
import { useId, useState } from "react";
import { Loading } from "@/components/ui/loading";
import { ErrorText } from "@/components/ui/alert";
import { Select } from "@/components/ui/select";
import { DEFAULT_SERIES_WEEKS, type ResourceSeriesDto } from "@/server/domain/coordination-series";
import type { CoordinationMapDto } from "@/server/domain/coordination-map";
import type { SignalKind } from "@/server/domain/signal-rules";
import { useCoordinationMap, useCoordinationSeries } from "./queries";
import type { CoordinationFilters } from "./filters";
import { TrendCharts } from "./trend-charts";
import { ORGANIZATION_STYLE, SIGNAL_STYLES, type PointStyle } from "./map-style";
import type { MapTiles } from "./coordination-map";

export type { CoordinationFilters } from "./filters";
export type { MapTiles } from "./coordination-map";

// Leaflet reads `window` as soon as it is imported: the map is a browser-only chunk.
const CoordinationMap = dynamic(() => import("./coordination-map"), { ssr: false, loading: () => <Loading>Loading the map…</Loading> });

const WEEK_CHOICES = [4, 8, 13, 26, 52].map((n) => ({ value: String(n), label: `${n} weeks` }));

/** The resource shown before one is picked: the one with the most weeks that have any figure. */
function busiest(series: ResourceSeriesDto[]): ResourceSeriesDto | undefined {
  const weeksWithFigures = (s: ResourceSeriesDto) =>
    s.points.filter((p) => p.stockOnHand || p.capacity || p.demandDue || p.demandMet).length;
  return series.reduce<ResourceSeriesDto | undefined>((best, s) => (!best || weeksWithFigures(s) > weeksWithFigures(best) ? s : best), undefined);
}

function OverTime({ filters }: { filters: CoordinationFilters }) {
  const [weeks, setWeeks] = useState(DEFAULT_SERIES_WEEKS);
  const [picked, setPicked] = useState<string | null>(null);
  const q = useCoordinationSeries(filters, weeks);
  const ids = useId();
  const series = q.data?.series ?? [];
  const chosen = series.find((s) => s.resourceSpec.id === (filters.resource ?? picked)) ?? busiest(series);
  return (
    <>
      <div className="mb-3 flex flex-wrap items-end gap-3">
        {!filters.resource && series.length > 1 ? (
          <label className="flex min-w-0 flex-col text-sm" htmlFor={`${ids}-resource`}>
            <span className="mb-1 text-stone-600">Resource</span>
            <Select
              id={`${ids}-resource`}
              className="max-w-full"
              value={chosen?.resourceSpec.id}
              onChange={(e) => setPicked(e.target.value)}
              options={series.map((s) => ({ value: s.resourceSpec.id, label: `${s.resourceSpec.name} (${s.resourceSpec.unit})` }))}
            />
          </label>
        ) : null}
        <label className="flex flex-col text-sm" htmlFor={`${ids}-weeks`}>
          <span className="mb-1 text-stone-600">Weeks shown</span>
          <Select id={`${ids}-weeks`} value={String(weeks)} onChange={(e) => setWeeks(Number(e.target.value))} options={WEEK_CHOICES} />
        </label>
      </div>
      {q.isPending ? (
        <Loading>Loading the figures…</Loading>
      ) : q.isError ? (
        <ErrorText>Could not load the figures: {q.error.message}</ErrorText>
      ) : !chosen ? (
        <p className="text-sm text-stone-600">Nothing to chart yet: no stock, rated capacity, due demand or deliveries in these weeks.</p>
      ) : (
        <>
          <p className="mb-2 text-sm text-stone-700">
            <span className="font-medium">{chosen.resourceSpec.name}</span>, {q.data.weeks[0]} to {q.data.weeks.at(-1)} (ISO weeks, UTC), in{" "}
            {chosen.resourceSpec.unit}.
          </p>
          <TrendCharts series={chosen} currentWeek={q.data.currentWeek} />
        </>
      )}
    </>
  );
}

function Swatch({ style }: { style: PointStyle }) {
  // Attributes, not inline styles: the strict CSP refuses style attributes in HTML.
  return (
    <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" className="shrink-0">
      <circle cx="9" cy="9" r={style.radius === 10 ? 7 : 5.5} stroke={style.color} strokeWidth="2" strokeDasharray={style.dash ?? undefined} fill={style.color} fillOpacity={style.fill ? 0.55 : 0.05} />
    </svg>
  );
}

function MapSummary({ data }: { data: CoordinationMapDto }) {
  const byKind = new Map<SignalKind, number>();
  for (const s of data.signals) byKind.set(s.kind, (byKind.get(s.kind) ?? 0) + 1);
  const kinds = (Object.keys(SIGNAL_STYLES) as SignalKind[]).filter((k) => byKind.has(k));
  return (
    <>
      <p className="mb-2 text-sm text-stone-700" data-testid="map-summary">
        {data.organizations.length} organizations and {data.signals.length} open signals with a place
        {kinds.length ? `: ${kinds.map((k) => `${byKind.get(k)} ${SIGNAL_STYLES[k].label.toLowerCase()}`).join(", ")}` : ""}.
        {data.truncated ? ` Only the newest ${data.limits.signals} signals and ${data.limits.organizations} organizations are shown: narrow the filters to see the rest.` : ""}
      </p>
      <ul className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-700" aria-label="Legend">
        {[ORGANIZATION_STYLE, ...Object.values(SIGNAL_STYLES)].map((s) => (
          <li key={s.label} className="flex items-center gap-1">
            <Swatch style={s} />
            {s.label}
          </li>
        ))}
      </ul>
    </>
  );
}

function MapSection({ filters, tiles }: { filters: CoordinationFilters; tiles: MapTiles | null }) {
  const q = useCoordinationMap(filters);
  if (q.isPending) return <Loading>Loading the map…</Loading>;
  if (q.isError) return <ErrorText>Could not load the map: {q.error.message}</ErrorText>;
  return (
    <>
      <MapSummary data={q.data} />
      <div data-testid="coordination-map">
        <CoordinationMap data={q.data} tiles={tiles} />
      </div>
      {tiles ? null : <p className="mt-1 text-xs text-stone-500">Country outlines only: no map tile server is configured (MAP_TILE_URL).</p>}
    </>
  );
}

/**
 * The charts over time and the map for the view's filters. `tiles` comes from the server's configuration
 * (MAP_TILE_URL, MAP_TILE_ATTRIBUTION); absent, the map uses no tile server at all.
 */
export function TrendsAndMap({ filters, tiles = null }: { filters: CoordinationFilters; tiles?: MapTiles | null }) {
  const ids = useId();
  return (
    <div className="space-y-8">
      <section aria-labelledby={`${ids}-over-time`}>
        <h2 id={`${ids}-over-time`} className="mb-2 text-lg font-semibold text-stone-900">Over time</h2>
        <OverTime filters={filters} />
      </section>
      <section aria-labelledby={`${ids}-map`}>
        <h2 id={`${ids}-map`} className="mb-2 text-lg font-semibold text-stone-900">Map</h2>
        <MapSection filters={filters} tiles={tiles} />
      </section>
    </div>
  );
}
