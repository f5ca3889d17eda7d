import { formatQuantity } from "@/components/format/numbers";

/** The words for a claim that asked for more than is left; `remaining` comes with the 409 OVER_CLAIM. */
export function overClaimText(remaining: unknown, unit: string): string {
  const n = typeof remaining === "number" && Number.isFinite(remaining) ? remaining : 0;
  return n > 0 ? `Only ${formatQuantity(n)} ${unit} left` : "Nothing is left to claim";
}
