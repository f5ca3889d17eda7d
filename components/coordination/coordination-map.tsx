"use client";
// The coordinator's map (ADR 029), browser only: leaflet touches `window` when imported, so
// trends-and-map.tsx loads this file through next/dynamic without server rendering. With no tile server
// configured (the default: no network is assumed, and no third party learns who looks where) it draws
// only the bundled Natural Earth country outlines under the points; with MAP_TILE_URL, the tiles too.
import "leaflet/dist/leaflet.css";
import { useEffect, useMemo } from "react";
import Link from "next/link";
import { latLngBounds } from "leaflet";
import { CircleMarker, GeoJSON, MapContainer, Popup, TileLayer, Tooltip, useMap } from "react-leaflet";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import countries110m from "world-atlas/countries-110m.json";
import type { CoordinationMapDto, MapPlace } from "@/server/domain/coordination-map";
import { ORGANIZATION_STYLE, SIGNAL_STYLES, type PointStyle } from "./map-style";

export interface MapTiles {
  url: string;
  attribution: string;
}

// Converted once per page load: 110m outlines are ~100 kB of TopoJSON, a few hundred polygons.
let outlines: GeoJSON.FeatureCollection | null = null;
function countryOutlines(): GeoJSON.FeatureCollection {
  const topology = countries110m as unknown as Topology<{ countries: GeometryCollection }>;
  return (outlines ??= feature(topology, topology.objects.countries) as GeoJSON.FeatureCollection);
}

const OUTLINE_STYLE = { color: "#a8a29e", weight: 0.6, fillColor: "#f5f5f4", fillOpacity: 1 };

/** Leaflet puts the attribution in as HTML; ours is configuration text, shown as text. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function pathOptions(style: PointStyle) {
  return {
    color: style.color,
    weight: 2,
    fill: true,
    fillColor: style.color,
    fillOpacity: style.fill ? 0.55 : 0.05,
    dashArray: style.dash ?? undefined,
  };
}

/** Shows every point: the bounds of all of them, or the whole world when there are none. */
function FitToPoints({ places }: { places: MapPlace[] }) {
  const map = useMap();
  const key = places.map((p) => `${p.lat},${p.lng}`).join(";");
  useEffect(() => {
    if (places.length === 0) map.setView([20, 0], 1);
    else map.fitBounds(latLngBounds(places.map((p) => [p.lat, p.lng] as [number, number])), { padding: [24, 24], maxZoom: 11 });
    // `key` stands for `places`: refit when the points move, not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, key]);
  return null;
}

export default function CoordinationMap({ data, tiles }: { data: CoordinationMapDto; tiles: MapTiles | null }) {
  const places = useMemo(() => [...data.organizations.map((o) => o.location), ...data.signals.map((s) => s.location)], [data]);
  // bg-sky-50!: leaflet's own stylesheet paints the container grey, and the sea should read as sea.
  return (
    <MapContainer
      center={[20, 0]}
      zoom={1}
      worldCopyJump
      className="h-80 w-full rounded-lg border border-stone-200 bg-sky-50! sm:h-[28rem]"
      attributionControl
    >
      {tiles ? <TileLayer url={tiles.url} attribution={escapeHtml(tiles.attribution)} /> : null}
      <GeoJSON data={countryOutlines()} style={() => OUTLINE_STYLE} interactive={false} attribution="Natural Earth" />
      {data.organizations.map((o) => (
        <CircleMarker key={`o-${o.id}`} center={[o.location.lat, o.location.lng]} radius={ORGANIZATION_STYLE.radius} pathOptions={pathOptions(ORGANIZATION_STYLE)}>
          <Tooltip>
            {ORGANIZATION_STYLE.label}: {o.name}
          </Tooltip>
          <Popup>
            <p className="font-semibold">{o.name}</p>
            <p>{o.location.name ?? "Unnamed place"}</p>
            <Link href={`/organizations/${o.id}`}>Open the organization</Link>
          </Popup>
        </CircleMarker>
      ))}
      {data.signals.map((s) => {
        const style = SIGNAL_STYLES[s.kind];
        return (
          <CircleMarker key={`s-${s.id}`} center={[s.location.lat, s.location.lng]} radius={style.radius} pathOptions={pathOptions(style)}>
            <Tooltip>
              {style.label}: {s.title} ({s.remainingQuantity} {s.unit} open)
            </Tooltip>
            <Popup>
              <p className="font-semibold">
                {style.label}: {s.title}
              </p>
              <p>
                {s.remainingQuantity} {s.unit} open · {s.location.name ?? "Unnamed place"} · board {s.board}
              </p>
              <Link href={`/signals/${s.id}`}>Open the signal</Link>
            </Popup>
          </CircleMarker>
        );
      })}
      <FitToPoints places={places} />
    </MapContainer>
  );
}
