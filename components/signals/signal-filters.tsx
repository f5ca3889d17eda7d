"use client";
import { useEffect, useId, useState, useSyncExternalStore } from "react";
import { controlClass } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import type { MeDto, ResourceSpecDto } from "@/server/domain/dto";
import type { KindFilter, SignalFilters, SortKey, StatusFilter } from "./filters";
import { LocationPicker } from "./location-picker";
import { formatLatLng } from "./place";
import { parseNear } from "@/server/domain/geo";

const KIND_OPTIONS: Array<{ value: KindFilter; label: string }> = [
  { value: "all", label: "All kinds" },
  { value: "need", label: "Needs" },
  { value: "capacity", label: "Capacity" },
  { value: "stock", label: "Stock" },
  { value: "order", label: "Orders" },
];

const STATUS_OPTIONS: Array<{ value: StatusFilter; label: string }> = [
  { value: "active", label: "Open and claimed" },
  { value: "open", label: "Open" },
  { value: "claimed", label: "Fully claimed" },
  { value: "fulfilled", label: "Fulfilled" },
  { value: "withdrawn", label: "Withdrawn" },
  { value: "expired", label: "Expired" },
  { value: "all", label: "Any status" },
];

const SEARCH_DELAY_MS = 300;
/** Below this width the narrowing filters start folded, so a phone's first screen shows signals. */
const WIDE_SCREEN = "(min-width: 640px)";

function subscribeWideScreen(onChange: () => void) {
  const query = window.matchMedia(WIDE_SCREEN);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}
const isWideScreen = () => window.matchMedia(WIDE_SCREEN).matches;

function countNarrowing(f: SignalFilters): number {
  return [f.kind !== "all", f.status !== "active", f.resourceSpecId !== "", !!f.near].filter(Boolean).length;
}

export function SignalFiltersForm({
  filters,
  onChange,
  resourceSpecs,
  organizations,
}: {
  filters: SignalFilters;
  onChange: (f: SignalFilters) => void;
  resourceSpecs: ResourceSpecDto[];
  organizations: MeDto["organizations"];
}) {
  const id = useId();
  const [q, setQ] = useState(filters.q);
  // The extra filters start unfolded on wide screens and folded on phones (and in the server's HTML,
  // which knows no screen), until the person opens or closes them.
  const wide = useSyncExternalStore(subscribeWideScreen, isWideScreen, () => false);
  const [toggled, setToggled] = useState<boolean | null>(null);
  const more = toggled ?? wide;
  const narrowing = countNarrowing(filters);
  // The filter keeps only "lat,lng" (it is the query); the name of the place chosen for it is kept here.
  const [nearName, setNearName] = useState<{ near: string; name: string } | null>(null);
  const nearPoint = filters.near ? parseNear(filters.near) : null;
  const nearValue = nearPoint ? { ...nearPoint, ...(nearName?.near === filters.near ? { name: nearName.name } : {}) } : null;
  const set = (patch: Partial<SignalFilters>) => onChange({ ...filters, ...patch });

  // Search as the person types, but not on every keystroke.
  useEffect(() => {
    if (q === filters.q) return;
    const t = setTimeout(() => onChange({ ...filters, q }), SEARCH_DELAY_MS);
    return () => clearTimeout(t);
  }, [q, filters, onChange]);

  const sortOptions: Array<{ value: SortKey; label: string; disabled?: boolean }> = [
    { value: "intensity", label: "Hottest first" },
    { value: "due", label: "Due soonest" },
    { value: "new", label: "Newest" },
    { value: "distance", label: filters.near ? "Nearest" : "Nearest (set your location)", disabled: !filters.near },
  ];

  return (
    <form
      role="search"
      aria-label="Filter signals"
      className="flex flex-col gap-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm"
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ ...filters, q });
      }}
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-[1fr_16rem]">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-q`} className="text-sm font-medium text-stone-800">
            Search
          </label>
          <input
            id={`${id}-q`}
            type="search"
            className={controlClass}
            placeholder="Title, note or resource"
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
        </div>
        <SelectField
          label="Sort by"
          value={filters.sort}
          onChange={(e) => set({ sort: e.target.value as SortKey })}
          options={sortOptions}
        />
      </div>
      <details open={more} onToggle={(e) => setToggled(e.currentTarget.open)} className="group">
        <summary className="cursor-pointer text-sm font-medium text-stone-800 focus-visible:outline-2 focus-visible:outline-offset-2">
          Kind, status, resource and location{narrowing ? ` (${narrowing} set)` : ""}
        </summary>
        <div className="mt-3 flex flex-col gap-4">
          <div className="grid grid-cols-2 gap-3 lg:grid-cols-3">
            <SelectField label="Kind" value={filters.kind} onChange={(e) => set({ kind: e.target.value as KindFilter })} options={KIND_OPTIONS} />
            <SelectField
              label="Status"
              value={filters.status}
              onChange={(e) => set({ status: e.target.value as StatusFilter })}
              options={STATUS_OPTIONS}
            />
            <SelectField
              label="Resource"
              value={filters.resourceSpecId}
              onChange={(e) => set({ resourceSpecId: e.target.value })}
              options={[{ value: "", label: "All resources" }, ...resourceSpecs.map((r) => ({ value: r.id, label: `${r.name} (${r.unit})` }))]}
            />
          </div>
          <LocationPicker
            label="Your location"
            locate
            value={nearValue}
            organizations={organizations}
            onChange={(place) => {
              const near = place ? formatLatLng(place.lat, place.lng) : "";
              setNearName(place?.name ? { near, name: place.name } : null);
              if (near !== filters.near) set({ near, sort: !near && filters.sort === "distance" ? "intensity" : filters.sort });
            }}
          />
        </div>
      </details>
    </form>
  );
}

