// Organizations on both databases (ADRs 030, 031): the directory (search, kind, board, paging, what an
// outsider sees), verification by a board's stewards (cards, events, the organization's page, refusals
// that change nothing) and the lineage of a delivery through the ledger.
import { describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/server";
import { addMemberDirectly, allEvents, expectError, expectStatus, hoursFromNow, newBoard, newMember, useApp, type Member } from "../support/fixtures";
import { changedTables, fingerprint } from "../support/db-state";

describe.each(DB_KINDS)("organizations on %s", (kind) => {
  const h = useApp(kind);
  const tag = () => Math.random().toString(36).slice(2, 8);

  async function newOrg(m: Member, name: string, orgKind = "makerspace") {
    const r = await m.api.post("/organizations", { name, kind: orgKind, location: { name: `${name} place`, lat: 41.39, lng: 2.17 } });
    expectStatus(r, 201);
    return r.body as { id: string; name: string };
  }

  it("the directory searches by name and kind, pages by name, narrows to a board's active organizations, and shows no members", async () => {
    const t = tag();
    const b = await newBoard(h.api, { members: 1 });
    const [alpha, beta, gamma] = [
      await newOrg(b.steward, `Zz ${t} Alpha Lab`),
      await newOrg(b.members[0]!, `Zz ${t} Beta Clinic`, "clinic"),
      await newOrg(b.steward, `Zz ${t} Gamma 100%_Lab`),
    ];
    const names = (r: { body: { items: Array<{ name: string }> } }) => r.body.items.map((o) => o.name);

    const all = await h.api.get(`/organizations?q=${encodeURIComponent(`zz ${t}`)}`);
    expectStatus(all, 200);
    expect(names(all)).toEqual([alpha.name, beta.name, gamma.name]);
    expect(all.body.items[0]).toEqual({
      id: alpha.id, name: alpha.name, kind: "makerspace", location: { name: `${alpha.name} place`, lat: 41.39, lng: 2.17 },
      createdAt: expect.any(String), verifications: [],
    });
    expect(JSON.stringify(all.body)).not.toContain(b.steward.name);
    // Wildcards are literal; kind filters.
    expect(names(await h.api.get(`/organizations?q=${encodeURIComponent("100%_")}`))).toEqual([gamma.name]);
    expect(names(await h.api.get(`/organizations?q=${encodeURIComponent(`zz ${t}`)}&kind=clinic`))).toEqual([beta.name]);

    // Paging: each page continues after the last name, and the pages add up to the whole list.
    const p1 = await h.api.get(`/organizations?q=${encodeURIComponent(`zz ${t}`)}&limit=2`);
    expect(names(p1)).toEqual([alpha.name, beta.name]);
    const p2 = await h.api.get(`/organizations?q=${encodeURIComponent(`zz ${t}`)}&limit=2&cursor=${p1.body.nextCursor}`);
    expect(names(p2)).toEqual([gamma.name]);
    expect(p2.body.nextCursor).toBeNull();
    expectError(await h.api.get("/organizations?cursor=nonsense"), 400, "VALIDATION_FAILED", ["cursor"]);
    expectError(await h.api.get("/organizations?kind=castle"), 400, "VALIDATION_FAILED", ["kind"]);

    // board=: only organizations that posted or claimed there.
    const need = await b.members[0]!.api.post(`/boards/${b.slug}/signals`, { kind: "need", resourceSpecId: b.spec.id, quantity: 5, onBehalfOf: beta.id, dueAt: hoursFromNow(48) });
    expectStatus(need, 201);
    expectStatus(await b.steward.api.post(`/signals/${need.body.id}/claims`, { quantity: 2, onBehalfOf: gamma.id }), 201);
    expect(names(await h.api.get(`/organizations?board=${b.slug}`))).toEqual([beta.name, gamma.name]);
    expectError(await h.api.get(`/organizations?board=no-such-board-${t}`), 404, "NOT_FOUND");
  });

  it("a steward verifies an organization for the board: cards, the signal, events and its page show it; withdrawing undoes it", async () => {
    const t = tag();
    const b = await newBoard(h.api, { members: 1 });
    const clinic = b.members[0]!;
    const org = await newOrg(clinic, `Clinic ${t}`, "clinic");
    const need = await clinic.api.post(`/boards/${b.slug}/signals`, { kind: "need", resourceSpecId: b.spec.id, quantity: 500, onBehalfOf: org.id, dueAt: hoursFromNow(48) });
    expect(need.body.onBehalfOf).toEqual({ id: org.id, name: org.name, kind: "clinic", verified: false });
    const path = `/boards/${b.slug}/organizations/${org.id}/verification`;

    // A member who is not a steward is refused, and nothing changes.
    const before = await fingerprint(h.app.db.prisma);
    expectError(await clinic.api.request("PUT", path, { note: "trust me" }), 403, "NOT_A_STEWARD");
    expectError(await h.api.request("PUT", path, {}), 401, "UNAUTHENTICATED");
    expectError(await b.steward.api.request("PUT", path, { note: "x".repeat(5000) }), 400, "VALIDATION_FAILED", ["note"]);
    expect(changedTables(before, await fingerprint(h.app.db.prisma))).toEqual([]);

    const seq = (await allEvents(h.api, b.slug)).lastSeq;
    const ok = await b.steward.api.request("PUT", path, { note: "Called their front desk" });
    expectStatus(ok, 200);
    expect(ok.body.verification).toMatchObject({ board: { slug: b.slug }, note: "Called their front desk" });
    const events = (await allEvents(h.api, b.slug, seq)).events;
    expect(events.map((e: any) => [e.type, e.actor.id, e.data.organization.id, e.data.note])).toEqual([
      ["organization.verified", b.steward.id, org.id, "Called their front desk"],
    ]);

    const card = async () => (await h.api.get(`/boards/${b.slug}/signals`)).body.items.find((s: any) => s.id === need.body.id);
    expect((await card()).onBehalfOf.verified).toBe(true);
    expect((await h.api.get(`/signals/${need.body.id}`)).body.onBehalfOf.verified).toBe(true);
    // A new signal's card (built before its write, carried on its event) knows it too, and so does a claim's.
    const second = await clinic.api.post(`/boards/${b.slug}/signals`, { kind: "need", resourceSpecId: b.spec.id, quantity: 5, onBehalfOf: org.id, dueAt: hoursFromNow(24) });
    expect(second.body.onBehalfOf.verified).toBe(true);
    const claimed = await b.steward.api.post(`/signals/${need.body.id}/claims`, { quantity: 10 });
    expect(claimed.body.signal.onBehalfOf.verified).toBe(true);
    const page = await h.api.get(`/organizations/${org.id}`);
    expect(page.body.verifications).toEqual([{ board: { slug: b.slug, name: `Board ${b.slug}` }, verifiedAt: expect.any(String), note: "Called their front desk" }]);
    expect((await h.api.get(`/organizations?q=${encodeURIComponent(org.name)}`)).body.items[0].verifications).toHaveLength(1);

    expectStatus(await b.steward.api.request("DELETE", path, {}), 200);
    expect((await card()).onBehalfOf.verified).toBe(false);
    expect((await h.api.get(`/organizations/${org.id}`)).body.verifications).toEqual([]);
    expect((await allEvents(h.api, b.slug, seq)).events.at(-1).type).toBe("organization.unverified");
    expectError(await b.steward.api.request("DELETE", path, {}), 404, "NOT_FOUND");
  });

  it("a members-only board's verification and ledger stay hidden from outsiders: 404 to them, absent from what they read", async () => {
    const t = tag();
    const b = await newBoard(h.api, { visibility: "members" });
    const insider = await newMember(h.api);
    await addMemberDirectly(h.app, b.slug, insider.id);
    const outsider = await newMember(h.api);
    const org = await newOrg(insider, `Hidden ward ${t}`, "clinic");
    const maker = await newOrg(b.steward, `Quiet maker ${t}`);
    const path = `/boards/${b.slug}/organizations/${org.id}/verification`;
    expectError(await outsider.api.request("PUT", path, {}), 404, "NOT_FOUND");
    expectStatus(await b.steward.api.request("PUT", path, {}), 200);
    const ledger = `/boards/${b.slug}/ledger/events`;
    expectStatus(await b.steward.api.post(ledger, { action: "produce", resourceSpecId: b.spec.id, quantity: 8, provider: maker.id }), 201);
    expectStatus(await b.steward.api.post(ledger, { action: "transfer", resourceSpecId: b.spec.id, quantity: 8, provider: maker.id, receiver: org.id }), 201);

    expect((await insider.api.get(`/organizations/${org.id}`)).body.verifications).toHaveLength(1);
    expect((await outsider.api.get(`/organizations/${org.id}`)).body.verifications).toEqual([]);
    expect((await h.api.get(`/organizations?q=${encodeURIComponent(org.name)}`)).body.items[0].verifications).toEqual([]);
    expectError(await outsider.api.get(`/organizations?board=${b.slug}`), 404, "NOT_FOUND");
    expect((await h.api.get(`/organizations/${maker.id}/lineage`)).body).toMatchObject({ boards: [], items: [] });
    expectError(await outsider.api.get(`/organizations/${maker.id}/lineage?boards=${b.slug}`), 404, "NOT_FOUND");
    expect((await insider.api.get(`/organizations/${maker.id}/lineage`)).body.items[0]).toMatchObject({ given: 8, holdings: [{ agent: { id: org.id }, quantity: 8 }] });
  });

  it("lineage follows a maker's production through a hub to the ward that used it, attributing the hub's mixed stock proportionally", async () => {
    const t = tag();
    const b = await newBoard(h.api, { members: 2 });
    const [hubPerson, wardPerson] = b.members as [Member, Member];
    const maker = await newOrg(b.steward, `Maker ${t}`);
    const otherMaker = await newOrg(b.steward, `Other maker ${t}`);
    const hub = await newOrg(hubPerson, `Hub ${t}`, "hub");
    const ward = await newOrg(wardPerson, `Ward ${t}`, "clinic");
    const record = async (m: Member, body: Record<string, unknown>) =>
      expectStatus(await m.api.post(`/boards/${b.slug}/ledger/events`, { resourceSpecId: b.spec.id, ...body }), 201);
    await record(b.steward, { action: "produce", quantity: 100, provider: maker.id });
    await record(b.steward, { action: "produce", quantity: 300, provider: otherMaker.id });
    await record(b.steward, { action: "transfer", quantity: 60, provider: maker.id, receiver: hub.id });
    await record(b.steward, { action: "transfer", quantity: 140, provider: otherMaker.id, receiver: hub.id });
    await record(hubPerson, { action: "transfer", quantity: 100, provider: hub.id, receiver: ward.id });
    await record(wardPerson, { action: "consume", quantity: 50, provider: ward.id });

    const r = await h.api.get(`/organizations/${maker.id}/lineage?boards=${b.slug}`);
    expectStatus(r, 200);
    expect(r.body).toMatchObject({ organization: { id: maker.id }, boards: [{ slug: b.slug }], maxHops: 3 });
    const [item] = r.body.items;
    expect(item).toMatchObject({ resourceSpec: { id: b.spec.id }, produced: 100, received: 0, given: 60, consumed: 15, beyondHorizon: 0 });
    expect(item.flows.map((f: any) => [f.hop, f.from.name, f.to?.name ?? null, f.action, f.quantity])).toEqual([
      [1, maker.name, hub.name, "transfer", 60],
      [2, hub.name, ward.name, "transfer", 30],
      [2, ward.name, null, "consume", 15],
    ]);
    expect(item.holdings.map((x: any) => [x.agent.name, x.quantity])).toEqual([
      [hub.name, 30],
      [ward.name, 15],
    ]);
    expectError(await h.api.get(`/organizations/00000000-0000-4000-8000-000000000000/lineage`), 404, "NOT_FOUND");
    expectError(await h.api.get(`/organizations/${maker.id}/lineage?boards=BAD!`), 400, "VALIDATION_FAILED", ["boards.0"]);
  });
});
