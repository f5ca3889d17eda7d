// The public form's values as the API's submission body: empty fields are left out, numbers parsed (a
// text that is no number stays text so the shared schema says so), a date is the end of that day here.
import { numberInput } from "@/components/forms/form-errors";

export interface IntakeFormValues {
  facilityName: string;
  contactEmail: string;
  contactPhone: string;
  placeName: string;
  resourceSpecId: string;
  resourceText: string;
  quantity: string;
  neededBy: string;
  note: string;
  website: string;
}

export const EMPTY_INTAKE: IntakeFormValues = {
  facilityName: "",
  contactEmail: "",
  contactPhone: "",
  placeName: "",
  resourceSpecId: "",
  resourceText: "",
  quantity: "",
  neededBy: "",
  note: "",
  website: "",
};

/** "Something else": the select's value for a resource described in words. */
export const OTHER_RESOURCE = "other";

export function buildIntakeBody(v: IntakeFormValues): Record<string, unknown> {
  const text = (s: string) => (s.trim() === "" ? undefined : s.trim());
  const picked = v.resourceSpecId && v.resourceSpecId !== OTHER_RESOURCE ? v.resourceSpecId : undefined;
  return {
    facilityName: v.facilityName,
    contactEmail: text(v.contactEmail),
    contactPhone: text(v.contactPhone),
    place: { name: v.placeName },
    resourceSpecId: picked,
    resourceText: picked ? undefined : text(v.resourceText),
    quantity: numberInput(v.quantity),
    neededBy: /^\d{4}-\d{2}-\d{2}$/.test(v.neededBy) ? new Date(`${v.neededBy}T23:59:00`).toISOString() : undefined,
    note: text(v.note),
    website: text(v.website),
  };
}
