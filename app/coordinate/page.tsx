// The coordinator's view (ADRs 026-029). The filters live in the URL and are read in the browser (nuqs;
// its adapter wraps the app in components/providers.tsx); the map's tile server comes from the server's
// configuration.
import type { Metadata } from "next";
import { Suspense } from "react";
import { CoordinateView } from "@/components/coordination/coordinate-view";
import { Loading } from "@/components/ui/loading";
import { getRuntime } from "@/server/runtime";

export const metadata: Metadata = { title: "Coordinate" };

export default function CoordinatePage() {
  const tiles = getRuntime().config.mapTiles;
  return (
    <Suspense fallback={<Loading />}>
      <CoordinateView tiles={tiles ? { url: tiles.url, attribution: tiles.attribution } : null} />
    </Suspense>
  );
}
