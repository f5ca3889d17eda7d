// Claims and stock signals meet the ledger, on both databases: a delivered claim records the transfer
// and moves stock on both sides; a stock signal linked to an organization's inventory follows the ledger
// live (PUT /signals/:id/inventory); GET .../ledger/events?claimId= lists a claim's events.
import { describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/server";
import { allEvents, expectError, expectStatus, hoursFromNow, newBoard, newMember, useApp, type Member } from "../support/fixtures";

const CLINIC_PLACE = { name: "Hospital Clínic", lat: 41.389, lng: 2.152 };

async function newOrg(m: Member, name: string, location?: object) {
  const r = await m.api.post("/organizations", { name: `${name} ${Math.random().toString(36).slice(2, 6)}`, kind: "makerspace", ...(location ? { location } : {}) });
  if (r.status !== 201) throw new Error(`org failed: ${JSON.stringify(r.body)}`);
  return r.body as { id: string; name: string };
}

describe.each(DB_KINDS)("claims, stock signals and the ledger on %s", (kind) => {
  const h = useApp(kind);

  async function world() {
    const b = await newBoard(h.api, { members: 1 });
    const maker = b.steward;
    const clinic = b.members[0]!;
    const makerOrg = await newOrg(maker, "Makerspace");
    const clinicOrg = await newOrg(clinic, "Clinic", CLINIC_PLACE);
    const record = async (m: Member, body: Record<string, unknown>) => {
      const r = await m.api.post(`/boards/${b.slug}/ledger/events`, { resourceSpecId: b.spec.id, ...body });
      expectStatus(r, 201);
      return r.body;
    };
    const signal = async (m: Member, body: Record<string, unknown>) => {
      const r = await m.api.post(`/boards/${b.slug}/signals`, { resourceSpecId: b.spec.id, ...body });
      expectStatus(r, 201);
      return r.body;
    };
    const claim = async (m: Member, signalId: string, body: Record<string, unknown>) => {
      const r = await m.api.post(`/signals/${signalId}/claims`, body);
      expectStatus(r, 201);
      return r.body;
    };
    const move = async (m: Member, claimId: string, to: string) => {
      const r = await m.api.post(`/claims/${claimId}/transition`, { to });
      expectStatus(r, 200);
      return r.body;
    };
    const onHand = async () =>
      Object.fromEntries(
        (await h.api.get(`/boards/${b.slug}/inventory`)).body.items.map((i: any) => [i.agent.id === makerOrg.id ? "maker" : "clinic", i.onHand]),
      );
    const ledger = async (q = "") => (await h.api.get(`/boards/${b.slug}/ledger/events${q}`)).body.items;
    const link = (m: Member, signalId: string, inventoryOf: string | null) => m.api.request("PUT", `/signals/${signalId}/inventory`, { inventoryOf });
    return { ...b, maker, clinic, makerOrg, clinicOrg, record, signal, claim, move, onHand, ledger, link };
  }

  it("delivering a need's claim records the transfer (and the unrecorded part of what was made); stock moves on both sides", async () => {
    const w = await world();
    const need = await w.signal(w.clinic, { kind: "need", quantity: 10, onBehalfOf: w.clinicOrg.id, location: CLINIC_PLACE, dueAt: hoursFromNow(48) });
    await w.record(w.maker, { action: "produce", quantity: 3, provider: w.makerOrg.id });
    const c = await w.claim(w.maker, need.id, { quantity: 5, onBehalfOf: w.makerOrg.id });
    await w.move(w.maker, c.id, "shipped");
    expect(await w.ledger(`?claimId=${c.id}`)).toEqual([]); // shipped is a promise in transit, not yet an event
    const delivered = await w.move(w.clinic, c.id, "delivered");
    expect(delivered).toMatchObject({ status: "delivered", signal: { deliveredQuantity: 5, remainingQuantity: 5 } });

    const events = await w.ledger(`?claimId=${c.id}`);
    expect(events.map((e: any) => [e.action, e.quantity, e.provider.id, e.receiver.id])).toEqual([
      ["produce", 2, w.makerOrg.id, w.makerOrg.id],
      ["transfer", 5, w.makerOrg.id, w.clinicOrg.id],
    ]);
    expect(events[1]).toMatchObject({ claimId: c.id, toLocation: CLINIC_PLACE, recordedBy: { id: w.clinic.id } });
    expect(await w.onHand()).toEqual({ clinic: 5 });
    expect((await h.api.get(`/boards/${w.slug}/ledger/verify`)).body).toMatchObject({ ok: true, count: 3 });
    // The ledger's events precede the claim's move in the board's one ordered log.
    const types = (await allEvents(h.api, w.slug)).events.map((e: any) => e.type).slice(-3);
    expect(types).toEqual(["ledger.recorded", "ledger.recorded", "claim.transitioned"]);
  });

  it("a delivery with no organization on either side records nothing; with one side, only that side's stock moves", async () => {
    const w = await world();
    const bare = await w.signal(w.clinic, { kind: "need", quantity: 4, dueAt: hoursFromNow(48) });
    const c1 = await w.claim(w.maker, bare.id, { quantity: 2 });
    await w.move(w.clinic, c1.id, "delivered");
    expect(await w.ledger()).toEqual([]);
    const c2 = await w.claim(w.maker, bare.id, { quantity: 2, onBehalfOf: w.makerOrg.id });
    await w.record(w.maker, { action: "produce", quantity: 2, provider: w.makerOrg.id });
    await w.move(w.clinic, c2.id, "delivered");
    const events = await w.ledger(`?claimId=${c2.id}`);
    expect(events.map((e: any) => [e.action, e.quantity])).toEqual([["lower", 2]]);
    expect(events[0].note).toContain(w.clinic.name);
    expect(await w.onHand()).toEqual({});
  });

  it("a stock signal linked to an inventory follows the ledger: claims reserve it, events and deliveries move it", async () => {
    const w = await world();
    await w.record(w.maker, { action: "produce", quantity: 10, provider: w.makerOrg.id });
    const offer = await w.signal(w.maker, { kind: "stock", quantity: 1, onBehalfOf: w.makerOrg.id });
    const linked = await w.link(w.maker, offer.id, w.makerOrg.id);
    expectStatus(linked, 200);
    expect(linked.body).toMatchObject({ quantity: 10, remainingQuantity: 10, inventoryOf: { id: w.makerOrg.id } });

    const c = await w.claim(w.clinic, offer.id, { quantity: 4, onBehalfOf: w.clinicOrg.id });
    expect(c.signal).toMatchObject({ quantity: 10, remainingQuantity: 6 });
    const before = (await allEvents(h.api, w.slug)).lastSeq;
    await w.record(w.maker, { action: "consume", quantity: 2, provider: w.makerOrg.id });
    const read = async () => (await h.api.get(`/signals/${offer.id}`)).body;
    expect(await read()).toMatchObject({ quantity: 8, remainingQuantity: 4, claimedQuantity: 4 });
    // Live: the change reached the board's log as a signal.updated in the same write.
    const after = (await allEvents(h.api, w.slug, before)).events;
    expect(after.map((e: any) => e.type)).toEqual(["ledger.recorded", "signal.updated"]);
    expect(after[1].data.signal).toMatchObject({ id: offer.id, quantity: 8 });

    await w.move(w.maker, c.id, "shipped");
    await w.move(w.clinic, c.id, "delivered");
    expect(await w.onHand()).toEqual({ maker: 4, clinic: 4 });
    expect(await read()).toMatchObject({ quantity: 8, deliveredQuantity: 4, remainingQuantity: 4, status: "open" });
    // Stock taken below what claims reserved cannot un-claim anyone: the signal shows fully claimed.
    const c2 = await w.claim(w.clinic, offer.id, { quantity: 3 });
    await w.record(w.maker, { action: "consume", quantity: 3, provider: w.makerOrg.id });
    expect(await read()).toMatchObject({ quantity: 7, claimedQuantity: 7, remainingQuantity: 0, status: "claimed" });
    await w.record(w.maker, { action: "produce", quantity: 5, provider: w.makerOrg.id });
    expect(await read()).toMatchObject({ quantity: 10, remainingQuantity: 3, status: "open" });
    expect(c2.status).toBe("claimed");

    const unlinked = await w.link(w.maker, offer.id, null);
    expect(unlinked.body).toMatchObject({ inventoryOf: null, quantity: 10 });
    await w.record(w.maker, { action: "produce", quantity: 5, provider: w.makerOrg.id });
    expect((await read()).quantity).toBe(10);
  });

  it("PUT /signals/:id/inventory: owner only, own organizations only, stock signals only", async () => {
    const w = await world();
    const offer = await w.signal(w.maker, { kind: "stock", quantity: 3 });
    const need = await w.signal(w.maker, { kind: "need", quantity: 3, dueAt: hoursFromNow(24) });
    expectError(await w.link(w.clinic, offer.id, w.clinicOrg.id), 403, "FORBIDDEN");
    expectError(await w.link(w.maker, offer.id, w.clinicOrg.id), 403, "FORBIDDEN", ["inventoryOf"]);
    expectError(await w.link(w.maker, need.id, w.makerOrg.id), 400, "VALIDATION_FAILED", ["inventoryOf"]);
    expectError(await w.link(w.maker, offer.id, "nope" as any), 400, "VALIDATION_FAILED", ["inventoryOf"]);
    expectError(await h.api.request("PUT", `/signals/${offer.id}/inventory`, { inventoryOf: null }), 401, "UNAUTHENTICATED");
    const outsider = await newMember(h.api);
    expectError(await w.link(outsider, offer.id, null), 403, "FORBIDDEN");
    expect((await h.api.get(`/signals/${offer.id}`)).body).toMatchObject({ quantity: 3, inventoryOf: null });

    // Linked, the quantity is the ledger's: an edit of it is refused and changes nothing; other fields
    // may still be edited, and after unlinking the quantity is the owner's again.
    await w.record(w.maker, { action: "produce", quantity: 5, provider: w.makerOrg.id });
    expectStatus(await w.link(w.maker, offer.id, w.makerOrg.id), 200);
    expectError(await w.maker.api.patch(`/signals/${offer.id}`, { quantity: 50 }), 400, "VALIDATION_FAILED", ["quantity"]);
    expectStatus(await w.maker.api.patch(`/signals/${offer.id}`, { title: "Shields on the shelf" }), 200);
    expect((await h.api.get(`/signals/${offer.id}`)).body).toMatchObject({ quantity: 5, title: "Shields on the shelf" });
    expectStatus(await w.link(w.maker, offer.id, null), 200);
    expect((await w.maker.api.patch(`/signals/${offer.id}`, { quantity: 4 })).body).toMatchObject({ quantity: 4, inventoryOf: null });
  });
});
