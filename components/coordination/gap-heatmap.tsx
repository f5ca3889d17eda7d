import { formatQuantity } from "@/components/format/numbers";
import { cx } from "@/components/ui/cx";
import type { Heatmap } from "@/server/domain/coordination-gaps";
import { HEAT_STEPS, heatStep } from "./heat-scale";

/** Unmet demand by resource (rows) and region (columns): each cell coloured by size and showing its number. */
export function GapHeatmap({ heatmap }: { heatmap: Heatmap }) {
  if (heatmap.resources.length === 0) return <p className="text-sm text-stone-600">No unmet demand: free supply covers every open need here.</p>;
  const max = Math.max(...heatmap.cells.flat());
  return (
    <div className="max-w-full overflow-x-auto rounded-lg border border-stone-200 bg-white" data-testid="gap-heatmap">
      <table className="text-sm">
        <caption className="sr-only">Unmet demand by resource and region</caption>
        <thead>
          <tr>
            <td className="px-3 py-2" />
            {heatmap.regions.map((g) => (
              <th key={g.key} scope="col" className="max-w-32 px-3 py-2 text-left text-xs font-medium text-stone-600">
                {g.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {heatmap.resources.map((s, i) => (
            <tr key={s.id}>
              <th scope="row" className="max-w-40 px-3 py-2 text-left font-medium text-stone-900">
                {s.name} <span className="font-normal text-stone-500">({s.unit})</span>
              </th>
              {heatmap.cells[i]!.map((v, j) => (
                <td key={heatmap.regions[j]!.key} className={cx("border border-white px-3 py-2 text-right tabular-nums", HEAT_STEPS[heatStep(v, max)])}>
                  {v > 0 ? formatQuantity(v) : "–"}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
