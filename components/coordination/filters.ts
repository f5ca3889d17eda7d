// The view's filters live in the URL (nuqs), so a copied link opens the same view. The names and meaning
// are those of the API's query (server/domain/coordination-query.ts): boards, resource, region.
import { parseAsArrayOf, parseAsString } from "nuqs";

export const coordinationParsers = {
  boards: parseAsArrayOf(parseAsString, ",").withDefault([]),
  resource: parseAsString,
  region: parseAsString,
};

export interface CoordinationFilters {
  boards: string[];
  resource: string | null;
  region: string | null;
}

/** The API's query string for the filters ("" when none is set). */
export function coordinationSearch(f: CoordinationFilters): string {
  const q = new URLSearchParams();
  if (f.boards.length) q.set("boards", f.boards.join(","));
  if (f.resource) q.set("resource", f.resource);
  if (f.region) q.set("region", f.region);
  const text = q.toString();
  return text ? `?${text}` : "";
}
