// One line of a signal's history per board event, in plain words.
import type { BoardEventDto, ClaimStatusDto } from "@/server/domain/dto";
import { CLAIM_STATUS_LABEL } from "@/components/claims/labels";
import { formatQuantity } from "@/components/format/numbers";
import { KIND_LABEL } from "./labels";

const num = (x: unknown): number | undefined => (typeof x === "number" && Number.isFinite(x) ? x : undefined);
const isClaimStatus = (x: unknown): x is ClaimStatusDto => typeof x === "string" && x in CLAIM_STATUS_LABEL;

export function describeEvent(e: BoardEventDto, unit: string): string {
  const who = e.actor?.name ?? "Someone";
  const claim = e.data.claim;
  const qty = (n: number) => `${formatQuantity(n)} ${unit}`;
  const forOrg = claim?.onBehalfOf ? ` for ${claim.onBehalfOf.name}` : "";
  switch (e.type) {
    case "signal.created": {
      const kind = e.data.signal ? KIND_LABEL[e.data.signal.kind].toLowerCase() : "signal";
      return `${who} posted this ${kind}`;
    }
    case "signal.updated":
      return `${who} edited it`;
    case "signal.refreshed":
      return `${who} refreshed it`;
    case "signal.reinforced":
      return `${who} needs this too`;
    case "signal.withdrawn":
      return `${who} withdrew it`;
    case "signal.expired":
      // Older events carry no reason; they were all evaporations.
      return e.data.reason === "availability_ended" ? "It expired: its availability ended" : "It expired: nobody refreshed it in time";
    case "claim.created":
      return claim ? `${claim.claimer.name}${forOrg} claimed ${qty(claim.quantity)}` : `${who} made a claim`;
    case "claim.transitioned": {
      const to = isClaimStatus(e.data.to) ? e.data.to : claim?.status;
      const returned = num(e.data.returned);
      if (returned !== undefined && returned > 0 && to !== "released") return `${who} released ${qty(returned)} of their claim`;
      if (to === "released") return `${who} released a claim${returned ? ` of ${qty(returned)}` : ""}`;
      const amount = claim ? ` of ${qty(claim.quantity)}` : "";
      return to ? `${who} marked a claim${amount} ${CLAIM_STATUS_LABEL[to].toLowerCase()}` : `${who} moved a claim`;
    }
    case "claim.lapsed": {
      const returned = num(e.data.returned) ?? claim?.quantity;
      const by = claim ? ` by ${claim.claimer.name}` : "";
      return `A claim${by}${returned !== undefined ? ` of ${qty(returned)}` : ""} lapsed without progress`;
    }
    case "member.joined":
      return `${e.data.member?.name ?? who} joined the board`;
    case "member.left":
      return `${e.data.member?.name ?? who} left the board`;
    case "member.removed":
      return `${who} removed ${e.data.member?.name ?? "a member"} from the board`;
    case "planning.session_opened":
      return `${who} opened the planning session “${String(e.data.title)}”`;
    case "planning.run_completed":
      return `${who} ran the planner in “${String(e.data.title)}”`;
    case "planning.line_answered":
      return `${who} answered a line of “${String(e.data.title)}”`;
    case "planning.plan_adopted":
      return `${who} adopted the plan of “${String(e.data.title)}”`;
    case "planning.session_closed":
      return `${who} closed the planning session “${String(e.data.title)}” without adopting it`;
    case "ledger.recorded":
      return `${who} recorded an economic event in the ledger`;
    default:
      return String(e.type);
  }
}
