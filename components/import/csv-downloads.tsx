import { API_BASE } from "@/components/api/client";

/** Links to the board's CSV exports: the signals file imports back (same columns). */
export function CsvDownloads({ slug }: { slug: string }) {
  const base = `${API_BASE}/boards/${encodeURIComponent(slug)}/export`;
  return (
    <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
      <span className="text-stone-600">Download as CSV:</span>
      <a href={`${base}/signals.csv`} download>
        signals
      </a>
      <a href={`${base}/claims.csv`} download>
        claims
      </a>
      <a href={`${base}/ledger.csv`} download>
        ledger
      </a>
    </p>
  );
}
