// Shared by the CSV tests: a CSV body posted as a machine client would (Bearer token).
import { rawRequest } from "../support/fixtures";
import type { Answer } from "../support/api-client";

export function postCsv(baseUrl: string, token: string | null, slug: string, csv: string, query = ""): Promise<Answer> {
  return rawRequest(baseUrl, "POST", `/boards/${slug}/import/signals${query}`, {
    headers: { "content-type": "text/csv", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: csv,
  });
}
