// Claims: partial claims, over-claims, the lifecycle for requests and for offers, releases, invalid
// transitions, permissions, the signal's status as claims move, and GET /me/claims, on both databases.
import { describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/server";
import { expectError, expectStatus, newBoard, newMember, postClaim, postSignal, useApp } from "../support/fixtures";

describe.each(DB_KINDS)("claims on %s", (kind) => {
  const h = useApp(kind);

  // Claims in kilograms, so that decimal quantities (3.5, 0.1 + 0.2) are claimable.
  async function world(signalKind: "need" | "order" | "capacity" | "stock", quantity = 10) {
    const b = await newBoard(h.api, { members: 3, unit: "kg" });
    const signal = await postSignal(b.steward, b.slug, { kind: signalKind, resourceSpecId: b.spec.id, quantity });
    const [claimer, other, third] = b.members as [any, any, any];
    return { ...b, owner: b.steward, signal, claimer, other, third };
  }
  const move = (m: { api: any }, claimId: string, body: object) => m.api.post(`/claims/${claimId}/transition`, body);
  const read = (id: string) => h.api.get(`/signals/${id}`).then((r) => r.body);

  it("partial claims add up; remaining shrinks; the answer carries the claim and the signal after it", async () => {
    const w = await world("need", 10);
    const c1 = await w.claimer.api.post(`/signals/${w.signal.id}/claims`, { quantity: 3.5, note: "printing tonight" });
    expectStatus(c1, 201);
    expect(c1.body).toMatchObject({
      signalId: w.signal.id, quantity: 3.5, status: "claimed", note: "printing tonight",
      claimer: { id: w.claimer.id, name: w.claimer.name },
      signal: { id: w.signal.id, claimedQuantity: 3.5, remainingQuantity: 6.5, status: "open" },
    });
    const c2 = await w.other.api.post(`/signals/${w.signal.id}/claims`, { quantity: 0.1 });
    expectStatus(c2, 201);
    const c3 = await w.third.api.post(`/signals/${w.signal.id}/claims`, { quantity: 0.2 });
    expect(c3.body.signal).toMatchObject({ claimedQuantity: 3.8, remainingQuantity: 6.2 });
    expect(await read(w.signal.id)).toMatchObject({ claimedQuantity: 3.8, remainingQuantity: 6.2, liveClaimCount: 3 });
  });

  it("409 OVER_CLAIM with `remaining` in the error body; nothing changes", async () => {
    const w = await world("need", 10);
    await postClaim(w.claimer, w.signal.id, 7);
    const over = await w.other.api.post(`/signals/${w.signal.id}/claims`, { quantity: 3.001 });
    expectError(over, 409, "OVER_CLAIM");
    expect(over.body.error.remaining).toBe(3);
    expect(await read(w.signal.id)).toMatchObject({ claimedQuantity: 7, remainingQuantity: 3, liveClaimCount: 1 });
    await postClaim(w.other, w.signal.id, 3);
    const none = await w.third.api.post(`/signals/${w.signal.id}/claims`, { quantity: 1 });
    expectError(none, 409, "OVER_CLAIM");
    expect(none.body.error.remaining).toBe(0);
  });

  it("the owner cannot claim their own signal: 403 OWN_SIGNAL; outsiders 403 NOT_A_MEMBER; anonymous 401", async () => {
    const w = await world("need", 10);
    expectError(await w.owner.api.post(`/signals/${w.signal.id}/claims`, { quantity: 1 }), 403, "OWN_SIGNAL");
    const outsider = await newMember(h.api);
    expectError(await outsider.api.post(`/signals/${w.signal.id}/claims`, { quantity: 1 }), 403, "NOT_A_MEMBER");
    expectError(await h.api.post(`/signals/${w.signal.id}/claims`, { quantity: 1 }), 401, "UNAUTHENTICATED");
    expectError(await w.claimer.api.post("/signals/00000000-0000-4000-8000-000000000000/claims", { quantity: 1 }), 404, "NOT_FOUND");
    expect((await read(w.signal.id)).claimedQuantity).toBe(0);
  });

  it("need: claimer moves claimed → in_progress → shipped; only the OWNER confirms delivered; signal becomes fulfilled", async () => {
    const w = await world("need", 10);
    const c = await postClaim(w.claimer, w.signal.id, 10);
    expect(c.signal.status).toBe("claimed");
    const p = await move(w.claimer, c.id, { to: "in_progress" });
    expectStatus(p, 200);
    expect(p.body).toMatchObject({ id: c.id, status: "in_progress", signal: { status: "claimed" } });
    expectError(await move(w.owner, c.id, { to: "shipped" }), 403, "FORBIDDEN"); // the receiver does not ship
    expectStatus(await move(w.claimer, c.id, { to: "shipped" }), 200);
    const selfConfirm = await move(w.claimer, c.id, { to: "delivered" });
    expectError(selfConfirm, 403, "FORBIDDEN");
    const d = await move(w.owner, c.id, { to: "delivered" });
    expectStatus(d, 200);
    expect(d.body).toMatchObject({ status: "delivered", signal: { status: "fulfilled", deliveredQuantity: 10, claimedQuantity: 10 } });
    expect(await read(w.signal.id)).toMatchObject({ status: "fulfilled", intensity: 0 });
    expectError(await w.other.api.post(`/signals/${w.signal.id}/claims`, { quantity: 1 }), 409, "SIGNAL_NOT_OPEN");
  });

  it.each(["stock", "capacity"] as const)("%s: the roles swap — the owner ships, the claimer confirms delivery", async (k) => {
    const w = await world(k, 6);
    const c = await postClaim(w.claimer, w.signal.id, 6);
    const mine = await w.claimer.api.get(`/signals/${w.signal.id}`);
    expect(mine.body.claims[0].allowedTransitions.sort()).toEqual(["delivered", "released"]);
    const owners = await w.owner.api.get(`/signals/${w.signal.id}`);
    expect(owners.body.claims[0].allowedTransitions.sort()).toEqual(["in_progress", "shipped"]);
    expectError(await move(w.claimer, c.id, { to: "in_progress" }), 403, "FORBIDDEN");
    expectError(await move(w.claimer, c.id, { to: "shipped" }), 403, "FORBIDDEN");
    expectStatus(await move(w.owner, c.id, { to: "shipped" }), 200);
    expectError(await move(w.owner, c.id, { to: "delivered" }), 403, "FORBIDDEN");
    const d = await move(w.claimer, c.id, { to: "delivered" });
    expectStatus(d, 200);
    expect(d.body.signal).toMatchObject({ status: "fulfilled", deliveredQuantity: 6 });
  });

  it("release by the claimer returns the whole quantity; the signal goes from claimed back to open", async () => {
    const w = await world("order", 5);
    const c = await postClaim(w.claimer, w.signal.id, 5);
    expect(c.signal).toMatchObject({ status: "claimed", remainingQuantity: 0 });
    expectError(await move(w.owner, c.id, { to: "released" }), 403, "FORBIDDEN"); // only the claimer takes back their promise
    const r = await move(w.claimer, c.id, { to: "released" });
    expectStatus(r, 200);
    expect(r.body).toMatchObject({ status: "released", signal: { status: "open", claimedQuantity: 0, remainingQuantity: 5 } });
    await postClaim(w.other, w.signal.id, 5); // the freed quantity is claimable again
  });

  it("partial release (quantity) keeps the rest of the claim in its state and returns the part", async () => {
    const w = await world("need", 10);
    const c = await postClaim(w.claimer, w.signal.id, 8);
    expectStatus(await move(w.claimer, c.id, { to: "in_progress" }), 200);
    const r = await move(w.claimer, c.id, { to: "released", quantity: 2.5 });
    expectStatus(r, 200);
    expect(r.body).toMatchObject({ status: "in_progress", quantity: 5.5, signal: { claimedQuantity: 5.5, remainingQuantity: 4.5 } });
    expectError(await move(w.claimer, c.id, { to: "released", quantity: 6 }), 400, "VALIDATION_FAILED", ["quantity"]);
    expectError(await move(w.claimer, c.id, { to: "shipped", quantity: 1 }), 400, "VALIDATION_FAILED", ["quantity"]);
    expectError(await move(w.claimer, c.id, { to: "released", quantity: 0 }), 400, "VALIDATION_FAILED", ["quantity"]);
    expect(await read(w.signal.id)).toMatchObject({ claimedQuantity: 5.5, remainingQuantity: 4.5 });
    const all = await move(w.claimer, c.id, { to: "released", quantity: 5.5 });
    expect(all.body).toMatchObject({ status: "released", quantity: 5.5, signal: { claimedQuantity: 0 } });
  });

  it("409 INVALID_TRANSITION with from and to for moves the lifecycle does not have", async () => {
    const w = await world("need", 10);
    const c = await postClaim(w.claimer, w.signal.id, 4);
    const same = await move(w.claimer, c.id, { to: "claimed" });
    expectError(same, 409, "INVALID_TRANSITION");
    expect(same.body.error).toMatchObject({ from: "claimed", to: "claimed" });
    expectError(await move(w.claimer, c.id, { to: "lapsed" }), 409, "INVALID_TRANSITION");
    await move(w.claimer, c.id, { to: "shipped" });
    expectError(await move(w.claimer, c.id, { to: "released" }), 409, "INVALID_TRANSITION"); // shipped goods cannot be taken back
    expectStatus(await move(w.owner, c.id, { to: "delivered" }), 200);
    const back = await move(w.claimer, c.id, { to: "in_progress" });
    expectError(back, 409, "INVALID_TRANSITION");
    expect(back.body.error).toMatchObject({ from: "delivered", to: "in_progress" });
    expectError(await move(w.owner, c.id, { to: "delivered" }), 409, "INVALID_TRANSITION");
    const gone = await postClaim(w.other, w.signal.id, 1);
    await move(w.other, gone.id, { to: "released" });
    expectError(await move(w.other, gone.id, { to: "claimed" }), 409, "INVALID_TRANSITION");
    expectError(await move(w.other, gone.id, { to: "released" }), 409, "INVALID_TRANSITION");
    expect(await read(w.signal.id)).toMatchObject({ claimedQuantity: 4, deliveredQuantity: 4, status: "open" });
  });

  it("a third party (member or not) gets 403 and changes nothing; anonymous 401; bad ids 404; bad `to` 400", async () => {
    const w = await world("need", 10);
    const c = await postClaim(w.claimer, w.signal.id, 4);
    const outsider = await newMember(h.api);
    for (const to of ["in_progress", "shipped", "delivered", "released"]) {
      expectError(await move(w.other, c.id, { to }), 403, "FORBIDDEN");
      expectError(await move(outsider, c.id, { to }), 403, "FORBIDDEN");
    }
    expectError(await h.api.post(`/claims/${c.id}/transition`, { to: "released" }), 401, "UNAUTHENTICATED");
    expectError(await move(w.claimer, "00000000-0000-4000-8000-000000000000", { to: "released" }), 404, "NOT_FOUND");
    expectError(await move(w.claimer, "claim-1", { to: "released" }), 404, "NOT_FOUND");
    expectError(await move(w.claimer, c.id, { to: "done" }), 400, "VALIDATION_FAILED", ["to"]);
    expectError(await move(w.claimer, c.id, {}), 400, "VALIDATION_FAILED", ["to"]);
    const s = await read(w.signal.id);
    expect(s.claims[0]).toMatchObject({ id: c.id, status: "claimed", quantity: 4 });
    expect(s.claimedQuantity).toBe(4);
  });

  it("signal status: open → claimed when fully claimed → fulfilled when everything is delivered", async () => {
    const w = await world("need", 6);
    const a = await postClaim(w.claimer, w.signal.id, 2);
    expect(a.signal.status).toBe("open");
    const b = await postClaim(w.other, w.signal.id, 4);
    expect(b.signal.status).toBe("claimed");
    expect((await move(w.owner, a.id, { to: "delivered" })).body.signal).toMatchObject({ status: "claimed", deliveredQuantity: 2 });
    const last = await move(w.owner, b.id, { to: "delivered" });
    expect(last.body.signal).toMatchObject({ status: "fulfilled", deliveredQuantity: 6, remainingQuantity: 0 });
    const list = await h.api.get(`/boards/${w.slug}/signals?status=fulfilled`);
    expect(list.body.items.map((s: any) => s.id)).toEqual([w.signal.id]);
  });

  it("claims on a withdrawn signal can still be completed", async () => {
    const w = await world("need", 6);
    const c = await postClaim(w.claimer, w.signal.id, 3);
    expectStatus(await w.owner.api.post(`/signals/${w.signal.id}/withdraw`), 200);
    expectStatus(await move(w.claimer, c.id, { to: "shipped" }), 200);
    const d = await move(w.owner, c.id, { to: "delivered" });
    expectStatus(d, 200);
    expect(d.body.signal.status).toBe("withdrawn");
  });

  it("GET /me/claims lists my claims, each with its signal and allowedTransitions; 401 anonymous", async () => {
    const w = await world("need", 10);
    const stock = await postSignal(w.owner, w.slug, { kind: "stock", resourceSpecId: w.spec.id, quantity: 3 });
    const a = await postClaim(w.claimer, w.signal.id, 2);
    const b = await postClaim(w.claimer, stock.id, 1);
    const c = await postClaim(w.claimer, w.signal.id, 1);
    await move(w.claimer, c.id, { to: "released" });
    await postClaim(w.other, w.signal.id, 1); // not mine
    const r = await w.claimer.api.get("/me/claims");
    expectStatus(r, 200);
    const byId = new Map(r.body.items.map((i: any) => [i.claim.id, i]));
    expect([...byId.keys()].sort()).toEqual([a.id, b.id, c.id].sort());
    expect(byId.get(a.id)).toMatchObject({ claim: { status: "claimed", quantity: 2 }, signal: { id: w.signal.id, kind: "need" } });
    expect((byId.get(a.id) as any).claim.allowedTransitions.sort()).toEqual(["in_progress", "released", "shipped"]);
    expect((byId.get(b.id) as any).claim.allowedTransitions.sort()).toEqual(["delivered", "released"]);
    expect((byId.get(c.id) as any).claim).toMatchObject({ status: "released", allowedTransitions: [] });
    expect(r.body.items.at(-1).claim.id).toBe(c.id); // live claims first
    expect((await w.third.api.get("/me/claims")).body.items).toEqual([]);
    expectError(await h.api.get("/me/claims"), 401, "UNAUTHENTICATED");
  });
});
