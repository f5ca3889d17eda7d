// The post-signal form's text fields → the API body. Kept pure so the rules that are the form's own
// (which dates a kind takes, a place must be chosen, dates read in the viewer's timezone) are tested;
// the shared createSignalSchema then checks the body exactly as the server will, and the domain's date
// and unit rules (with the viewer's clock) say before sending what the server would refuse.
import type { SignalKindDto } from "@/server/domain/dto";
import { signalDateProblems } from "@/server/domain/signal-dates";
import { rateProblems } from "@/server/domain/capacity-calendar";
import { quantityUnitProblems, type UnitRule } from "@/server/domain/units";
import { dateInputToIso } from "@/components/format/time";
import { numberInput, type FieldErrors } from "@/components/forms/form-errors";
import { isRequestKind } from "./labels";
import { CHOOSE_A_PLACE, type PlaceValue } from "./place";

export interface SignalFormValues {
  kind: SignalKindDto;
  resourceSpecId: string;
  quantity: string;
  title: string;
  note: string;
  /** The chosen place (or typed coordinates), and the text of the place field. */
  location: PlaceValue | null;
  locationText: string;
  /** <input type="date"> values: "" or "YYYY-MM-DD". */
  dueDate: string;
  availableFrom: string;
  availableUntil: string;
  /** An organization id, or "" for the person alone. */
  onBehalfOf: string;
  /** Capacity only: at most this much a week ("" for no rate). */
  ratePerWeek: string;
}

export const EMPTY_SIGNAL_FORM: SignalFormValues = {
  kind: "need",
  resourceSpecId: "",
  quantity: "",
  title: "",
  note: "",
  location: null,
  locationText: "",
  dueDate: "",
  availableFrom: "",
  availableUntil: "",
  onBehalfOf: "",
  ratePerWeek: "",
};

/** `now` is the viewer's clock and `spec` the chosen resource (when known), for the domain's rules. */
export function buildSignalBody(
  v: SignalFormValues,
  ctx: { now: number; spec?: UnitRule } = { now: Date.now() },
): { body: Record<string, unknown>; fields: FieldErrors } {
  const fields: FieldErrors = {};
  const body: Record<string, unknown> = {
    kind: v.kind,
    resourceSpecId: v.resourceSpecId,
    quantity: numberInput(v.quantity),
  };
  if (!v.resourceSpecId) fields.resourceSpecId = ["Choose a resource, or add a new one"];
  if (v.title.trim()) body.title = v.title.trim();
  if (v.note.trim()) body.note = v.note.trim();
  if (v.onBehalfOf) body.onBehalfOf = v.onBehalfOf;

  if (v.location) {
    const name = v.location.name?.trim();
    body.location = { ...(name ? { name } : {}), lat: v.location.lat, lng: v.location.lng };
  } else if (v.locationText.trim()) {
    fields.location = [CHOOSE_A_PLACE];
  }

  const dates: Record<string, Date> = {};
  const date = (value: string, key: string, edge: "start" | "end") => {
    if (!value) return;
    const iso = dateInputToIso(value, edge);
    if (iso) {
      body[key] = iso;
      dates[key] = new Date(iso);
    } else fields[key] = ["Must be a date"];
  };
  if (isRequestKind(v.kind)) {
    date(v.dueDate, "dueAt", "end");
  } else {
    date(v.availableFrom, "availableFrom", "start");
    date(v.availableUntil, "availableUntil", "end");
  }
  const rate = v.kind === "capacity" && v.ratePerWeek.trim() ? numberInput(v.ratePerWeek) : undefined;
  if (rate !== undefined) body.rate = { quantity: rate, period: "week" };
  const problems = {
    ...signalDateProblems({ kind: v.kind, given: dates, now: new Date(ctx.now) }),
    ...(ctx.spec && typeof body.quantity === "number" ? quantityUnitProblems(body.quantity, ctx.spec) : {}),
    ...(ctx.spec && typeof rate === "number" ? quantityUnitProblems(rate, ctx.spec, "rate.quantity") : {}),
    ...rateProblems({
      kind: v.kind,
      rate: typeof rate === "number" ? { quantity: rate, period: "week" } : null,
      availableFrom: dates.availableFrom,
      availableUntil: dates.availableUntil,
      now: new Date(ctx.now),
    }),
  };
  for (const [key, list] of Object.entries(problems)) fields[key] ??= list;
  return { body, fields };
}
