"use client";
import { useState, type FormEvent } from "react";
import { fieldError } from "@/components/forms/form-errors";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { useCreateResourceSpec } from "@/components/resource-specs/queries";
import { ErrorText } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { ResourceSpecDto } from "@/server/domain/dto";
import { resourceSpecSchema } from "@/server/domain/schemas";

/** The inline "new resource" mini-form beside the signal form's resource picker (never nested in it). */
export function NewResourceForm({ onCreated, onCancel }: { onCreated: (spec: ResourceSpecDto) => void; onCancel: () => void }) {
  const create = useCreateResourceSpec();
  const [name, setName] = useState("");
  const [unit, setUnit] = useState("");
  const [category, setCategory] = useState("");
  const { fields, error, check, failed } = useFormErrors();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = check(resourceSpecSchema, { name, unit, category });
    if (!data) return;
    create.mutate(
      { name: data.name, unit: data.unit, category: data.category },
      { onSuccess: (spec) => onCreated(spec), onError: (err) => failed(err) },
    );
  }

  return (
    <form
      noValidate
      onSubmit={onSubmit}
      className="flex flex-col gap-3 rounded-md border border-stone-200 bg-stone-50 p-3"
    >
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField label="Resource name" required value={name} onChange={(e) => setName(e.target.value)} error={fieldError(fields, "name")} />
        <TextField
          label="Unit"
          required
          placeholder="each, kg, hours"
          value={unit}
          onChange={(e) => setUnit(e.target.value)}
          error={fieldError(fields, "unit")}
        />
        <TextField label="Category" optional value={category} onChange={(e) => setCategory(e.target.value)} error={fieldError(fields, "category")} />
      </div>
      <ErrorText>{error}</ErrorText>
      <div className="flex gap-2">
        <Button type="submit" variant="secondary" size="sm" pending={create.isPending}>
          Add resource
        </Button>
        <Button variant="ghost" size="sm" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
