"use client";
import { useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { controlClass } from "@/components/ui/field";
import type { MeDto } from "@/server/domain/dto";
import { parseNear } from "@/server/domain/geo";

type Org = MeDto["organizations"][number];

/** "52.5200,13.4050" with at most 4 decimals (about 11 m): precise enough, and a stable query key. */
export function formatLatLng(lat: number, lng: number): string {
  const r = (n: number) => String(Math.round(n * 10_000) / 10_000);
  return `${r(lat)},${r(lng)}`;
}

/**
 * The viewer's location for "near me": one of their organizations' places, the browser's position, or
 * typed "lat,lng". `value` is "lat,lng" or "" when none is set.
 */
export function LocationPicker({
  value,
  onChange,
  organizations,
}: {
  value: string;
  onChange: (v: string) => void;
  organizations: Org[];
}) {
  const id = useId();
  const [text, setText] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const [locating, setLocating] = useState(false);
  const placed = organizations.filter((o) => o.lat !== null && o.lng !== null);

  // Show what another control (an organization, the geolocation button) set, but leave the person's
  // own typing alone when it already means the same place ("52.50, 13.4" vs "52.5,13.4").
  useEffect(() => {
    setText((t) => {
      const p = parseNear(t);
      const same = p ? formatLatLng(p.lat, p.lng) === value : t.trim() === "" && value === "";
      return same ? t : value;
    });
  }, [value]);

  function applyText(t: string) {
    setText(t);
    if (t.trim() === "") {
      setError(null);
      onChange("");
      return;
    }
    const p = parseNear(t);
    if (p) {
      setError(null);
      onChange(formatLatLng(p.lat, p.lng));
    } else setError("Enter latitude,longitude, e.g. 52.52,13.40");
  }

  function locate() {
    if (!("geolocation" in navigator)) {
      setError("This browser cannot share its location; type it instead.");
      return;
    }
    setLocating(true);
    setError(null);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        onChange(formatLatLng(pos.coords.latitude, pos.coords.longitude));
      },
      (err) => {
        setLocating(false);
        setError(err.code === err.PERMISSION_DENIED ? "Location permission was denied; type it instead." : "Could not get your location.");
      },
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 300_000 },
    );
  }

  const orgValue = placed.find((o) => formatLatLng(o.lat!, o.lng!) === value)?.id ?? "";

  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="text-sm font-medium text-stone-800">Your location</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {placed.length > 0 ? (
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-org`} className="text-xs text-stone-600">
              From my organization
            </label>
            <Select
              id={`${id}-org`}
              value={orgValue}
              onChange={(e) => {
                const o = placed.find((x) => x.id === e.target.value);
                onChange(o ? formatLatLng(o.lat!, o.lng!) : "");
              }}
              options={[
                { value: "", label: "Choose…" },
                ...placed.map((o) => ({ value: o.id, label: o.locationName ? `${o.name} (${o.locationName})` : o.name })),
              ]}
            />
          </div>
        ) : null}
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-latlng`} className="text-xs text-stone-600">
            Coordinates (lat,lng)
          </label>
          <input
            id={`${id}-latlng`}
            className={controlClass}
            inputMode="decimal"
            placeholder="52.52,13.40"
            value={text}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => applyText(e.target.value)}
          />
        </div>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" size="sm" onClick={locate} pending={locating}>
          Use my location
        </Button>
        {value ? (
          <Button variant="ghost" size="sm" onClick={() => applyText("")}>
            Clear location
          </Button>
        ) : null}
      </div>
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
