// The ledger's API on both databases: recording events (201 with the chain's hashes), stock that follows
// them, 409 INSUFFICIENT_STOCK and corrections, permissions and visibility, paging, the board event log,
// the append-only trigger, tampering found by verify, racing appends, and a database-backed property run.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DB_KINDS } from "../support/server";
import { addMemberDirectly, allEvents, expectError, expectStatus, newBoard, newMember, useApp, type Member } from "../support/fixtures";
import { changedTables, fingerprint } from "../support/db-state";
import { foldStock, locationKey, stockKey, type EffectInput } from "../../server/domain/ledger-actions";
import { GENESIS_HASH } from "../../server/domain/ledger-hash";

const HERE = { name: "Workshop", lat: 52.52, lng: 13.405 };
const THERE = { name: "Clinic", lat: 41.39, lng: 2.17 };

async function newOrg(m: Member, name = "Org") {
  const r = await m.api.post("/organizations", { name: `${name} ${Math.random().toString(36).slice(2, 6)}`, kind: "makerspace" });
  if (r.status !== 201) throw new Error(`org failed: ${JSON.stringify(r.body)}`);
  return r.body as { id: string; name: string };
}

describe.each(DB_KINDS)("the ledger on %s", (kind) => {
  const h = useApp(kind);

  /** A board with two members, each admin of an organization, and a spec (counted unless told). */
  async function world(opts: { unit?: string; visibility?: "public" | "members" } = {}) {
    const closed = opts.visibility === "members";
    const b = await newBoard(h.api, { members: closed ? 0 : 1, unit: opts.unit ?? "each", visibility: opts.visibility });
    const maker = b.steward;
    // A members-only board cannot be joined through the API yet (invitations are later work).
    const clinic = closed ? await newMember(h.api) : b.members[0]!;
    if (closed) await addMemberDirectly(h.app, b.slug, clinic.id);
    const makerOrg = await newOrg(maker, "Makerspace");
    const clinicOrg = await newOrg(clinic, "Clinic");
    const post = (m: Member, body: Record<string, unknown>) =>
      m.api.post(`/boards/${b.slug}/ledger/events`, { resourceSpecId: b.spec.id, ...body });
    const record = async (m: Member, body: Record<string, unknown>) => {
      const r = await post(m, body);
      expectStatus(r, 201);
      return r.body;
    };
    const inventory = async (q = "") => (await h.api.get(`/boards/${b.slug}/inventory${q}`)).body.items;
    const verify = async () => (await h.api.get(`/boards/${b.slug}/ledger/verify`)).body;
    return { ...b, maker, clinic, makerOrg, clinicOrg, post, record, inventory, verify };
  }

  it("records events with chained hashes; stock follows per organization, resource and place", async () => {
    const w = await world();
    const made = await w.record(w.maker, { action: "produce", quantity: 10, provider: w.makerOrg.id, location: HERE, note: "batch 1" });
    expect(made).toMatchObject({
      seq: 1, action: "produce", quantity: 10, unit: "each", note: "batch 1", claimId: null, corrects: null,
      provider: { id: w.makerOrg.id }, receiver: { id: w.makerOrg.id }, location: HERE, toLocation: null,
      recordedBy: { id: w.maker.id }, previousHash: GENESIS_HASH, resourceSpec: { id: w.spec.id, unit: "each" },
    });
    expect(made.hash).toMatch(/^[0-9a-f]{64}$/);
    const given = await w.record(w.maker, { action: "transfer", quantity: 4, provider: w.makerOrg.id, receiver: w.clinicOrg.id, location: HERE, toLocation: THERE });
    expect(given).toMatchObject({ seq: 2, previousHash: made.hash, receiver: { id: w.clinicOrg.id } });

    const items = await w.inventory();
    const byAgent = Object.fromEntries(items.map((i: any) => [i.agent.id, i]));
    expect(items).toHaveLength(2);
    expect(byAgent[w.makerOrg.id]).toMatchObject({ onHand: 6, accounting: 6, location: HERE, resourceSpec: { id: w.spec.id } });
    expect(byAgent[w.clinicOrg.id]).toMatchObject({ onHand: 4, accounting: 4, location: THERE });
    expect(await w.inventory(`?agent=${w.clinicOrg.id}`)).toHaveLength(1);
    expect(await w.verify()).toEqual({ ok: true, count: 2, headHash: given.hash });

    const forClinic = await h.api.get(`/boards/${w.slug}/ledger/events?agent=${w.clinicOrg.id}`);
    expect(forClinic.body.items.map((e: any) => e.seq)).toEqual([2]);
    const page1 = await h.api.get(`/boards/${w.slug}/ledger/events?limit=1`);
    expect(page1.body).toMatchObject({ items: [{ seq: 1, hash: made.hash }], nextAfter: 1 });
    const page2 = await h.api.get(`/boards/${w.slug}/ledger/events?limit=1&after=1`);
    expect(page2.body).toMatchObject({ items: [{ seq: 2 }], nextAfter: null });

    // The same ordered board event log carries them, for the realtime stream and replay.
    const log = (await allEvents(h.api, w.slug)).events.filter((e: any) => e.type === "ledger.recorded");
    expect(log.map((e: any) => e.data.ledgerEvent.hash)).toEqual([made.hash, given.hash]);
    expect(log[1].data.inventory.map((i: any) => i.onHand).sort()).toEqual([4, 6]);
  });

  it("transferCustody moves on-hand only; move keeps the owner and changes the place", async () => {
    const w = await world({ unit: "kg" });
    await w.record(w.maker, { action: "produce", quantity: 5.5, provider: w.makerOrg.id, location: HERE });
    await w.record(w.maker, { action: "transferCustody", quantity: 2.25, provider: w.makerOrg.id, receiver: w.clinicOrg.id, location: HERE });
    await w.record(w.maker, { action: "move", quantity: 1, provider: w.makerOrg.id, location: HERE, toLocation: THERE });
    const items = (await w.inventory()).map((i: any) => [i.agent.id === w.makerOrg.id ? "maker" : "clinic", i.location?.name, i.onHand, i.accounting]);
    expect(items.sort()).toEqual([["clinic", "Workshop", 2.25, 0], ["maker", "Clinic", 1, 1], ["maker", "Workshop", 2.25, 4.5]].sort());
  });

  it("409 INSUFFICIENT_STOCK changes nothing; a correction may take on-hand below zero", async () => {
    const w = await world();
    const made = await w.record(w.maker, { action: "produce", quantity: 3, provider: w.makerOrg.id });
    const before = await fingerprint(h.app.db.prisma);
    const over = await w.post(w.maker, { action: "consume", quantity: 4, provider: w.makerOrg.id });
    expectError(over, 409, "INSUFFICIENT_STOCK");
    expect(over.body.error).toMatchObject({ onHand: 3, agent: w.makerOrg.id });
    const elsewhere = await w.post(w.maker, { action: "transfer", quantity: 1, provider: w.makerOrg.id, receiver: w.clinicOrg.id, location: HERE });
    expectError(elsewhere, 409, "INSUFFICIENT_STOCK"); // stock is per place: there is none at the Workshop
    expect(changedTables(before, await fingerprint(h.app.db.prisma))).toEqual([]);

    const fix = await w.record(w.maker, { action: "lower", quantity: 5, provider: w.makerOrg.id, corrects: made.id, note: "counted 3 too many and lost 2" });
    expect(fix).toMatchObject({ seq: 2, corrects: made.id });
    expect(await w.inventory()).toMatchObject([{ onHand: -2, accounting: -2 }]);
    // Adding to a stock a correction left negative is always fine.
    await w.record(w.maker, { action: "produce", quantity: 1, provider: w.makerOrg.id });
    expect(await w.inventory()).toMatchObject([{ onHand: -1 }]);
    expect((await w.verify()).ok).toBe(true);
  });

  it("403 for another's organization, 403 NOT_A_MEMBER, 401 anonymous, 400 field errors: none writes anything", async () => {
    const w = await world();
    const outsider = await newMember(h.api);
    const outsiderOrg = await newOrg(outsider);
    const before = await fingerprint(h.app.db.prisma);
    expectError(await w.post(w.clinic, { action: "produce", quantity: 1, provider: w.makerOrg.id }), 403, "FORBIDDEN", ["provider"]);
    expectError(await w.post(outsider, { action: "produce", quantity: 1, provider: outsiderOrg.id }), 403, "NOT_A_MEMBER");
    expectError(await h.api.post(`/boards/${w.slug}/ledger/events`, { action: "produce", quantity: 1, provider: w.makerOrg.id, resourceSpecId: w.spec.id }), 401, "UNAUTHENTICATED");
    const p = w.makerOrg.id;
    expectError(await w.post(w.maker, { action: "steal", quantity: 1, provider: p }), 400, "VALIDATION_FAILED", ["action"]);
    expectError(await w.post(w.maker, { action: "produce", quantity: 1.5, provider: p }), 400, "VALIDATION_FAILED", ["quantity"]);
    expectError(await w.post(w.maker, { action: "produce", quantity: -1, provider: p }), 400, "VALIDATION_FAILED", ["quantity"]);
    expectError(await w.post(w.maker, { action: "transfer", quantity: 1, provider: p }), 400, "VALIDATION_FAILED", ["receiver"]);
    expectError(await w.post(w.maker, { action: "produce", quantity: 1, provider: p, receiver: w.clinicOrg.id }), 400, "VALIDATION_FAILED", ["receiver"]);
    expectError(await w.post(w.maker, { action: "move", quantity: 1, provider: p, location: HERE }), 400, "VALIDATION_FAILED", ["toLocation"]);
    expectError(await w.post(w.maker, { action: "produce", quantity: 1, provider: p, resourceSpecId: "00000000-0000-4000-8000-000000000000" }), 400, "VALIDATION_FAILED", ["resourceSpecId"]);
    expectError(await w.post(w.maker, { action: "transfer", quantity: 1, provider: p, receiver: "00000000-0000-4000-8000-000000000000" }), 400, "VALIDATION_FAILED", ["receiver"]);
    expectError(await w.post(w.maker, { action: "produce", quantity: 1, provider: p, occurredAt: new Date(Date.now() + 86_400_000).toISOString() }), 400, "VALIDATION_FAILED", ["occurredAt"]);
    expectError(await w.post(w.maker, { action: "produce", quantity: 1, provider: p, corrects: "00000000-0000-4000-8000-000000000000" }), 400, "VALIDATION_FAILED", ["corrects"]);
    expectError(await w.post(w.maker, { action: "produce", quantity: 1, provider: p, claimId: "00000000-0000-4000-8000-000000000000" }), 400, "VALIDATION_FAILED", ["claimId"]);
    expectError(await h.api.get(`/boards/${w.slug}/ledger/events?after=-1`), 400, "VALIDATION_FAILED", ["after"]);
    expectError(await h.api.get(`/boards/${w.slug}/inventory?agent=nope`), 400, "VALIDATION_FAILED", ["agent"]);
    expect(changedTables(before, await fingerprint(h.app.db.prisma))).toEqual([]);
  });

  it("a members-only board's ledger, verify and inventory answer 404 to outsiders and 200 to members", async () => {
    const w = await world({ visibility: "members" });
    await w.record(w.maker, { action: "produce", quantity: 2, provider: w.makerOrg.id });
    const outsider = await newMember(h.api);
    for (const path of ["ledger/events", "ledger/verify", "inventory"]) {
      expectError(await h.api.get(`/boards/${w.slug}/${path}`), 404, "NOT_FOUND");
      expectError(await outsider.api.get(`/boards/${w.slug}/${path}`), 404, "NOT_FOUND");
      expectStatus(await w.maker.api.get(`/boards/${w.slug}/${path}`), 200);
    }
    expectError(await w.post(outsider, { action: "produce", quantity: 1, provider: w.makerOrg.id }), 404, "NOT_FOUND");
  });

  it("the table refuses UPDATE and DELETE; a row changed behind the trigger's back is found by verify", async () => {
    const w = await world();
    const events: any[] = [];
    for (const q of [5, 3, 2]) events.push(await w.record(w.maker, { action: "produce", quantity: q, provider: w.makerOrg.id }));
    const prisma = h.app.db.prisma;
    await expect(prisma.$executeRawUnsafe(`UPDATE economic_events SET note = 'edited' WHERE id = '${events[1].id}'`)).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe(`DELETE FROM economic_events WHERE id = '${events[2].id}'`)).rejects.toThrow(/append-only/);
    expect(await w.verify()).toEqual({ ok: true, count: 3, headHash: events[2].hash });

    // How a test tampers: triggers off for one transaction (`session_replication_role = replica`, which
    // only a superuser may set; the test databases' owner is one), then a direct UPDATE.
    await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
      await tx.$executeRawUnsafe(`UPDATE economic_events SET quantity = 30 WHERE id = '${events[1].id}'`);
    });
    expect(await w.verify()).toEqual({ ok: false, count: 1, headHash: events[0].hash, brokenAt: { seq: 2, eventId: events[1].id, reason: "content" } });

    // Put it back, then remove the last row instead: the head the ledger recorded finds that.
    await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
      await tx.$executeRawUnsafe(`UPDATE economic_events SET quantity = 3 WHERE id = '${events[1].id}'`);
      await tx.$executeRawUnsafe(`DELETE FROM economic_events WHERE id = '${events[2].id}'`);
    });
    expect(await w.verify()).toMatchObject({ ok: false, count: 2, brokenAt: { seq: 3, reason: "head" } });
  });

  it("racing appends never fork the chain: gap-free seqs, verify ok, and stock never oversold", async () => {
    const w = await world();
    const more = await Promise.all([newMember(h.api, { boards: [w.slug] }), newMember(h.api, { boards: [w.slug] })]);
    const orgs = await Promise.all(more.map((m) => newOrg(m)));
    await w.record(w.maker, { action: "produce", quantity: 10, provider: w.makerOrg.id });
    const racers = [
      ...Array.from({ length: 20 }, () => w.post(w.maker, { action: "consume", quantity: 1, provider: w.makerOrg.id })),
      ...more.flatMap((m, i) => Array.from({ length: 10 }, () => w.post(m, { action: "produce", quantity: 1, provider: orgs[i]!.id }))),
    ];
    const answers = await Promise.all(racers);
    const consumed = answers.slice(0, 20);
    expect(consumed.filter((a) => a.status === 201)).toHaveLength(10);
    for (const a of consumed.filter((x) => x.status !== 201)) expectError(a, 409, "INSUFFICIENT_STOCK");
    for (const a of answers.slice(20)) expectStatus(a, 201);

    const list = await h.api.get(`/boards/${w.slug}/ledger/events?limit=1000`);
    expect(list.body.items.map((e: any) => e.seq)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(await w.verify()).toMatchObject({ ok: true, count: 31 });
    const onHand = Object.fromEntries((await w.inventory()).map((i: any) => [i.agent.id, i.onHand]));
    expect(onHand).toEqual({ [orgs[0]!.id]: 10, [orgs[1]!.id]: 10 }); // the maker's went to zero: not listed
  });

  it("property (database-backed): stock equals the fold of the recorded events; verify finds any altered row", async () => {
    const w = await world({ unit: "kg" });
    const other = { id: w.clinicOrg.id };
    const places = [null, HERE, THERE];
    const step = fc.record({
      action: fc.constantFrom("produce", "consume", "transfer", "transferCustody", "move", "raise", "lower", "work"),
      quantity: fc.integer({ min: 1, max: 5000 }).map((t) => t / 1000),
      at: fc.nat(2),
      to: fc.nat(2),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), fc.nat(), async (steps, pick) => {
        const slug = (await newBoard(h.api, {})).slug; // a fresh board per run keeps the chains apart
        await w.maker.api.post(`/boards/${slug}/members`);
        const accepted: EffectInput[] = [];
        const recorded: any[] = [];
        for (const s of steps) {
          const location = places[s.at] ?? null;
          let toLocation = s.action === "move" || s.action.startsWith("transfer") ? (places[s.to] ?? null) : null;
          if (s.action === "move" && locationKey(toLocation) === locationKey(location)) toLocation = places[(s.to + 1) % 3] ?? HERE;
          if (s.action === "move" && !toLocation) toLocation = location === HERE ? THERE : HERE;
          const twoSided = s.action.startsWith("transfer") || s.action === "work";
          const r = await w.maker.api.post(`/boards/${slug}/ledger/events`, {
            resourceSpecId: w.spec.id, action: s.action, quantity: s.quantity, provider: w.makerOrg.id,
            ...(twoSided ? { receiver: other.id } : {}), ...(location ? { location } : {}), ...(toLocation ? { toLocation } : {}),
          });
          if (r.status === 409) continue;
          expectStatus(r, 201);
          recorded.push(r.body);
          accepted.push({ action: s.action as any, resourceSpecId: w.spec.id, quantity: s.quantity, providerId: r.body.provider.id, receiverId: r.body.receiver.id, location, toLocation });
        }
        const fold = foldStock(accepted);
        const items = (await h.api.get(`/boards/${slug}/inventory`)).body.items;
        const fromApi = new Map(items.map((i: any) => [stockKey({ agentId: i.agent.id, resourceSpecId: i.resourceSpec.id, locationKey: locationKey(i.location) }), { onHand: Math.round(i.onHand * 1000), accounting: Math.round(i.accounting * 1000) }]));
        const nonZero = new Map([...fold].filter(([, v]) => v.onHand !== 0 || v.accounting !== 0));
        expect(fromApi).toEqual(nonZero);
        for (const v of nonZero.values()) expect(v.onHand).toBeGreaterThanOrEqual(0);
        if (recorded.length === 0) return;
        expect((await h.api.get(`/boards/${slug}/ledger/verify`)).body).toMatchObject({ ok: true, count: recorded.length });
        const victim = recorded[pick % recorded.length];
        await h.app.db.prisma.$transaction(async (tx) => {
          await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
          await tx.$executeRawUnsafe(`UPDATE economic_events SET note = 'rewritten' WHERE id = '${victim.id}'`);
        });
        expect((await h.api.get(`/boards/${slug}/ledger/verify`)).body.brokenAt).toEqual({ seq: victim.seq, eventId: victim.id, reason: "content" });
      }),
      { numRuns: 4 },
    );
  });
});
