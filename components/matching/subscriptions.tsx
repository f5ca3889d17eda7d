"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api/client";
import { errorMessage } from "@/components/forms/form-errors";
import { useResourceSpecs } from "@/components/resource-specs/queries";
import { ErrorText } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import { LocationPicker } from "@/components/signals/location-picker";
import type { PlaceValue } from "@/components/signals/place";
import type { MeDto } from "@/server/domain/dto";

interface SubscriptionItem {
  id: string;
  resourceSpecs: Array<{ id: string; name: string; unit: string }>;
  near: { lat: number; lng: number };
  radiusKm: number;
  boardSlugs: string[];
}

const KEY = ["subscriptions"] as const;

/** Subscriptions to new needs (ADR 035): a resource, a place and a radius; notifications arrive in the bell. */
export function Subscriptions({ organizations }: { organizations: MeDto["organizations"] }) {
  const qc = useQueryClient();
  const list = useQuery({ queryKey: KEY, queryFn: ({ signal }) => apiFetch<{ items: SubscriptionItem[] }>("/me/subscriptions", { signal }) });
  const specs = useResourceSpecs();
  const placed = organizations.find((o) => o.lat !== null && o.lng !== null);
  const [specId, setSpecId] = useState("");
  // Where to hear of needs: picked by name like any place (the organization's by default), never typed as numbers.
  const [near, setNear] = useState<PlaceValue | null>(placed ? { name: placed.locationName ?? placed.name, lat: placed.lat!, lng: placed.lng! } : null);
  const [radius, setRadius] = useState("50");
  const create = useMutation({
    mutationFn: () =>
      apiFetch("/me/subscriptions", {
        method: "POST",
        json: { resourceSpecIds: [specId], near: { lat: near!.lat, lng: near!.lng }, radiusKm: Number(radius) },
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: KEY }),
  });
  const remove = useMutation({
    mutationFn: (id: string) => apiFetch(`/me/subscriptions/${id}`, { method: "DELETE" }),
    onSettled: () => void qc.invalidateQueries({ queryKey: KEY }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Card as="section" aria-labelledby="subscriptions-heading" className="flex flex-col gap-3">
      <h2 id="subscriptions-heading" className="text-lg font-semibold">
        Tell me of new needs
      </h2>
      {list.data?.items.length ? (
        <ul className="flex flex-col gap-2 text-sm">
          {list.data.items.map((s) => (
            <li key={s.id} className="flex items-center gap-2">
              <span>
                {s.resourceSpecs.map((r) => r.name).join(", ")} within {s.radiusKm} km of {s.near.lat.toFixed(3)}, {s.near.lng.toFixed(3)}
              </span>
              <Button size="sm" variant="ghost" onClick={() => remove.mutate(s.id)}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <form onSubmit={submit} className="grid gap-3 sm:grid-cols-4">
        <SelectField
          label="Resource"
          value={specId}
          onChange={(e) => setSpecId(e.target.value)}
          options={[{ value: "", label: "Choose…" }, ...(specs.data ?? []).map((s) => ({ value: s.id, label: `${s.name} (${s.unit})` }))]}
        />
        <div className="sm:col-span-2">
          <LocationPicker label="Near" value={near} organizations={organizations} locate onChange={(place) => setNear(place)} />
        </div>
        <TextField label="Radius (km)" inputMode="decimal" value={radius} onChange={(e) => setRadius(e.target.value)} />
        <div className="sm:col-span-4">
          <Button type="submit" pending={create.isPending} disabled={!specId || !near}>
            Subscribe
          </Button>
        </div>
      </form>
      {create.isError ? <ErrorText>{errorMessage(create.error)}</ErrorText> : null}
    </Card>
  );
}
