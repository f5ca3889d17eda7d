"use client";
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { fieldError } from "@/components/forms/form-errors";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { useResourceSpecs } from "@/components/resource-specs/queries";
import { ErrorText, Notice } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import type { MeDto, SignalDto, SignalKindDto } from "@/server/domain/dto";
import { createSignalSchema } from "@/server/domain/schemas";
import { KIND_LABEL, isRequestKind } from "./labels";
import { LocationPicker } from "./location-picker";
import { quantityHint, quantityInputProps } from "./quantity-input";
import { NewResourceForm } from "./new-resource-form";
import { useCreateSignal, type NewSignalBody } from "./queries";
import { buildSignalBody, EMPTY_SIGNAL_FORM, type SignalFormValues } from "./signal-form-values";

const KINDS: SignalKindDto[] = ["need", "capacity", "stock", "order"];
const KIND_HINT: Record<SignalKindDto, string> = {
  need: "Something you need made or given.",
  capacity: "Production you can offer, per period.",
  stock: "Things you have on hand to give.",
  order: "A firm request with a due date.",
};

export function PostSignalForm({
  slug,
  organizations,
  onDone,
}: {
  slug: string;
  organizations: MeDto["organizations"];
  onDone?: () => void;
}) {
  const formId = useId();
  const specs = useResourceSpecs();
  const create = useCreateSignal(slug);
  const [v, setV] = useState<SignalFormValues>(EMPTY_SIGNAL_FORM);
  const [newResource, setNewResource] = useState(false);
  const { fields, error, check, failed } = useFormErrors();
  const [posted, setPosted] = useState<SignalDto | null>(null);
  const set = (patch: Partial<SignalFormValues>) => setV((old) => ({ ...old, ...patch }));
  const spec = specs.data?.find((s) => s.id === v.resourceSpecId);

  function chooseOrganization(id: string) {
    const org = organizations.find((o) => o.id === id);
    // An organization's place is the likely place of its signal; fill it in when no place is set yet.
    if (org && org.lat !== null && org.lng !== null && !v.location && !v.locationText.trim()) {
      const name = org.locationName ?? org.name;
      set({ onBehalfOf: id, location: { name, lat: org.lat, lng: org.lng }, locationText: name });
    } else set({ onBehalfOf: id });
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPosted(null);
    // An event handler, not render: the clock is read once, when the person submits.
    // eslint-disable-next-line react-hooks/purity
    const { body, fields: own } = buildSignalBody(v, { now: Date.now(), spec });
    if (!check(createSignalSchema, body, own)) return;
    create.mutate(body as unknown as NewSignalBody, {
      onSuccess: (signal) => {
        setPosted(signal);
        setV((old) => ({ ...EMPTY_SIGNAL_FORM, kind: old.kind, onBehalfOf: old.onBehalfOf }));
        onDone?.();
      },
      onError: (err) => failed(err),
    });
  }

  const f = (...keys: string[]) => fieldError(fields, ...keys);

  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          form={formId}
          label="Kind"
          hint={KIND_HINT[v.kind]}
          value={v.kind}
          onChange={(e) => set({ kind: e.target.value as SignalKindDto })}
          options={KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))}
          error={f("kind")}
        />
        <div className="flex flex-col gap-2">
          <SelectField
            form={formId}
            label="Resource"
            value={v.resourceSpecId}
            onChange={(e) => set({ resourceSpecId: e.target.value })}
            options={[
              { value: "", label: specs.isPending ? "Loading…" : "Choose a resource" },
              ...(specs.data ?? []).map((s) => ({ value: s.id, label: `${s.name} (${s.unit})` })),
            ]}
            error={f("resourceSpecId")}
          />
          <div>
            <Button variant="ghost" size="sm" aria-expanded={newResource} onClick={() => setNewResource((o) => !o)}>
              {newResource ? "Hide new resource" : "New resource"}
            </Button>
          </div>
        </div>
      </div>
      {newResource ? (
        <NewResourceForm
          onCancel={() => setNewResource(false)}
          onCreated={(spec) => {
            set({ resourceSpecId: spec.id });
            setNewResource(false);
          }}
        />
      ) : null}
      <form id={formId} className="flex flex-col gap-4" onSubmit={onSubmit} noValidate>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label="Quantity"
            type="number"
            {...quantityInputProps(spec)}
            required
            hint={spec ? quantityHint(spec) : undefined}
            value={v.quantity}
            onChange={(e) => set({ quantity: e.target.value })}
            error={f("quantity")}
          />
          <TextField
            label="Title"
            optional
            hint="A short line people will scan; defaults to the resource's name."
            value={v.title}
            onChange={(e) => set({ title: e.target.value })}
            error={f("title")}
          />
        </div>
        <TextAreaField label="Note" optional value={v.note} onChange={(e) => set({ note: e.target.value })} error={f("note")} />
        {isRequestKind(v.kind) ? (
          <TextField
            label="Due date"
            optional
            type="date"
            className="sm:max-w-xs"
            value={v.dueDate}
            onChange={(e) => set({ dueDate: e.target.value })}
            error={f("dueAt")}
          />
        ) : (
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField
              label="Available from"
              optional
              type="date"
              value={v.availableFrom}
              onChange={(e) => set({ availableFrom: e.target.value })}
              error={f("availableFrom")}
            />
            <TextField
              label="Available until"
              optional={!(v.kind === "capacity" && v.ratePerWeek.trim())}
              type="date"
              value={v.availableUntil}
              onChange={(e) => set({ availableUntil: e.target.value })}
              error={f("availableUntil")}
            />
            {v.kind === "capacity" ? (
              <TextField
                label="At most, per week"
                optional
                type="number"
                {...quantityInputProps(spec)}
                hint="Makers then book weeks, and no week is booked beyond this. Needs an end of availability."
                value={v.ratePerWeek}
                onChange={(e) => set({ ratePerWeek: e.target.value })}
                error={f("rate", "rate.quantity")}
              />
            ) : null}
          </div>
        )}
        {organizations.length > 0 ? (
          <SelectField
            label="On behalf of"
            value={v.onBehalfOf}
            onChange={(e) => chooseOrganization(e.target.value)}
            options={[{ value: "", label: "Just me" }, ...organizations.map((o) => ({ value: o.id, label: o.name }))]}
            error={f("onBehalfOf")}
          />
        ) : null}
        <LocationPicker
          label="Location"
          naming
          board={slug}
          organizations={organizations}
          value={v.location}
          onChange={(location, locationText) => set({ location, locationText })}
          hint="Optional. Type a place's name and choose it, or type coordinates as lat,lng."
          error={f("location", "location.lat", "location.lng", "location.name")}
        />
        <ErrorText>{error ?? f("_root")}</ErrorText>
        <Notice>
          {posted ? (
            <>
              Signal posted: <Link href={`/signals/${posted.id}`}>{posted.title}</Link>
            </>
          ) : null}
        </Notice>
        <div>
          <Button type="submit" pending={create.isPending}>
            Post signal
          </Button>
        </div>
      </form>
    </div>
  );
}
