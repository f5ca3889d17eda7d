"use client";
import { Select } from "@/components/ui/select";
import type { Region } from "@/server/domain/regions";
import type { SpecRef } from "@/server/domain/coordination-gaps";
import type { CoordinationFilters } from "./filters";

export interface BoardChoice {
  slug: string;
  name: string;
}

/**
 * Boards (none ticked: every board of the viewer), one resource, one region. Each change goes to the URL,
 * which the queries read, so the view and its link never disagree.
 */
export function CoordinationFiltersForm({
  filters,
  boards,
  resources,
  regions,
  onChange,
}: {
  filters: CoordinationFilters;
  boards: BoardChoice[];
  resources: SpecRef[];
  regions: Region[];
  onChange: (next: Partial<CoordinationFilters>) => void;
}) {
  const toggle = (slug: string, on: boolean) => {
    const next = on ? [...filters.boards, slug] : filters.boards.filter((s) => s !== slug);
    onChange({ boards: boards.map((b) => b.slug).filter((s) => next.includes(s)) });
  };
  // A filter the data no longer offers (a resource now covered everywhere) stays choosable, so it can be undone.
  const resourceOptions = [...resources];
  if (filters.resource && !resources.some((r) => r.id === filters.resource)) resourceOptions.push({ id: filters.resource, name: "(selected resource)", unit: "" });
  const regionOptions = [...regions];
  if (filters.region && !regions.some((r) => r.key === filters.region)) regionOptions.push({ key: filters.region, name: filters.region });

  return (
    <form className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
      <fieldset className="min-w-0">
        <legend className="mb-1 text-sm font-medium text-stone-800">Boards</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1" data-testid="board-picker">
          {boards.map((b) => (
            <label key={b.slug} className="inline-flex items-center gap-1.5 text-sm text-stone-800">
              <input type="checkbox" checked={filters.boards.includes(b.slug)} onChange={(e) => toggle(b.slug, e.target.checked)} />
              {b.name}
            </label>
          ))}
          {boards.length === 0 ? <span className="text-sm text-stone-500">No boards yet</span> : null}
        </div>
        {filters.boards.length === 0 && boards.length > 0 ? <p className="mt-1 text-xs text-stone-500">None ticked: all your boards.</p> : null}
      </fieldset>
      <label className="flex min-w-0 flex-col gap-1 text-sm font-medium text-stone-800">
        Resource
        <Select
          name="resource"
          value={filters.resource ?? ""}
          onChange={(e) => onChange({ resource: e.target.value || null })}
          options={[{ value: "", label: "All resources" }, ...resourceOptions.map((r) => ({ value: r.id, label: r.unit ? `${r.name} (${r.unit})` : r.name }))]}
        />
      </label>
      <label className="flex min-w-0 flex-col gap-1 text-sm font-medium text-stone-800">
        Region
        <Select
          name="region"
          value={filters.region ?? ""}
          onChange={(e) => onChange({ region: e.target.value || null })}
          options={[{ value: "", label: "All regions" }, ...regionOptions.map((r) => ({ value: r.key, label: r.name }))]}
        />
      </label>
    </form>
  );
}
