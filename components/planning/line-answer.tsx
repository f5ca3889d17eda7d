"use client";
// One of the viewer's lines with its answers: accept it, change its quantity or week, or decline it with
// a reason. Errors come back from the server with the field they concern (a change beyond the supply).
import { useState } from "react";
import { errorMessage, fieldError, numberInput } from "@/components/forms/form-errors";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { formatQuantity } from "@/components/format/numbers";
import { ErrorText } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import { useAnswerLine, type PlanLineDto } from "./queries";

export const LINE_STATUS: Record<PlanLineDto["status"], { label: string; tone: "neutral" | "green" | "teal" | "red" }> = {
  suggested: { label: "Suggested", tone: "neutral" },
  accepted: { label: "Accepted", tone: "green" },
  changed: { label: "Changed", tone: "teal" },
  declined: { label: "Declined", tone: "red" },
};

export function lineText(l: PlanLineDto) {
  return `${formatQuantity(l.quantity)} from ${l.source.title ?? "a source"} to ${l.need.title ?? "a need"} in ${l.week}`;
}

export function LineAnswer({ slug, line, weeks, open }: { slug: string; line: PlanLineDto; weeks: string[]; open: boolean }) {
  const answer = useAnswerLine(slug);
  const { fields, error, failed, setFields, setError } = useFormErrors();
  const [mode, setMode] = useState<"none" | "change" | "decline">("none");
  const [quantity, setQuantity] = useState(String(line.quantity));
  const [week, setWeek] = useState(line.week);
  const [reason, setReason] = useState("");
  const send = (body: Omit<Parameters<typeof answer.mutate>[0], "lineId">) => {
    setError(null);
    setFields({});
    answer.mutate({ lineId: line.id, ...body }, { onError: (err) => failed(err), onSuccess: () => setMode("none") });
  };
  const status = LINE_STATUS[line.status];
  return (
    <article aria-label={`Your line: ${lineText(line)}`} data-testid="my-line" className="flex flex-col gap-2 rounded-md border border-stone-200 bg-white p-3">
      <p>
        <Badge tone={status.tone}>{status.label}</Badge> <span className="font-medium">{lineText(line)}</span>
        {line.distanceKm !== null ? <span className="text-sm text-stone-600"> · {Math.round(line.distanceKm)} km</span> : null}
      </p>
      <ul className="text-sm text-stone-600">
        {line.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {line.answerReason ? <p className="text-sm">Reason: {line.answerReason}</p> : null}
      {open ? (
        <div className="flex flex-wrap gap-2">
          <Button size="sm" onClick={() => send({ answer: "accept" })} pending={answer.isPending && mode === "none"}>
            Accept
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setMode(mode === "change" ? "none" : "change")}>
            Change
          </Button>
          <Button size="sm" variant="danger" onClick={() => setMode(mode === "decline" ? "none" : "decline")}>
            Decline
          </Button>
        </div>
      ) : null}
      {mode === "change" ? (
        <div className="grid gap-2 sm:grid-cols-3">
          <TextField label="Quantity" inputMode="decimal" value={quantity} onChange={(e) => setQuantity(e.target.value)} error={fieldError(fields, "quantity")} />
          <SelectField label="Week" value={week} onChange={(e) => setWeek(e.target.value)} options={weeks.map((w) => ({ value: w, label: w }))} error={fieldError(fields, "week")} />
          <div className="self-end">
            <Button size="sm" onClick={() => send({ answer: "change", quantity: numberInput(quantity) as number, week: week === line.week ? undefined : week })}>
              Save change
            </Button>
          </div>
        </div>
      ) : null}
      {mode === "decline" ? (
        <div className="grid gap-2 sm:grid-cols-[1fr_auto]">
          <TextField label="Why do you decline?" value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError(fields, "reason")} />
          <div className="self-end">
            <Button size="sm" variant="danger" onClick={() => send({ answer: "decline", reason })}>
              Decline line
            </Button>
          </div>
        </div>
      ) : null}
      <ErrorText>{error ?? (answer.isError && !Object.keys(fields).length ? errorMessage(answer.error) : null)}</ErrorText>
    </article>
  );
}
