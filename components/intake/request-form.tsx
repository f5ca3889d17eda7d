"use client";
// The public "Request supplies" form (ADR 032): no account, a plain statement that a steward checks each
// request before it shows, and the reference to quote once sent.
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { isApiError } from "@/components/api/client";
import { errorMessage, fieldError } from "@/components/forms/form-errors";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { ErrorText, Notice } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextAreaField, TextField } from "@/components/ui/field";
import { Loading } from "@/components/ui/loading";
import { SelectField } from "@/components/ui/select";
import { intakeChoiceProblems, submitIntakeSchema, type IntakeFormDto, type IntakeReceiptDto } from "@/server/domain/intake";
import { buildIntakeBody, EMPTY_INTAKE, OTHER_RESOURCE, type IntakeFormValues } from "./intake-body";
import { useIntakeForm, useSubmitIntake } from "./queries";

export function RequestSuppliesPage({ slug }: { slug: string }) {
  const form = useIntakeForm(slug);
  const [receipt, setReceipt] = useState<IntakeReceiptDto | null>(null);
  if (form.isPending) return <Loading>Loading the form…</Loading>;
  if (form.isError) {
    const notFound = isApiError(form.error) && form.error.status === 404;
    return (
      <Card className="mx-auto max-w-lg text-center">
        <h1 className="text-xl font-semibold">{notFound ? "Board not found" : "Could not load this form"}</h1>
        <ErrorText className="mt-3">{notFound ? "There is no board at this address, or it does not take requests." : errorMessage(form.error)}</ErrorText>
      </Card>
    );
  }
  const f = form.data;
  return (
    <section aria-labelledby="request-heading" className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1 id="request-heading" className="text-2xl font-semibold">
        Request supplies from {f.board.name}
      </h1>
      <p className="text-stone-700">
        For clinics, care homes and other facilities: no account needed. <strong>A steward of this board checks each request before it is shown</strong>{" "}
        on the board. Only the board&apos;s stewards see your contact details; they never appear on the board.
      </p>
      {!f.accepting ? (
        <Notice>This board does not take requests through this form at the moment.</Notice>
      ) : receipt ? (
        <Card role="status" data-testid="intake-receipt">
          <h2 className="text-lg font-semibold">Request sent</h2>
          <p className="mt-2">
            Your reference is <strong data-testid="intake-reference">{receipt.reference}</strong>. Keep it: quote it if you contact the board.
          </p>
          <p className="mt-2 text-stone-700">A steward will check your request; once accepted, it shows on the board as a need.</p>
          <p className="mt-3">
            <Link href={`/boards/${encodeURIComponent(slug)}`}>Back to the board</Link>
          </p>
        </Card>
      ) : (
        <RequestForm slug={slug} form={f} onSent={setReceipt} />
      )}
    </section>
  );
}

function RequestForm({ slug, form, onSent }: { slug: string; form: IntakeFormDto; onSent: (r: IntakeReceiptDto) => void }) {
  const submit = useSubmitIntake(slug);
  const [v, setV] = useState<IntakeFormValues>(EMPTY_INTAKE);
  const { fields, error, check, failed } = useFormErrors();
  const set = (p: Partial<IntakeFormValues>) => setV((old) => ({ ...old, ...p }));
  const describing = form.resources.length === 0 || v.resourceSpecId === OTHER_RESOURCE;
  const unit = form.resources.find((r) => r.id === v.resourceSpecId)?.unit;

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const body = buildIntakeBody(v);
    if (!check(submitIntakeSchema, body, intakeChoiceProblems(body))) return;
    submit.mutate(body, { onSuccess: onSent, onError: (err) => failed(err) });
  }

  return (
    <Card>
      <form className="flex flex-col gap-4" onSubmit={onSubmit} noValidate aria-label="Request supplies">
        <TextField label="Facility name" required autoComplete="organization" value={v.facilityName} onChange={(e) => set({ facilityName: e.target.value })} error={fieldError(fields, "facilityName")} />
        <TextField
          label="Town or address"
          required
          hint="Where the supplies should go; shown on the board with your facility's name."
          value={v.placeName}
          onChange={(e) => set({ placeName: e.target.value })}
          error={fieldError(fields, "place.name", "place")}
        />
        <fieldset className="flex flex-col gap-2">
          <legend className="text-sm font-medium text-stone-800">How can a steward reach you? (an email address, a phone number, or both)</legend>
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField label="Email" type="email" autoComplete="email" value={v.contactEmail} onChange={(e) => set({ contactEmail: e.target.value })} error={fieldError(fields, "contactEmail")} />
            <TextField label="Phone" type="tel" autoComplete="tel" value={v.contactPhone} onChange={(e) => set({ contactPhone: e.target.value })} error={fieldError(fields, "contactPhone")} />
          </div>
        </fieldset>
        {form.resources.length > 0 ? (
          <SelectField
            label="What do you need?"
            value={v.resourceSpecId}
            onChange={(e) => set({ resourceSpecId: e.target.value })}
            options={[
              { value: "", label: "Choose…" },
              ...form.resources.map((r) => ({ value: r.id, label: `${r.name} (${r.unit})` })),
              { value: OTHER_RESOURCE, label: "Something else (describe it)" },
            ]}
            error={fieldError(fields, "resourceSpecId", ...(describing ? [] : ["resourceText"]))}
          />
        ) : null}
        {describing ? (
          <TextField
            label={form.resources.length > 0 ? "Describe what you need" : "What do you need?"}
            value={v.resourceText}
            onChange={(e) => set({ resourceText: e.target.value })}
            error={fieldError(fields, "resourceText")}
          />
        ) : null}
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label={unit ? `How many (${unit})?` : "How many?"}
            required
            inputMode="decimal"
            value={v.quantity}
            onChange={(e) => set({ quantity: e.target.value })}
            error={fieldError(fields, "quantity")}
          />
          <TextField label="Needed by" optional type="date" value={v.neededBy} onChange={(e) => set({ neededBy: e.target.value })} error={fieldError(fields, "neededBy")} />
        </div>
        <TextAreaField label="Anything the steward should know" optional hint="Seen only by the board's stewards." value={v.note} onChange={(e) => set({ note: e.target.value })} error={fieldError(fields, "note")} />
        {/* The honeypot: out of sight and out of the tab order, so only form-filling bots fill it in. */}
        <div aria-hidden="true" className="absolute -left-[9999px] h-px w-px overflow-hidden">
          <label>
            Website
            <input tabIndex={-1} autoComplete="off" value={v.website} onChange={(e) => set({ website: e.target.value })} />
          </label>
        </div>
        <ErrorText>{error}</ErrorText>
        <div>
          <Button type="submit" pending={submit.isPending}>
            Send request
          </Button>
        </div>
      </form>
    </Card>
  );
}
