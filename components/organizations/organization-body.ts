import { numberInput, type FieldErrors } from "@/components/forms/form-errors";

export const ORGANIZATION_KIND_NAMES: Record<string, string> = {
  makerspace: "Makerspace",
  microfactory: "Microfactory",
  clinic: "Clinic",
  hub: "Hub",
  other: "Other",
};

/** Name, kind and an optional place → the POST body; a place needs both coordinates. */
export function buildOrganizationBody(v: { name: string; kind: string; locationName: string; lat: string; lng: string }): {
  body: Record<string, unknown>;
  fields: FieldErrors;
} {
  const body: Record<string, unknown> = { name: v.name, kind: v.kind };
  const fields: FieldErrors = {};
  if (v.lat.trim() || v.lng.trim()) {
    body.location = { ...(v.locationName.trim() ? { name: v.locationName.trim() } : {}), lat: numberInput(v.lat), lng: numberInput(v.lng) };
  } else if (v.locationName.trim()) {
    fields["location.lat"] = ["Give latitude and longitude too, or leave the location empty"];
  }
  return { body, fields };
}
