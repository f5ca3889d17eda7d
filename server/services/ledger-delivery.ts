// A claim confirmed delivered is evidence that goods changed hands: the ledger records it in the same
// transaction as the claim's move (ADR 022).
//
// The sides are the organizations the exchange was made for: for a request (need, order) the claim's
// organization provides and the signal's receives; for an offer (stock, capacity) the signal's inventory
// (or its organization) provides and the claim's receives.
// - Both known: a `transfer` from one to the other.
// - Only one known: the other side is a person outside the ledger's agents, so only the known side's
//   stock moves: `lower` for a provider whose goods left, `raise` for a receiver whose goods arrived.
// - Neither: nothing to record.
// The provider gives from the place where it holds the most of the resource. When its ledger shows less
// on hand there than was delivered (makers often do not record what they make), a `produce` of the
// shortfall is recorded first: the receiver saw the goods arrive, so they existed.
import { compareQty, subQty } from "../domain/quantity";
import { isRequestKind, type SignalKind } from "../domain/signal-rules";
import { locationKey, type LedgerLocation } from "../domain/ledger-actions";
import type { Actor, ServiceContext, Tx } from "./context";
import type { AppendEvents, BoardRefForEvents } from "./event-log";
import { appendLedgerEvents, type PreparedEconomicEvent } from "./ledger-append";
import { ledgerSpecSelect, loadOrgRefs } from "./ledger-record";

const place = (name: string | null, lat: number | null, lng: number | null): LedgerLocation | null =>
  lat !== null && lng !== null ? { name, lat, lng } : null;

/** Where the provider holds the most of this resource on the board, and how much is there. */
async function richestPlace(tx: Tx, boardId: string, agentId: string, resourceSpecId: string) {
  const row = await tx.economicResource.findFirst({
    where: { boardId, agentId, resourceSpecId, onHand: { gt: 0 } },
    orderBy: [{ onHand: "desc" }, { locationKey: "asc" }],
    select: { locationName: true, lat: true, lng: true, onHand: true },
  });
  return row ? { location: place(row.locationName, row.lat, row.lng), onHand: Number(row.onHand) } : { location: null, onHand: 0 };
}

export async function recordDelivery(
  tx: Tx,
  ctx: Pick<ServiceContext, "now" | "intensity">,
  append: AppendEvents,
  board: BoardRefForEvents,
  args: { claimId: string; signalId: string; kind: SignalKind; delivered: number; actor: Actor },
): Promise<void> {
  const signal = await tx.signal.findUniqueOrThrow({
    where: { id: args.signalId },
    select: { resourceSpecId: true, onBehalfOfId: true, inventoryOfId: true, locationName: true, lat: true, lng: true, owner: { select: { name: true } } },
  });
  const claim = await tx.claim.findUniqueOrThrow({
    where: { id: args.claimId },
    select: { onBehalfOfId: true, claimer: { select: { name: true } } },
  });
  const request = isRequestKind(args.kind);
  const providerId = request ? claim.onBehalfOfId : (signal.inventoryOfId ?? signal.onBehalfOfId);
  const receiverId = request ? signal.onBehalfOfId : claim.onBehalfOfId;
  if (!providerId && !receiverId) return;
  if (providerId && providerId === receiverId) return; // an organization's claim on its own offer moves nothing

  const spec = await tx.resourceSpec.findUniqueOrThrow({ where: { id: signal.resourceSpecId }, select: ledgerSpecSelect });
  const orgs = await loadOrgRefs(tx, [providerId, receiverId].filter((x): x is string => !!x));
  const now = ctx.now();
  const base = { spec, occurredAt: now, claimId: args.claimId, correctsId: null, recordedBy: args.actor, toLocation: null };
  const events: PreparedEconomicEvent[] = [];

  // Where the goods arrive: a request's own place; for an offer, the receiving organization's place.
  let arrival = request ? place(signal.locationName, signal.lat, signal.lng) : null;
  if (!request && receiverId) {
    const org = await tx.organization.findUniqueOrThrow({ where: { id: receiverId }, select: { locationName: true, lat: true, lng: true } });
    arrival = place(org.locationName, org.lat, org.lng);
  }

  if (providerId) {
    const provider = orgs.get(providerId)!;
    const from = await richestPlace(tx, board.id, providerId, spec.id);
    const shortfall = subQty(args.delivered, from.onHand);
    if (compareQty(shortfall, 0) > 0) {
      events.push({
        ...base, action: "produce", quantity: shortfall, provider, receiver: provider, location: from.location,
        note: "Recorded at delivery: the ledger showed less on hand than was delivered",
      });
    }
    if (receiverId) {
      const toLocation = arrival && locationKey(arrival) !== locationKey(from.location) ? arrival : null;
      events.push({
        ...base, action: "transfer", quantity: args.delivered, provider, receiver: orgs.get(receiverId)!, location: from.location, toLocation,
        note: "Delivery of a claim",
      });
    } else {
      events.push({
        ...base, action: "lower", quantity: args.delivered, provider, receiver: provider, location: from.location,
        note: `Delivered to ${request ? signal.owner.name : claim.claimer.name}, for no organization`,
      });
    }
  } else {
    const receiver = orgs.get(receiverId!)!;
    events.push({
      ...base, action: "raise", quantity: args.delivered, provider: receiver, receiver, location: arrival,
      note: "Received from a person, for no organization",
    });
  }
  // The delivered signal itself is re-read and logged by the claim's transition.
  await appendLedgerEvents(tx, append, board, now, events, ctx, [args.signalId]);
}
