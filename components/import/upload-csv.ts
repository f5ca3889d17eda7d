// Sends a CSV file to the import endpoint with XMLHttpRequest rather than fetch: only XHR reports upload
// progress (`upload.onprogress`) in every browser today, and a 2 MB file on a workshop's slow uplink takes
// long enough that people need to see it move. Same origin, with the session cookie, like apiFetch.
import { API_BASE, ApiError, toApiError } from "@/components/api/client";
import type { CsvProblem } from "@/server/domain/csv-table";
import type { ImportResult } from "@/server/domain/dto";

/** The server's answer (server/domain/dto.ts). */
export type ImportAnswer = ImportResult;

export interface UploadProgress {
  /** Bytes sent so far and in all; `done` once the whole file is sent and the server is writing. */
  loaded: number;
  total: number;
  done: boolean;
}

/** POSTs the file; resolves with the answer, rejects with an ApiError (IMPORT_REJECTED carries `errors`). */
export function uploadCsv(
  slug: string,
  file: Blob,
  opts: { createMissingResources: boolean; dryRun: boolean; onProgress?: (p: UploadProgress) => void },
): Promise<ImportAnswer> {
  const query = new URLSearchParams();
  if (opts.createMissingResources) query.set("createMissingResources", "true");
  if (opts.dryRun) query.set("dryRun", "true");
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const search = query.size > 0 ? `?${query}` : "";
    xhr.open("POST", `${API_BASE}/boards/${encodeURIComponent(slug)}/import/signals${search}`);
    xhr.setRequestHeader("content-type", "text/csv");
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (e) => opts.onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size, done: false });
    xhr.upload.onload = () => opts.onProgress?.({ loaded: file.size, total: file.size, done: true });
    xhr.onerror = () => reject(new ApiError(0, "NETWORK_ERROR", "Could not reach the server. Check your connection and try again."));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = xhr.responseText;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as ImportAnswer);
      else reject(toApiError(xhr.status, xhr.statusText, body));
    };
    xhr.send(file);
  });
}

/** The row problems of an IMPORT_REJECTED answer (empty for any other error). */
export function importProblems(e: unknown): { problems: CsvProblem[]; count: number } {
  if (!(e instanceof ApiError) || e.code !== "IMPORT_REJECTED") return { problems: [], count: 0 };
  const list = e.detail("errors");
  const problems = Array.isArray(list) ? (list as CsvProblem[]) : [];
  const count = e.detail("errorCount");
  return { problems, count: typeof count === "number" ? count : problems.length };
}
