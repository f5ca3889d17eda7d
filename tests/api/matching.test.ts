// Matching through the real API on both databases (ADR 034): declared substitutes, a need's ranked and
// explained matches, "suggested for you", members-only privacy and bad input.
import { describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/server";
import { changedTables, fingerprint } from "../support/db-state";
import { addMemberDirectly, expectError, expectStatus, hoursFromNow, newBoard, newMember, newSpec, postClaim, postSignal, useApp } from "../support/fixtures";

const BERLIN = { name: "Berlin", lat: 52.52, lng: 13.405 };
const POTSDAM = { name: "Potsdam", lat: 52.3906, lng: 13.0645 }; // ~27 km from Berlin
const HAMBURG = { name: "Hamburg", lat: 53.5511, lng: 9.9937 }; // ~255 km

describe.each(DB_KINDS)("matching on %s", (kind) => {
  const h = useApp(kind);

  it("declares, lists and removes substitutes; refuses the same spec, unknown specs, duplicates and strangers", async () => {
    const declarer = await newMember(h.api);
    const stranger = await newMember(h.api);
    const pla = await newSpec(declarer.api, "PLA shield");
    const petg = await newSpec(stranger.api, "PETG shield");
    const path = `/resource-specs/${pla.id}/substitutes`;

    expectError(await h.api.post(path, { substituteId: petg.id }), 401, "UNAUTHENTICATED");
    const before = await fingerprint(h.app.db.prisma);
    expectError(await declarer.api.post(path, { substituteId: pla.id }), 400, "SAME_SPEC", ["substituteId"]);
    expectError(await declarer.api.post(path, { substituteId: "nope" }), 400, "VALIDATION_FAILED", ["substituteId"]);
    expectError(await declarer.api.post(path, { substituteId: "00000000-0000-4000-8000-000000000000" }), 404, "NOT_FOUND");
    expectError(await declarer.api.post(`/resource-specs/00000000-0000-4000-8000-000000000000/substitutes`, { substituteId: petg.id }), 404, "NOT_FOUND");
    expect(changedTables(before, await fingerprint(h.app.db.prisma))).toEqual([]);

    const made = await declarer.api.post(path, { substituteId: petg.id });
    expectStatus(made, 201);
    expect(made.body).toMatchObject({ spec: { id: pla.id }, substitute: { id: petg.id, name: "PETG shield" }, createdBy: declarer.id });
    expectError(await stranger.api.post(path, { substituteId: petg.id }), 409, "SUBSTITUTE_EXISTS");
    // One direction: PLA is not thereby a substitute for PETG.
    expect((await h.api.get(`/resource-specs/${petg.id}/substitutes`)).body.items).toEqual([]);
    expect((await h.api.get(path)).body.items.map((i: { substitute: { id: string } }) => i.substitute.id)).toEqual([petg.id]);

    // Neither the declarer nor the spec's creator: refused. The creator of the substitute is not enough.
    expectError(await stranger.api.delete(`${path}/${petg.id}`), 403, "FORBIDDEN");
    expectStatus(await declarer.api.delete(`${path}/${petg.id}`), 204);
    expectError(await declarer.api.delete(`${path}/${petg.id}`), 404, "NOT_FOUND");
    expect((await h.api.get(path)).body.items).toEqual([]);

    // The spec's creator may remove what someone else declared.
    expectStatus(await stranger.api.post(path, { substituteId: petg.id }), 201);
    expectStatus(await declarer.api.delete(`${path}/${petg.id}`), 204);
  });

  it("ranks a need's candidates from the same board by resource, free quantity in time, distance and track record, with reasons", async () => {
    const board = await newBoard(h.api, { members: 3 });
    const [near, far, subMaker] = board.members as [(typeof board.members)[0], (typeof board.members)[0], (typeof board.members)[0]];
    const petg = await newSpec(subMaker.api, `PETG ${board.slug}`);
    expectStatus(await board.steward.api.post(`/resource-specs/${board.spec.id}/substitutes`, { substituteId: petg.id }), 201);
    const other = await newSpec(board.steward.api, `Masks ${board.slug}`);

    const need = await postSignal(board.steward, board.slug, {
      kind: "need", resourceSpecId: board.spec.id, quantity: 100, title: "Shields for the clinic", location: BERLIN, dueAt: hoursFromNow(24 * 20),
    });
    const nearStock = await postSignal(near, board.slug, { kind: "stock", resourceSpecId: board.spec.id, quantity: 100, title: "Shields on the shelf", location: POTSDAM });
    const farStock = await postSignal(far, board.slug, { kind: "stock", resourceSpecId: board.spec.id, quantity: 100, title: "Hamburg shields", location: HAMBURG });
    const subCapacity = await postSignal(subMaker, board.slug, {
      kind: "capacity", resourceSpecId: petg.id, quantity: 500, title: "PETG printing", location: POTSDAM,
      availableUntil: hoursFromNow(24 * 60), rate: { quantity: 30, period: "week" },
    });
    await postSignal(near, board.slug, { kind: "stock", resourceSpecId: other.id, quantity: 100, title: "Masks", location: BERLIN });
    // The far maker's one past claim was released, not delivered: a record of 0 of 1.
    const otherNeed = await postSignal(near, board.slug, { kind: "need", resourceSpecId: other.id, quantity: 5, title: "Masks wanted" });
    const claim = await postClaim(far, otherNeed.id, 2);
    expectStatus(await far.api.post(`/claims/${claim.id}/transition`, { to: "released" }), 200);

    const res = await h.api.get(`/signals/${need.id}/matches`);
    expectStatus(res, 200);
    const items = res.body.items as Array<{ signal: { id: string }; reasons: string[]; freeInTime: number; distanceKm: number; trackRecord: unknown; score: number }>;
    expect(items.map((i) => i.signal.id)).toEqual([nearStock.id, subCapacity.id, farStock.id]);
    expect(items[0]).toMatchObject({ freeInTime: 100, trackRecord: null });
    expect(items[0]!.distanceKm).toBeCloseTo(27, 0);
    expect(items[0]!.reasons).toEqual(["same resource", "100 each in stock", "covers all 100 still needed", "27 km away", "no past claims yet"]);
    expect(items[1]!.reasons[0]).toBe(`substitute: PETG ${board.slug}`);
    expect(items[1]!.reasons[1]).toMatch(/^can make \d+ before the due date \(30\/week\)$/);
    expect(items[2]!.reasons).toContain("delivered 0 of 1 past claims");
    expect(items[2]!.trackRecord).toEqual({ delivered: 0, ended: 1, share: 0 });

    expectError(await h.api.get(`/signals/${nearStock.id}/matches`), 400, "NOT_A_REQUEST");
    expectError(await h.api.get(`/signals/00000000-0000-4000-8000-000000000000/matches`), 404, "NOT_FOUND");
    expectError(await h.api.get(`/signals/not-an-id/matches`), 404, "NOT_FOUND");
  });

  it("answers 404 to outsiders of a members-only board, like the signal itself", async () => {
    const board = await newBoard(h.api, { visibility: "members" });
    const member = await newMember(h.api);
    await addMemberDirectly(h.app, board.slug, member.id);
    const need = await postSignal(board.steward, board.slug, { kind: "need", resourceSpecId: board.spec.id, quantity: 3, title: "Quiet need", location: BERLIN });
    await postSignal(member, board.slug, { kind: "stock", resourceSpecId: board.spec.id, quantity: 3, title: "Quiet stock", location: BERLIN });
    const outsider = await newMember(h.api);
    expectError(await h.api.get(`/signals/${need.id}/matches`), 404, "NOT_FOUND");
    expectError(await outsider.api.get(`/signals/${need.id}/matches`), 404, "NOT_FOUND");
    expect((await member.api.get(`/signals/${need.id}/matches`)).body.items).toHaveLength(1);
  });

  it("suggests open needs on the maker's boards that their organization's offers fit, nearest first within the radius", async () => {
    const board = await newBoard(h.api, { members: 1 });
    const maker = board.members[0]!;
    const org = await maker.api.post("/organizations", { name: `Lab ${board.slug}`, kind: "makerspace", location: BERLIN });
    expectStatus(org, 201);
    const petg = await newSpec(maker.api, `PETG ${board.slug}`);
    const pla = board.spec;
    const visor = await newSpec(board.steward.api, `Visor ${board.slug}`);
    // The maker's PETG may be used where visors are needed.
    expectStatus(await maker.api.post(`/resource-specs/${visor.id}/substitutes`, { substituteId: petg.id }), 201);
    await postSignal(maker, board.slug, { kind: "stock", resourceSpecId: pla.id, quantity: 50, title: "PLA stock", onBehalfOf: org.body.id });
    await postSignal(maker, board.slug, { kind: "capacity", resourceSpecId: petg.id, quantity: 50, title: "PETG printing", onBehalfOf: org.body.id });

    const nearNeed = await postSignal(board.steward, board.slug, { kind: "need", resourceSpecId: pla.id, quantity: 10, title: "PLA near", location: POTSDAM });
    const hereOrder = await postSignal(board.steward, board.slug, { kind: "order", resourceSpecId: visor.id, quantity: 4, title: "Visors here", location: BERLIN, dueAt: hoursFromNow(48) });
    await postSignal(board.steward, board.slug, { kind: "need", resourceSpecId: pla.id, quantity: 10, title: "PLA far", location: HAMBURG });
    const unrelated = await newSpec(board.steward.api, `Gloves ${board.slug}`);
    await postSignal(board.steward, board.slug, { kind: "need", resourceSpecId: unrelated.id, quantity: 10, title: "Gloves", location: BERLIN });
    // A members-only board the maker is not on: its needs are never suggested.
    const hidden = await newBoard(h.api, { visibility: "members" });
    await postSignal(hidden.steward, hidden.slug, { kind: "need", resourceSpecId: pla.id, quantity: 10, title: "Hidden", location: BERLIN });

    const res = await maker.api.get("/me/suggestions");
    expectStatus(res, 200);
    expect(res.body.radiusKm).toBe(100);
    expect(res.body.items.map((i: { signal: { id: string } }) => i.signal.id)).toEqual([hereOrder.id, nearNeed.id]);
    expect(res.body.items[0].reasons.slice(0, 3)).toEqual([`your PETG ${board.slug} is a declared substitute`, "4 each still needed", "less than 1 km away"]);
    expect(res.body.items[1].reasons.slice(0, 3)).toEqual([`you offer ${pla.name}`, "10 each still needed", "27 km away"]);
    const wide = await maker.api.get("/me/suggestions?radiusKm=1000");
    expect(wide.body.items.map((i: { signal: { title: string } }) => i.signal.title)).toEqual(["Visors here", "PLA near", "PLA far"]);

    expectError(await h.api.get("/me/suggestions"), 401, "UNAUTHENTICATED");
    expectError(await maker.api.get("/me/suggestions?radiusKm=-3"), 400, "VALIDATION_FAILED", ["radiusKm"]);
    expectError(await maker.api.get("/me/suggestions?radiusKm=abc"), 400, "VALIDATION_FAILED", ["radiusKm"]);
  });
});
