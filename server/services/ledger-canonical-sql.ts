// The ledger's canonical text (server/domain/ledger-hash.ts, `canonicalText`) written as one SQL
// expression over an economic_events row, so that verify can hash 100,000 rows inside the database
// instead of shipping them to JavaScript (ADR 021, "Verify in the database"). It must produce exactly the
// text JSON.stringify produces; tests/api/ledger-verify.test.ts checks the two agree, row by row, on
// generated content (control characters, quotes, non-ASCII, tiny coordinates, odd dates) on both databases.
//
// Where PostgreSQL's text could differ from JavaScript's, the row is an "edge" row and verify hashes it in
// JavaScript instead (ledger-verify.ts): double precision prints `1e-05` where JSON.stringify prints
// `0.00001` (|x| < 1e-4, and -0 prints "-0" against "0"), and to_char's YYYY is not toISOString's year
// outside 1000..9999. Everything else agrees by construction:
// - uuid::text is lower-case, as canonicalText writes ids; enum labels and integers print as themselves;
// - numeric(14,3)::text always has three decimals, as canonicalQuantity writes them;
// - to_json(text) escapes ", \, \b \f \n \r \t and other control characters as \u00xx (lower-case hex),
//   and nothing else, exactly as JSON.stringify does;
// - float8 prints its shortest round-trip text with extra_float_digits = 1 (set by the caller), which is
//   JavaScript's number-to-string for the magnitudes that are not edge rows.
import { Prisma } from "../db/generated/client";

const ts = (c: string) => `to_char(${c}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const optionalId = (c: string) => `coalesce('"' || ${c}::text || '"', 'null')`;
const place = (name: string, lat: string, lng: string) =>
  `CASE WHEN ${lat} IS NOT NULL AND ${lng} IS NOT NULL THEN '[' || coalesce(to_json(${name})::text, 'null') || ',' || ${lat}::text || ',' || ${lng}::text || ']' ELSE 'null' END`;

/** The canonical text of the row, as canonicalText would write it (for rows that are not edge rows). */
export const CANONICAL_TEXT_SQL = Prisma.raw(
  [
    `'["stigmergy-ledger/1","' || id::text || '","' || "boardId"::text || '",' || seq::text || ',"' || action::text`,
    `'","' || "resourceSpecId"::text || '","' || quantity::text || '",' || to_json(unit)::text`,
    `',"' || "providerId"::text || '","' || "receiverId"::text || '",'`,
    place(`"locationName"`, "lat", "lng"),
    `','`,
    place(`"toLocationName"`, `"toLat"`, `"toLng"`),
    `',"' || ${ts(`"occurredAt"`)} || '","' || ${ts(`"recordedAt"`)} || '",' || ${optionalId(`"recordedById"`)}`,
    `',' || coalesce(to_json(note)::text, 'null') || ',' || ${optionalId(`"claimId"`)} || ',' || ${optionalId(`"correctsId"`)}`,
    `',"' || "previousHash" || '"]'`,
  ].join(" || "),
);

const tiny = (c: string) => `(${c} IS NOT NULL AND abs(${c}) < 1e-4)`;
const oddYear = (c: string) => `(${c} < '1000-01-01' OR ${c} >= '10000-01-01')`;

/** True for rows whose canonical text only JavaScript writes faithfully (see above). */
export const EDGE_ROW_SQL = Prisma.raw(
  [tiny("lat"), tiny("lng"), tiny(`"toLat"`), tiny(`"toLng"`), oddYear(`"occurredAt"`), oddYear(`"recordedAt"`)].join(" OR "),
);
