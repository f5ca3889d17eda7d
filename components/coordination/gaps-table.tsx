import { formatQuantity } from "@/components/format/numbers";
import { cx } from "@/components/ui/cx";
import type { GapRow } from "@/server/domain/coordination-gaps";

const num = "px-3 py-2 text-right tabular-nums whitespace-nowrap";

/** Demand against free supply per resource and region; unmet rows first, marked in words as well as colour. */
export function GapsTable({ rows, weeks }: { rows: GapRow[]; weeks: { current: string; next: string } }) {
  if (rows.length === 0) return <p className="text-sm text-stone-600">Nothing open on these boards: no demand waiting and no supply offered.</p>;
  return (
    // Wide on a phone: the table scrolls inside its own box, never the page.
    <div className="max-w-full overflow-x-auto rounded-lg border border-stone-200 bg-white" data-testid="gaps-table">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Open demand against free supply, largest gap first</caption>
        <thead className="bg-stone-50 text-left text-xs font-medium text-stone-600">
          <tr>
            <th scope="col" className="px-3 py-2">Resource</th>
            <th scope="col" className="px-3 py-2">Region</th>
            <th scope="col" className={num}>Unclaimed demand</th>
            <th scope="col" className={num}>Claimed, not delivered</th>
            <th scope="col" className={num} title={`Free capacity in ${weeks.current} and ${weeks.next}`}>Free capacity (2 wks)</th>
            <th scope="col" className={num}>Stock offered</th>
            <th scope="col" className={num}>Gap</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.map((r) => {
            const unmet = r.gap > 0;
            const unit = r.resourceSpec.unit;
            return (
              <tr key={`${r.resourceSpec.id}/${r.region.key}`} className={cx(unmet && "bg-red-50")} data-testid="gap-row" data-unmet={unmet}>
                <th scope="row" className="px-3 py-2 text-left font-medium text-stone-900">
                  {r.resourceSpec.name} <span className="font-normal text-stone-500">({unit})</span>
                </th>
                <td className="px-3 py-2 text-stone-700">{r.region.name}</td>
                <td className={num}>{formatQuantity(r.demand.unclaimed)}</td>
                <td className={num}>{formatQuantity(r.demand.claimedNotDelivered)}</td>
                <td className={num}>{formatQuantity(r.supply.capacity)}</td>
                <td className={num}>{formatQuantity(r.supply.stock)}</td>
                <td className={cx(num, unmet ? "font-semibold text-red-800" : "text-emerald-800")} data-testid="gap-value">
                  {unmet ? `${formatQuantity(r.gap)} unmet` : "covered"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
