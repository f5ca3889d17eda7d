// The edit form's fields → a PATCH body holding only what changed, so an edit of the note does not
// also rewrite the quantity someone else just read.
import type { SignalDto } from "@/server/domain/dto";
import { signalDateProblems } from "@/server/domain/signal-dates";
import { quantityUnitProblems } from "@/server/domain/units";
import { dateInputToIso, isoToDateInput } from "@/components/format/time";
import { numberInput, type FieldErrors } from "@/components/forms/form-errors";
import { isRequestKind } from "./labels";

export interface SignalEditValues {
  title: string;
  note: string;
  quantity: string;
  dueDate: string;
  availableFrom: string;
  availableUntil: string;
}

export function editValuesOf(s: SignalDto): SignalEditValues {
  return {
    title: s.title,
    note: s.note ?? "",
    quantity: String(s.quantity),
    dueDate: isoToDateInput(s.dueAt),
    availableFrom: isoToDateInput(s.availableFrom),
    availableUntil: isoToDateInput(s.availableUntil),
  };
}

/** `now` is the viewer's clock, for the domain's date rule (the one the server applies to a PATCH). */
export function buildSignalPatch(
  s: SignalDto,
  v: SignalEditValues,
  now: number = Date.now(),
): { body: Record<string, unknown>; fields: FieldErrors } {
  const was = editValuesOf(s);
  const body: Record<string, unknown> = {};
  const fields: FieldErrors = {};
  if (v.title.trim() !== was.title.trim()) body.title = v.title.trim();
  if (v.note.trim() !== was.note.trim()) body.note = v.note.trim() === "" ? null : v.note.trim();
  if (v.quantity.trim() !== was.quantity) {
    const q = numberInput(v.quantity);
    if (q !== s.quantity) body.quantity = q;
  }
  const date = (value: string, previous: string, key: string, edge: "start" | "end", clearable: boolean) => {
    if (value === previous) return;
    if (value === "") {
      if (clearable) body[key] = null;
      else fields[key] = ["This date cannot be cleared, only moved"];
      return;
    }
    const iso = dateInputToIso(value, edge);
    if (iso) body[key] = iso;
    else fields[key] = ["Must be a date"];
  };
  if (isRequestKind(s.kind)) date(v.dueDate, was.dueDate, "dueAt", "end", true);
  else {
    date(v.availableFrom, was.availableFrom, "availableFrom", "start", false);
    date(v.availableUntil, was.availableUntil, "availableUntil", "end", false);
  }
  const asDate = (key: string) => (typeof body[key] === "string" ? new Date(body[key] as string) : body[key] === null ? null : undefined);
  const stored = (iso: string | null) => (iso ? new Date(iso) : null);
  const problems = {
    ...signalDateProblems({
      kind: s.kind,
      given: { dueAt: asDate("dueAt"), availableFrom: asDate("availableFrom"), availableUntil: asDate("availableUntil") },
      stored: { availableFrom: stored(s.availableFrom), availableUntil: stored(s.availableUntil) },
      now: new Date(now),
    }),
    ...(typeof body.quantity === "number" ? quantityUnitProblems(body.quantity, s.resourceSpec) : {}),
  };
  for (const [key, list] of Object.entries(problems)) fields[key] ??= list;
  return { body, fields };
}
