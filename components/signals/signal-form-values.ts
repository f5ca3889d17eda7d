// The post-signal form's text fields → the API body. Kept pure so the rules that are the form's own
// (which dates a kind takes, a location needs both coordinates, dates read in the viewer's timezone)
// are tested; the shared createSignalSchema then checks the body exactly as the server will.
import type { SignalKindDto } from "@/server/domain/dto";
import { dateInputToIso } from "@/components/format/time";
import { numberInput, type FieldErrors } from "@/components/forms/form-errors";
import { isRequestKind } from "./labels";

export interface SignalFormValues {
  kind: SignalKindDto;
  resourceSpecId: string;
  quantity: string;
  title: string;
  note: string;
  locationName: string;
  lat: string;
  lng: string;
  /** <input type="date"> values: "" or "YYYY-MM-DD". */
  dueDate: string;
  availableFrom: string;
  availableUntil: string;
  /** An organization id, or "" for the person alone. */
  onBehalfOf: string;
}

export const EMPTY_SIGNAL_FORM: SignalFormValues = {
  kind: "need",
  resourceSpecId: "",
  quantity: "",
  title: "",
  note: "",
  locationName: "",
  lat: "",
  lng: "",
  dueDate: "",
  availableFrom: "",
  availableUntil: "",
  onBehalfOf: "",
};

export function buildSignalBody(v: SignalFormValues): { body: Record<string, unknown>; fields: FieldErrors } {
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

  const hasLat = v.lat.trim() !== "";
  const hasLng = v.lng.trim() !== "";
  if (hasLat || hasLng) {
    body.location = {
      ...(v.locationName.trim() ? { name: v.locationName.trim() } : {}),
      lat: numberInput(v.lat),
      lng: numberInput(v.lng),
    };
  } else if (v.locationName.trim()) {
    fields["location.lat"] = ["Give latitude and longitude too, or leave the location empty"];
  }

  const date = (value: string, key: string, edge: "start" | "end") => {
    if (!value) return;
    const iso = dateInputToIso(value, edge);
    if (iso) body[key] = iso;
    else fields[key] = ["Must be a date"];
  };
  if (isRequestKind(v.kind)) {
    date(v.dueDate, "dueAt", "end");
  } else {
    date(v.availableFrom, "availableFrom", "start");
    date(v.availableUntil, "availableUntil", "end");
  }
  return { body, fields };
}
