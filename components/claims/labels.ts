import type { BadgeTone } from "@/components/ui/badge";
import type { ClaimStatusDto } from "@/server/domain/dto";

export const CLAIM_STATUS_LABEL: Record<ClaimStatusDto, string> = {
  claimed: "Claimed",
  in_progress: "In progress",
  shipped: "Shipped",
  delivered: "Delivered",
  released: "Released",
  lapsed: "Lapsed",
};

export const CLAIM_STATUS_TONE: Record<ClaimStatusDto, BadgeTone> = {
  claimed: "blue",
  in_progress: "violet",
  shipped: "amber",
  delivered: "green",
  released: "neutral",
  lapsed: "red",
};

/** The button that moves a claim to each status; "claimed" and "lapsed" are never a person's move. */
export const TRANSITION_LABEL: Partial<Record<ClaimStatusDto, string>> = {
  in_progress: "Start work",
  shipped: "Mark shipped",
  delivered: "Confirm delivered",
  released: "Release",
};

/** The transitions a person can press, in the order the lifecycle goes. */
export function pressableTransitions(allowed: readonly ClaimStatusDto[] | undefined): ClaimStatusDto[] {
  const order: ClaimStatusDto[] = ["in_progress", "shipped", "delivered", "released"];
  return order.filter((s) => allowed?.includes(s));
}
