// A minimal coordinator's page for the charts and the map (the full view, with gaps, heat map and
// at-risk list, is built beside it). The filters are read from the URL with nuqs's server loader, in
// the same names the API takes; the map's tile server comes from the server's configuration.
import type { Metadata } from "next";
import { createLoader, parseAsString } from "nuqs/server";
import { TrendsAndMap } from "@/components/coordination/trends-and-map";
import { getRuntime } from "@/server/runtime";

export const metadata: Metadata = { title: "Coordinate" };

const loadFilters = createLoader({ boards: parseAsString.withDefault(""), resource: parseAsString, region: parseAsString });

export default async function CoordinatePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { boards, resource, region } = loadFilters(await searchParams);
  const tiles = getRuntime().config.mapTiles;
  const filters = { boards: boards.split(",").map((s) => s.trim()).filter(Boolean), resource, region };
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold text-stone-900">Coordinate</h1>
      <TrendsAndMap filters={filters} tiles={tiles ? { url: tiles.url, attribution: tiles.attribution } : null} />
    </>
  );
}
