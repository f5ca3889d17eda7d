// The board list's cursor (ADR 015): opaque to clients, it pins what the first page saw so that later pages
// continue the same ordering while the board changes underneath: the scoring time T, the board's event
// watermark W (its lastSeq when the first page was read), and the sort key of the last signal shown. It
// also names the query it belongs to, so a cursor cannot be replayed against other filters.
import { createHash } from "node:crypto";
import { z } from "zod";
import { DomainError } from "../domain/errors";
import type { ListSignalsQuery } from "../domain/schemas";

/** A cursor older than this is refused: a list left open that long should be loaded again. */
export const CURSOR_TTL_MS = 60 * 60_000;
/**
 * Later pages reconstruct the signals that changed since the first page from the event log, so their
 * cost grows with the events since W. Past this many, the cursor is refused instead.
 */
export const CURSOR_MAX_EVENTS = 5_000;

export type SortKeyValue = number | string | null;

export interface ListCursor {
  /** The scoring time, epoch ms. */
  t: number;
  /** The board's lastSeq when the first page was read. */
  w: number;
  /** The sort key of the last signal of the previous page (see signal-page-sql.ts `sortKeys`). */
  k: SortKeyValue[];
}

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const ms = z.number().int().min(0).max(8.64e15);
const finite = z.number().finite();
const keySchemas = {
  intensity: z.tuple([finite, ms, uuid]),
  new: z.tuple([ms, uuid]),
  due: z.tuple([ms.nullable(), finite, ms, uuid]),
  distance: z.tuple([finite.min(0).nullable(), finite, ms, uuid]),
} as const;

const cursorSchema = z.object({
  v: z.literal(1),
  f: z.string().max(40),
  t: ms,
  w: z.number().int().min(0),
  k: z.array(z.union([z.number(), z.string(), z.null()])).max(6),
});

/** The query a cursor belongs to: everything that decides which signals match and in what order. */
function fingerprint(q: ListSignalsQuery): string {
  const filters = {
    kind: q.kind ? [...q.kind].sort() : null,
    status: q.status ? [...q.status].sort() : null,
    resourceSpecId: q.resourceSpecId ?? null,
    q: q.q ?? null,
    near: q.near ?? null,
    radiusKm: q.radiusKm ?? null,
    sort: q.sort,
  };
  return createHash("sha256").update(JSON.stringify(filters)).digest("base64url").slice(0, 16);
}

export function encodeCursor(query: ListSignalsQuery, c: ListCursor): string {
  return Buffer.from(JSON.stringify({ v: 1, f: fingerprint(query), t: c.t, w: c.w, k: c.k })).toString("base64url");
}

const invalid = (why: string) =>
  new DomainError("VALIDATION_FAILED", `Invalid cursor: ${why}`, { cursor: ["use the nextCursor of a previous page of this same list"] });

const expired = (why: string) =>
  new DomainError("CURSOR_EXPIRED", `This list changed too much to page on (${why}): load it again from the first page`);

/**
 * The cursor of `query`, checked against the board's current lastSeq and the clock. Unreadable or foreign
 * cursors are invalid input (400); honest ones that are too old or too far behind are expired (410).
 */
export function decodeCursor(query: ListSignalsQuery, boardLastSeq: number, now: Date): ListCursor | null {
  const text = query.cursor;
  if (!text) return null;
  // Cursors of the previous version were offsets ("o50"): a page left open across an upgrade.
  if (/^o\d{1,7}$/.test(text)) throw expired("the server was upgraded");
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw invalid("not a cursor");
  }
  const parsed = cursorSchema.safeParse(raw);
  if (!parsed.success) throw invalid("not a cursor");
  const c = parsed.data;
  if (c.f !== fingerprint(query)) throw invalid("it belongs to a list with other filters or another sort");
  if (!keySchemas[query.sort].safeParse(c.k).success) throw invalid("not a cursor");
  // A watermark ahead of the board or a time ahead of the clock was not made by this server.
  if (c.w > boardLastSeq || c.t > now.getTime() + 60_000) throw invalid("not a cursor");
  if (now.getTime() - c.t > CURSOR_TTL_MS) throw expired("the first page is more than an hour old");
  if (boardLastSeq - c.w > CURSOR_MAX_EVENTS) throw expired(`more than ${CURSOR_MAX_EVENTS} changes since the first page`);
  return { t: c.t, w: c.w, k: c.k };
}
