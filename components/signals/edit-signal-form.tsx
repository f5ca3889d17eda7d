"use client";
import { useState, type FormEvent } from "react";
import { fieldError } from "@/components/forms/form-errors";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { ErrorText } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import type { SignalDto } from "@/server/domain/dto";
import { patchSignalSchema } from "@/server/domain/schemas";
import { isDivisible } from "@/server/domain/units";
import { quantityInputProps } from "./quantity-input";
import { isRequestKind } from "./labels";
import { usePatchSignal, type SignalPatchBody } from "./queries";
import { buildSignalPatch, editValuesOf, type SignalEditValues } from "./signal-patch";

export function EditSignalForm({ signal, onClose }: { signal: SignalDto; onClose: () => void }) {
  const patch = usePatchSignal(signal.id);
  const [v, setV] = useState<SignalEditValues>(() => editValuesOf(signal));
  const { fields, error, check, failed, setFields, setError } = useFormErrors();
  const set = (p: Partial<SignalEditValues>) => setV((old) => ({ ...old, ...p }));

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    const { body, fields: own } = buildSignalPatch(signal, v);
    if (Object.keys(own).length > 0) return setFields(own);
    if (Object.keys(body).length === 0) return onClose();
    if (!check(patchSignalSchema, body)) return;
    patch.mutate(body as SignalPatchBody, { onSuccess: onClose, onError: (err) => failed(err) });
  }

  return (
    <form className="flex flex-col gap-4" onSubmit={onSubmit} noValidate>
      <TextField label="Title" required value={v.title} onChange={(e) => set({ title: e.target.value })} error={fieldError(fields, "title")} />
      <TextAreaField label="Note" optional value={v.note} onChange={(e) => set({ note: e.target.value })} error={fieldError(fields, "note")} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label="Quantity"
          type="number"
          {...quantityInputProps(signal.resourceSpec)}
          // A stock signal linked to an inventory takes its quantity from the ledger (ADR 022).
          readOnly={Boolean(signal.inventoryOf)}
          hint={
            signal.inventoryOf
              ? `Follows ${signal.inventoryOf.name}'s inventory: record a ledger event to change it.`
              : [
                  signal.claimedQuantity > 0 ? `At least ${signal.claimedQuantity}: live claims hold that much.` : "",
                  isDivisible(signal.resourceSpec) ? "" : "Whole numbers.",
                ].filter(Boolean).join(" ") || undefined
          }
          value={v.quantity}
          onChange={(e) => set({ quantity: e.target.value })}
          error={fieldError(fields, "quantity")}
        />
        {isRequestKind(signal.kind) ? (
          <TextField label="Due date" optional type="date" value={v.dueDate} onChange={(e) => set({ dueDate: e.target.value })} error={fieldError(fields, "dueAt")} />
        ) : null}
      </div>
      {!isRequestKind(signal.kind) ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label="Available from"
            type="date"
            value={v.availableFrom}
            onChange={(e) => set({ availableFrom: e.target.value })}
            error={fieldError(fields, "availableFrom")}
          />
          <TextField
            label="Available until"
            type="date"
            value={v.availableUntil}
            onChange={(e) => set({ availableUntil: e.target.value })}
            error={fieldError(fields, "availableUntil")}
          />
        </div>
      ) : null}
      <ErrorText>{error ?? fieldError(fields, "_root")}</ErrorText>
      <div className="flex gap-2">
        <Button type="submit" pending={patch.isPending}>
          Save changes
        </Button>
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
