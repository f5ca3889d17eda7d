import type { BadgeTone } from "@/components/ui/badge";
import type { SignalKindDto, SignalStatusDto } from "@/server/domain/dto";

export const KIND_LABEL: Record<SignalKindDto, string> = {
  need: "Need",
  capacity: "Capacity",
  stock: "Stock",
  order: "Order",
};

export const KIND_TONE: Record<SignalKindDto, BadgeTone> = {
  need: "red",
  order: "amber",
  capacity: "teal",
  stock: "blue",
};

export const STATUS_LABEL: Record<SignalStatusDto, string> = {
  open: "Open",
  claimed: "Fully claimed",
  fulfilled: "Fulfilled",
  withdrawn: "Withdrawn",
  expired: "Expired",
};

export const STATUS_TONE: Record<SignalStatusDto, BadgeTone> = {
  open: "green",
  claimed: "blue",
  fulfilled: "teal",
  withdrawn: "neutral",
  expired: "neutral",
};

// Needs and orders ask for something to be made or given; capacity and stock offer it. One rule, the
// domain's, for the server and the browser alike.
export { isRequestKind } from "@/server/domain/signal-rules";
