"use client";
import { useState, type FormEvent } from "react";
import { isApiError } from "@/components/api/client";
import { fieldError, numberInput } from "@/components/forms/form-errors";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { formatQuantity } from "@/components/format/numbers";
import { dateInputToIso } from "@/components/format/time";
import { ErrorText, Notice } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import type { MeDto, SignalDto } from "@/server/domain/dto";
import { createClaimSchema } from "@/server/domain/schemas";
import { promisedAtProblems } from "@/server/domain/signal-dates";
import { isDivisible, quantityUnitProblems } from "@/server/domain/units";
import { quantityInputProps } from "@/components/signals/quantity-input";
import { overClaimText } from "./claim-text";
import { weekLabel } from "@/components/signals/capacity-calendar";
import { useCreateClaim, type NewClaimBody } from "./queries";

export function ClaimForm({ signal, organizations }: { signal: SignalDto; organizations: MeDto["organizations"] }) {
  const create = useCreateClaim(signal.id, signal.board.slug);
  // Starts (and after each claim, stays) empty: prefilling the whole remainder made one more tap claim
  // everything that was left.
  const [quantity, setQuantity] = useState("");
  const [promised, setPromised] = useState("");
  const [note, setNote] = useState("");
  const [onBehalfOf, setOnBehalfOf] = useState("");
  const { fields, error, check, failed, setError } = useFormErrors();
  const [done, setDone] = useState<string | null>(null);
  // A rated capacity signal is booked by the week (capacity calendars): one amount per week instead.
  const weeks = bookableWeeks(signal);
  const [perWeek, setPerWeek] = useState<Record<string, string>>({});

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setDone(null);
    const body: Record<string, unknown> = weeks
      ? { bookings: Object.entries(perWeek).filter(([, v]) => v.trim() !== "").map(([week, v]) => ({ week, quantity: numberInput(v) })) }
      : { quantity: numberInput(quantity) };
    if (promised) body.promisedAt = dateInputToIso(promised, "end") ?? promised;
    if (note.trim()) body.note = note.trim();
    if (onBehalfOf) body.onBehalfOf = onBehalfOf;
    // The domain's rules, on the viewer's clock, say before sending what the server would refuse.
    const own = {
      ...(typeof body.quantity === "number" ? quantityUnitProblems(body.quantity, signal.resourceSpec) : {}),
      ...(typeof body.promisedAt === "string" ? promisedAtProblems(new Date(body.promisedAt), new Date()) : {}),
    };
    if (!check(createClaimSchema, body, own)) return;
    create.mutate(body as unknown as NewClaimBody, {
      onSuccess: (claim) => {
        setDone(`You claimed ${formatQuantity(claim.quantity)} ${signal.unit}.`);
        setQuantity("");
        setPerWeek({});
        setNote("");
        setPromised("");
      },
      onError: (err) => {
        if (isApiError(err) && err.code === "OVER_CLAIM") {
          const remaining = err.detail("remaining");
          setError(overClaimText(remaining, signal.unit));
          if (typeof remaining === "number" && remaining > 0) setQuantity(String(remaining));
          return;
        }
        if (isApiError(err) && err.code === "OVERBOOKED") {
          const week = signal.calendar?.find((w) => w.week === err.detail("week"));
          setError(`${week ? weekLabel(week) : "That week"} has only ${formatQuantity(Number(err.detail("free") ?? 0))} ${signal.unit} free now.`);
          return;
        }
        failed(err);
      },
    });
  }

  return (
    <form className="flex flex-col gap-4" onSubmit={onSubmit} noValidate>
      {weeks ? (
        <fieldset className="flex flex-col gap-2" data-testid="booking-weeks">
          <legend className="mb-1 text-sm font-medium text-stone-800">How much in which weeks</legend>
          {weeks.length === 0 ? <p className="text-sm text-stone-600">Every week is fully booked.</p> : null}
          <div className="grid gap-3 sm:grid-cols-2">
            {weeks.map((w) => (
              <TextField
                key={w.week}
                label={weekLabel(w)}
                optional
                type="number"
                {...quantityInputProps(signal.resourceSpec)}
                hint={`${formatQuantity(w.free)} ${signal.unit} free`}
                value={perWeek[w.week] ?? ""}
                onChange={(e) => setPerWeek((p) => ({ ...p, [w.week]: e.target.value }))}
              />
            ))}
          </div>
          <ErrorText>{fieldError(fields, "bookings")}</ErrorText>
        </fieldset>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        {weeks ? null : (
        <TextField
          label="Quantity"
          type="number"
          {...quantityInputProps(signal.resourceSpec)}
          required
          hint={`${formatQuantity(signal.remainingQuantity)} ${signal.unit} still open${isDivisible(signal.resourceSpec) ? "" : "; whole numbers"}.`}
          value={quantity}
          onChange={(e) => setQuantity(e.target.value)}
          error={fieldError(fields, "quantity")}
        />
        )}
        <TextField
          label="Promised by"
          optional
          type="date"
          value={promised}
          onChange={(e) => setPromised(e.target.value)}
          error={fieldError(fields, "promisedAt")}
        />
      </div>
      <TextAreaField label="Note" optional rows={2} value={note} onChange={(e) => setNote(e.target.value)} error={fieldError(fields, "note")} />
      {organizations.length > 0 ? (
        <SelectField
          label="On behalf of"
          value={onBehalfOf}
          onChange={(e) => setOnBehalfOf(e.target.value)}
          options={[{ value: "", label: "Just me" }, ...organizations.map((o) => ({ value: o.id, label: o.name }))]}
          error={fieldError(fields, "onBehalfOf")}
        />
      ) : null}
      <ErrorText>{error}</ErrorText>
      <Notice>{done}</Notice>
      <div>
        <Button type="submit" pending={create.isPending}>
          Claim
        </Button>
      </div>
    </form>
  );
}

/** The weeks of a rated signal that still have room, at most twelve ahead; null when it has no rate. */
function bookableWeeks(signal: SignalDto) {
  if (!signal.rate || !signal.calendar) return null;
  return signal.calendar.filter((w) => w.free > 0).slice(0, 12);
}
