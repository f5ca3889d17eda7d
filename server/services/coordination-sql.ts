// SQL pieces the coordinator's view shares: the region rule of server/domain/regions.ts (a signal's own
// place name, else its organization's, compared without case or extra spaces) written as SQL, so the
// database filters by region before rows are counted or cut at a limit.
import { Prisma } from "../db/generated/client";
import { UNPLACED } from "../domain/regions";

/** The region key of a row, as regionOf computes it, from its place column and its organization's. */
export function regionKeySql(place: Prisma.Sql, orgPlace: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`lower(regexp_replace(coalesce(nullif(btrim(${place}), ''), nullif(btrim(${orgPlace}), ''), ${UNPLACED}::text), '\\s+', ' ', 'g'))`;
}

/** True for every row when no region is asked for, else only for rows in that region. */
export function regionFilterSql(region: string | undefined, place: Prisma.Sql, orgPlace: Prisma.Sql): Prisma.Sql {
  return region ? Prisma.sql`${regionKeySql(place, orgPlace)} = ${region}` : Prisma.sql`TRUE`;
}

/** True for every row when no resource is asked for, else only for that specification's rows. */
export function resourceFilterSql(resource: string | undefined, column: Prisma.Sql): Prisma.Sql {
  return resource ? Prisma.sql`${column} = ${resource}::uuid` : Prisma.sql`TRUE`;
}
