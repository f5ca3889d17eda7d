// A CSV download as a stream over keyset-paged queries: memory stays at one page whatever the board's
// size, and the first bytes leave before the last rows are read (ADR 024). Pages are read one after the
// other outside any transaction, each as the board is then; keyset paging on (createdAt, id), which never
// change, writes every row once even while the board changes under the download.
import { stringify } from "csv-stringify/sync";
import { log } from "../log";

export const EXPORT_PAGE_SIZE = 500;

export interface Keyset {
  createdAt: Date;
  id: string;
}

/** Prisma's `where` for the rows after `after` in (createdAt, id) order. */
export function afterKeyset(after: Keyset | null) {
  return after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {};
}

export const KEYSET_ORDER = [{ createdAt: "asc" as const }, { id: "asc" as const }];

/**
 * A UTF-8 CSV stream: a byte-order mark (so spreadsheets read the file as UTF-8), the header, then each
 * page's rows as `cells` turns them into cells, until a page comes back short.
 */
export function csvStream<R extends Keyset>(
  header: readonly string[],
  page: (after: Keyset | null, take: number) => Promise<R[]>,
  cells: (row: R) => string[],
): ReadableStream<Uint8Array>;
/** The same over another cursor (the ledger pages by its sequence number). */
export function csvStream<R, C>(
  header: readonly string[],
  page: (after: C | null, take: number) => Promise<R[]>,
  cells: (row: R) => string[],
  cursorOf: (row: R) => C,
): ReadableStream<Uint8Array>;
export function csvStream<R, C>(
  header: readonly string[],
  page: (after: C | null, take: number) => Promise<R[]>,
  cells: (row: R) => string[],
  cursorOf: (row: R) => C = (row) => {
    const { createdAt, id } = row as unknown as Keyset;
    return { createdAt, id } as C;
  },
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const lines = (rows: string[][]) => encoder.encode(stringify(rows, { record_delimiter: "\r\n" }));
  let after: C | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode("\ufeff"));
          controller.enqueue(lines([[...header]]));
          return;
        }
        const rows = await page(after, EXPORT_PAGE_SIZE);
        if (rows.length > 0) {
          controller.enqueue(lines(rows.map(cells)));
          after = cursorOf(rows[rows.length - 1]!);
        }
        if (rows.length < EXPORT_PAGE_SIZE) controller.close();
      } catch (err) {
        // The status line has left already: all that can be done is to cut the download short.
        log.error({ err }, "CSV export failed part-way");
        controller.error(err);
      }
    },
  });
}

export function csvResponse(stream: ReadableStream<Uint8Array>, filename: string): Response {
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      // A members-only board's export must not sit in a shared cache.
      "cache-control": "private, no-store",
    },
  });
}
