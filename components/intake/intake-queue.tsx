"use client";
// The stewards' page: requests from the public form, oldest first, each with its contact details and an
// accept (pick the resource; post for an existing organization or a new one from the facility) or a reject.
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { useMe } from "@/components/auth/queries";
import { SignInPrompt } from "@/components/auth/sign-in-prompt";
import { useBoard } from "@/components/boards/queries";
import { errorMessage, fieldError, numberInput } from "@/components/forms/form-errors";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { useResourceSpecs } from "@/components/resource-specs/queries";
import { ErrorText, Notice } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { Loading } from "@/components/ui/loading";
import { SelectField } from "@/components/ui/select";
import { ORGANIZATION_KINDS } from "@/components/organizations/queries";
import type { IntakeRequestDto, IntakeStatus } from "@/server/domain/intake";
import { useAcceptIntake, useIntakeList, useRejectIntake } from "./queries";

const STATUS_NAMES: Record<IntakeStatus, string> = { pending: "Waiting", accepted: "Accepted", rejected: "Rejected" };

export function IntakeQueuePage({ slug }: { slug: string }) {
  const me = useMe();
  const board = useBoard(slug);
  const [status, setStatus] = useState<IntakeStatus>("pending");
  const steward = board.data?.myRole === "steward";
  const list = useIntakeList(slug, status, steward);
  if (me.isPending || board.isPending) return <Loading />;
  if (!me.data) return <SignInPrompt>Sign in as a steward of this board to check its requests</SignInPrompt>;
  if (board.isError || !steward)
    return <ErrorText>Only the stewards of this board see the requests sent through its public form.</ErrorText>;
  return (
    <section aria-labelledby="intake-heading" className="flex flex-col gap-4">
      <h1 id="intake-heading" className="text-2xl font-semibold">
        Requests to check · {board.data.name}
      </h1>
      <p className="text-stone-700">
        Sent through the <Link href={`/boards/${encodeURIComponent(slug)}/request`}>public form</Link> by facilities without an account. Nothing
        here is public: accepting one posts a need for the facility (without its contact details).
      </p>
      <SelectField
        label="Show"
        className="max-w-xs"
        value={status}
        onChange={(e) => setStatus(e.target.value as IntakeStatus)}
        options={(["pending", "accepted", "rejected"] as const).map((s) => ({
          value: s,
          label: `${STATUS_NAMES[s]}${list.data ? ` (${list.data.counts[s]})` : ""}`,
        }))}
      />
      {list.isPending ? <Loading /> : list.isError ? <ErrorText>{errorMessage(list.error)}</ErrorText> : null}
      {list.data && list.data.items.length === 0 ? <Notice>No {STATUS_NAMES[status].toLowerCase()} requests.</Notice> : null}
      <ul className="flex flex-col gap-4">
        {list.data?.items.map((r) => (
          <li key={r.id}>
            <IntakeCard slug={slug} request={r} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function IntakeCard({ slug, request: r }: { slug: string; request: IntakeRequestDto }) {
  const headingId = useId();
  const what = r.resourceSpec ? `${r.resourceSpec.name} (${r.resourceSpec.unit})` : `“${r.resourceText}” (not on the list)`;
  return (
    <Card as="article" aria-labelledby={headingId} data-testid="intake-request">
      <h2 id={headingId} className="text-lg font-semibold">
        {r.facilityName} · {r.quantity} × {what}
      </h2>
      <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-stone-600">Reference</dt>
        <dd>{r.reference}</dd>
        <dt className="text-stone-600">Place</dt>
        <dd>{r.place.name}</dd>
        <dt className="text-stone-600">Contact</dt>
        <dd className="break-words">{[r.contact.email, r.contact.phone].filter(Boolean).join(" · ")}</dd>
        {r.neededBy ? (
          <>
            <dt className="text-stone-600">Needed by</dt>
            <dd>{new Date(r.neededBy).toLocaleDateString()}</dd>
          </>
        ) : null}
        {r.note ? (
          <>
            <dt className="text-stone-600">Note</dt>
            <dd className="whitespace-pre-wrap break-words">{r.note}</dd>
          </>
        ) : null}
        <dt className="text-stone-600">Sent</dt>
        <dd>{new Date(r.createdAt).toLocaleString()}</dd>
        {r.decidedBy ? (
          <>
            <dt className="text-stone-600">{r.status === "accepted" ? "Accepted by" : "Rejected by"}</dt>
            <dd>
              {r.decidedBy.name}
              {r.rejectionReason ? `: ${r.rejectionReason}` : null}
              {r.signalId ? (
                <>
                  {" · "}
                  <Link href={`/signals/${r.signalId}`}>the need</Link>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
      {r.status === "pending" ? <Decide slug={slug} request={r} /> : null}
    </Card>
  );
}

function Decide({ slug, request: r }: { slug: string; request: IntakeRequestDto }) {
  const specs = useResourceSpecs();
  const accept = useAcceptIntake(slug);
  const reject = useRejectIntake(slug);
  const [v, setV] = useState({ resourceSpecId: r.resourceSpec?.id ?? "", kind: "other", quantity: String(r.quantity), title: "", reason: "" });
  const { fields, error, failed, setFields, setError } = useFormErrors();
  const set = (p: Partial<typeof v>) => setV((old) => ({ ...old, ...p }));

  function onAccept(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    setFields({});
    const quantity = numberInput(v.quantity);
    accept.mutate(
      {
        id: r.id,
        body: {
          resourceSpecId: v.resourceSpecId || undefined,
          organizationKind: v.kind,
          quantity: typeof quantity === "number" ? quantity : undefined,
          title: v.title.trim() || undefined,
        },
      },
      { onError: (err) => failed(err) },
    );
  }

  function onReject() {
    if (!v.reason.trim()) return setFields({ reason: ["Say why, for the other stewards"] });
    reject.mutate({ id: r.id, body: { reason: v.reason } }, { onError: (err) => failed(err) });
  }

  return (
    <form className="mt-4 flex flex-col gap-3 border-t border-stone-200 pt-4" onSubmit={onAccept} noValidate aria-label={`Decide on ${r.reference}`}>
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField
          label="Resource"
          value={v.resourceSpecId}
          onChange={(e) => set({ resourceSpecId: e.target.value })}
          options={[{ value: "", label: "Choose…" }, ...(specs.data ?? []).map((s) => ({ value: s.id, label: `${s.name} (${s.unit})` }))]}
          error={fieldError(fields, "resourceSpecId")}
        />
        <TextField label="Quantity" inputMode="decimal" value={v.quantity} onChange={(e) => set({ quantity: e.target.value })} error={fieldError(fields, "quantity")} />
        <SelectField
          label="Kind of facility"
          hint="An organization is made from its name and place."
          value={v.kind}
          onChange={(e) => set({ kind: e.target.value })}
          options={ORGANIZATION_KINDS.map((k) => ({ value: k, label: k }))}
        />
      </div>
      <TextField label="Title on the board" optional hint="By default “Needed: ” and the resource." value={v.title} onChange={(e) => set({ title: e.target.value })} error={fieldError(fields, "title")} />
      <TextField label="Reason, if you reject it" value={v.reason} onChange={(e) => set({ reason: e.target.value })} error={fieldError(fields, "reason")} />
      <ErrorText>{fieldError(fields, "dueAt") ?? error}</ErrorText>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" pending={accept.isPending}>
          Accept and post the need
        </Button>
        <Button variant="danger" onClick={onReject} pending={reject.isPending}>
          Reject
        </Button>
      </div>
    </form>
  );
}
