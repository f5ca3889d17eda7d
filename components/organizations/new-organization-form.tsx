"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useMe } from "@/components/auth/queries";
import { SignInPrompt } from "@/components/auth/sign-in-prompt";
import { fieldError } from "@/components/forms/form-errors";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { ErrorText } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { Loading } from "@/components/ui/loading";
import { SelectField } from "@/components/ui/select";
import { createOrganizationSchema } from "@/server/domain/schemas";
import { buildOrganizationBody, ORGANIZATION_KIND_NAMES } from "./organization-body";
import { ORGANIZATION_KINDS, useCreateOrganization, type NewOrganizationBody } from "./queries";

export function NewOrganizationPage() {
  const me = useMe();
  if (me.isPending) return <Loading />;
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_18rem]">
      <section aria-labelledby="new-org-heading" className="flex flex-col gap-4">
        <h1 id="new-org-heading" className="text-2xl font-semibold">
          New organization
        </h1>
        <p className="text-stone-600">
          A makerspace, microfactory, clinic or hub you act for. You become its admin and can post and claim on its behalf.
        </p>
        {me.data ? <NewOrganizationForm /> : <SignInPrompt>Sign in to create an organization</SignInPrompt>}
      </section>
      {me.data ? (
        <aside aria-labelledby="my-orgs-heading">
          <h2 id="my-orgs-heading" className="text-lg font-semibold">
            Your organizations
          </h2>
          {me.data.organizations.length === 0 ? (
            <p className="mt-2 text-sm text-stone-600">None yet.</p>
          ) : (
            <ul className="mt-2 flex flex-col gap-1">
              {me.data.organizations.map((o) => (
                <li key={o.id}>
                  <Link href={`/organizations/${o.id}`}>{o.name}</Link>{" "}
                  <span className="text-sm text-stone-500">({ORGANIZATION_KIND_NAMES[o.kind] ?? o.kind})</span>
                </li>
              ))}
            </ul>
          )}
        </aside>
      ) : null}
    </div>
  );
}

function NewOrganizationForm() {
  const router = useRouter();
  const create = useCreateOrganization();
  const [v, setV] = useState({ name: "", kind: "makerspace", locationName: "", lat: "", lng: "" });
  const { fields, error, check, failed, setError } = useFormErrors();
  const [locating, setLocating] = useState(false);
  const set = (p: Partial<typeof v>) => setV((old) => ({ ...old, ...p }));

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const { body, fields: own } = buildOrganizationBody(v);
    if (!check(createOrganizationSchema, body, own)) return;
    create.mutate(body as unknown as NewOrganizationBody, {
      onSuccess: (org) => router.push(`/organizations/${org.id}`),
      onError: (err) => failed(err),
    });
  }

  function locate() {
    if (!("geolocation" in navigator)) return setError("This browser cannot share its location; type it instead.");
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        set({ lat: pos.coords.latitude.toFixed(5), lng: pos.coords.longitude.toFixed(5) });
      },
      () => {
        setLocating(false);
        setError("Could not get your location; type it instead.");
      },
      { timeout: 10_000 },
    );
  }

  return (
    <Card>
      <form className="flex flex-col gap-4" onSubmit={onSubmit} noValidate>
        <TextField label="Name" required value={v.name} onChange={(e) => set({ name: e.target.value })} error={fieldError(fields, "name")} />
        <SelectField
          label="Kind"
          value={v.kind}
          onChange={(e) => set({ kind: e.target.value })}
          options={ORGANIZATION_KINDS.map((k) => ({ value: k, label: ORGANIZATION_KIND_NAMES[k] ?? k }))}
          error={fieldError(fields, "kind")}
        />
        <fieldset className="flex flex-col gap-2">
          <legend className="text-sm font-medium text-stone-800">
            Location <span className="font-normal text-stone-500">(optional)</span>
          </legend>
          <div className="grid gap-3 sm:grid-cols-3">
            <TextField label="Location name" value={v.locationName} onChange={(e) => set({ locationName: e.target.value })} error={fieldError(fields, "location.name")} />
            <TextField
              label="Latitude"
              inputMode="decimal"
              placeholder="52.52"
              value={v.lat}
              onChange={(e) => set({ lat: e.target.value })}
              error={fieldError(fields, "location.lat", "location")}
            />
            <TextField
              label="Longitude"
              inputMode="decimal"
              placeholder="13.40"
              value={v.lng}
              onChange={(e) => set({ lng: e.target.value })}
              error={fieldError(fields, "location.lng")}
            />
          </div>
          <div>
            <Button variant="secondary" size="sm" onClick={locate} pending={locating}>
              Use my location
            </Button>
          </div>
        </fieldset>
        <ErrorText>{error}</ErrorText>
        <div>
          <Button type="submit" pending={create.isPending}>
            Create organization
          </Button>
        </div>
      </form>
    </Card>
  );
}
