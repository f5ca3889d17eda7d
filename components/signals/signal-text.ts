// The words a card and a signal page use for a signal's people, time and place.
import type { ClaimDto, SignalDto } from "@/server/domain/dto";
import { CLAIM_STATUS_LABEL } from "@/components/claims/labels";
import { formatDistance, formatQuantity } from "@/components/format/numbers";
import { availabilityText, dueText } from "@/components/format/time";
import { isRequestKind } from "./labels";

/** "due in 3 days" for requests; the availability window for offers; null when undated. */
export function whenText(s: Pick<SignalDto, "kind" | "dueAt" | "availableFrom" | "availableUntil">, now: number): string | null {
  if (isRequestKind(s.kind)) return s.dueAt ? dueText(s.dueAt, now) : null;
  return availabilityText(s.availableFrom, s.availableUntil, now);
}

/** "Fab Lab Kreuzberg · 3.2 km away", or just one of them, or null. */
export function placeText(s: Pick<SignalDto, "location" | "distanceKm">): string | null {
  const bits: string[] = [];
  if (s.location?.name) bits.push(s.location.name);
  if (typeof s.distanceKm === "number") bits.push(`${formatDistance(s.distanceKm)} away`);
  return bits.length ? bits.join(" · ") : null;
}

/** "Alice for Fab Lab Kreuzberg" or "Alice". */
export function byText(s: { owner?: { name: string }; claimer?: { name: string }; onBehalfOf: { name: string } | null }): string {
  const person = s.owner?.name ?? s.claimer?.name ?? "Someone";
  return s.onBehalfOf ? `${person} for ${s.onBehalfOf.name}` : person;
}

/** "Bob for Makerspace Nord: 20 each, in progress". */
export function claimText(c: ClaimDto, unit: string): string {
  return `${byText(c)}: ${formatQuantity(c.quantity)} ${unit}, ${CLAIM_STATUS_LABEL[c.status].toLowerCase()}`;
}
