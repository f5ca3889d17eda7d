// One ledger event in plain words, as a claim's section on the signal page shows it.
import { formatQuantity } from "@/components/format/numbers";
import type { EconomicEventDto } from "@/server/domain/ledger-schemas";

const VERB: Record<EconomicEventDto["action"], string> = {
  produce: "produced",
  consume: "consumed",
  transfer: "transferred",
  transferCustody: "handed over (custody)",
  move: "moved",
  use: "used",
  work: "worked",
  raise: "added (adjustment)",
  lower: "removed (adjustment)",
};

export function describeLedgerEvent(e: EconomicEventDto): string {
  const amount = `${formatQuantity(e.quantity)} ${e.unit}`;
  const twoSided = e.receiver.id !== e.provider.id;
  return twoSided
    ? `${e.provider.name} ${VERB[e.action]} ${amount} to ${e.receiver.name}`
    : `${e.provider.name} ${VERB[e.action]} ${amount}`;
}

/** The first characters of a hash: enough to compare with what verify reports, short enough to read. */
export const shortHash = (hash: string) => hash.slice(0, 12);
