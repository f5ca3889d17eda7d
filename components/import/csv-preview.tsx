import type { CsvProblem, CsvTable } from "@/server/domain/csv-table";
import { cx } from "@/components/ui/cx";

/** The first rows of the file as a table, each row's problems under it; scrolls sideways on a phone. */
export function CsvPreview({ table, problems, rows }: { table: CsvTable; problems: CsvProblem[]; rows: number }) {
  const shown = table.rows.slice(0, rows);
  const byRow = new Map<number, CsvProblem[]>();
  for (const p of problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p]);
  return (
    <div className="overflow-x-auto rounded-md border border-stone-200" data-testid="csv-preview">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">The first {shown.length} rows of the file</caption>
        <thead className="bg-stone-100 text-stone-700">
          <tr>
            <th scope="col" className="px-2 py-1 font-medium">Row</th>
            {table.header.map((h, i) => (
              <th key={i} scope="col" className={cx("px-2 py-1 font-medium whitespace-nowrap", byRow.get(1)?.some((p) => p.column === h) && "text-red-800")}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => {
            const rowProblems = byRow.get(r.row) ?? [];
            const bad = new Set(rowProblems.map((p) => p.column));
            return [
              <tr key={r.row} className={cx("border-t border-stone-200", rowProblems.length > 0 && "bg-red-50")} data-row={r.row}>
                <th scope="row" className="px-2 py-1 font-normal text-stone-500">{r.row}</th>
                {table.header.map((h, i) => (
                  <td key={i} className={cx("max-w-48 truncate px-2 py-1", bad.has(h) && "font-medium text-red-800")} title={r.cells[i]}>
                    {r.cells[i]}
                  </td>
                ))}
              </tr>,
              rowProblems.length > 0 ? (
                <tr key={`${r.row}-problems`} className="bg-red-50">
                  <td />
                  <td colSpan={table.header.length} className="px-2 pb-2 text-red-800" data-testid="row-problems">
                    {rowProblems.map((p, i) => (
                      <span key={i} className="mr-3 inline-block">
                        {p.column ? <strong>{p.column}: </strong> : null}
                        {p.message}
                      </span>
                    ))}
                  </td>
                </tr>
              ) : null,
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}
