// Places by name, so that people pick "Fab Lab Kreuzberg" instead of typing "52.4986,13.4030" (ADR 013).
// The places are those the board already knows: organizations' locations (public, as their profiles
// are) and the named locations of signals the viewer can read. A members-only board's signal places
// are shown only to its members, like everything else on it.
import { Prisma } from "../db/generated/client";
import type { PlaceDto } from "../domain/dto";
import type { PlacesQuery } from "../domain/schemas";
import { likeLiteral } from "../db/like";
import type { Actor, ServiceContext } from "./context";
import { loadReadableBoard } from "./access";

/** Candidates read per source before merging; far more than a suggestion list shows. */
const CANDIDATES = 50;

/** Two records name the same place when their names match (any case) and they lie within ~11 m. */
const placeKey = (name: string, lat: number, lng: number) => `${name.trim().toLowerCase()}|${lat.toFixed(4)}|${lng.toFixed(4)}`;

export async function searchPlaces(ctx: ServiceContext, actor: Actor | null, query: PlacesQuery): Promise<PlaceDto[]> {
  const boardIds = query.board
    ? [(await loadReadableBoard(ctx.prisma, query.board, actor)).board.id]
    : await readableBoardIds(ctx, actor);
  const pattern = query.q ? `%${likeLiteral(query.q)}%` : null;

  const orgs = await ctx.prisma.$queryRaw<Array<{ id: string; name: string; kind: string; locationName: string | null; lat: number; lng: number }>>`
    SELECT o.id::text AS id, o.name, o.kind::text AS kind, o."locationName", o.lat, o.lng
      FROM organizations o
     WHERE o.lat IS NOT NULL AND o.lng IS NOT NULL
       ${pattern ? Prisma.sql`AND (o.name ILIKE ${pattern} OR o."locationName" ILIKE ${pattern})` : Prisma.empty}
     ORDER BY o.name
     LIMIT ${CANDIDATES}::int`;
  const signalPlaces = boardIds.length
    ? await ctx.prisma.$queryRaw<Array<{ name: string; lat: number; lng: number; uses: number }>>`
        SELECT min(s."locationName") AS name, round(s.lat::numeric, 4)::float8 AS lat, round(s.lng::numeric, 4)::float8 AS lng,
               count(*)::int AS uses
          FROM signals s
         WHERE s."boardId" = ANY(${boardIds}::uuid[])
           AND s."locationName" IS NOT NULL AND s.lat IS NOT NULL AND s.lng IS NOT NULL
           ${pattern ? Prisma.sql`AND s."locationName" ILIKE ${pattern}` : Prisma.empty}
         GROUP BY lower(s."locationName"), round(s.lat::numeric, 4), round(s.lng::numeric, 4)
         ORDER BY uses DESC, name
         LIMIT ${CANDIDATES}::int`
    : [];

  const places = new Map<string, PlaceDto>();
  for (const o of orgs) {
    const name = o.locationName ?? o.name;
    places.set(placeKey(name, o.lat, o.lng), { name, lat: o.lat, lng: o.lng, organization: { id: o.id, name: o.name, kind: o.kind }, uses: 0 });
  }
  for (const s of signalPlaces) {
    const key = placeKey(s.name, s.lat, s.lng);
    const known = places.get(key);
    if (known) known.uses += s.uses;
    else places.set(key, { name: s.name, lat: s.lat, lng: s.lng, organization: null, uses: s.uses });
  }
  return rankPlaces([...places.values()], query.q).slice(0, query.limit);
}

/** Names that start with what was typed first, then the most used, then alphabetical. */
export function rankPlaces(places: PlaceDto[], q: string | undefined): PlaceDto[] {
  const typed = q?.trim().toLowerCase() ?? "";
  const starts = (p: PlaceDto) =>
    typed !== "" && (p.name.toLowerCase().startsWith(typed) || (p.organization?.name.toLowerCase().startsWith(typed) ?? false));
  return [...places].sort(
    (a, b) => Number(starts(b)) - Number(starts(a)) || b.uses - a.uses || a.name.localeCompare(b.name) || (a.organization?.name ?? "").localeCompare(b.organization?.name ?? ""),
  );
}

/** Public boards, and the members-only boards the viewer belongs to. */
async function readableBoardIds(ctx: ServiceContext, actor: Actor | null): Promise<string[]> {
  const boards = await ctx.prisma.board.findMany({
    where: actor ? { OR: [{ visibility: "public" }, { members: { some: { userId: actor.userId } } }] } : { visibility: "public" },
    select: { id: true },
  });
  return boards.map((b) => b.id);
}
