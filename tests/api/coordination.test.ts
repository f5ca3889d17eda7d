// The coordinator's view through the real API on both databases: a small hand-built network (two regions,
// two resources, a rated capacity with a booking, stock, a partly delivered need, a claim that misses its
// promise, a stock signal the ledger contradicts) gives the figures a coordinator would work out by hand;
// members-only boards stay hidden from outsiders; bad filters are 400 and change nothing.
import { describe, expect, it } from "vitest";
import { weekKeyOf } from "../../server/domain/capacity-calendar";
import { supplyWindow } from "../../server/domain/coordination-gaps";
import { DB_KINDS } from "../support/server";
import { changedTables, fingerprint } from "../support/db-state";
import { expectError, expectStatus, hoursFromNow, newBoard, newMember, newMembers, newSpec, postSignal, useApp } from "../support/fixtures";

const BERLIN = { name: "Berlin", lat: 52.52, lng: 13.4 };

describe.each(DB_KINDS)("the coordinator's view on %s", (kind) => {
  // The server's clock runs `shift` ms ahead of the test's, so a claim's promise can pass without waiting.
  let shift = 0;
  const h = useApp(kind, { now: () => new Date(Date.now() + shift) });

  async function network() {
    const board = await newBoard(h.api);
    const { slug, steward } = board;
    const shields = board.spec;
    const gowns = await newSpec(steward.api, `Gown ${slug}`, "each");
    const [maker, workshop, hub] = await newMembers(h.api, slug, 3);

    // Berlin, shields: a need of 100, 30 delivered, 30 more claimed with a promise one minute away.
    const need = await postSignal(steward, slug, { kind: "need", resourceSpecId: shields.id, quantity: 100, title: "Shields for Charité", location: BERLIN });
    const delivered = (await maker!.api.post(`/signals/${need.id}/claims`, { quantity: 30 })).body;
    expectStatus(await steward.api.post(`/claims/${delivered.id}/transition`, { to: "delivered" }), 200);
    const promised = await maker!.api.post(`/signals/${need.id}/claims`, { quantity: 30, promisedAt: new Date(Date.now() + shift + 60_000).toISOString() });
    expectStatus(promised, 201);
    // ...a workshop's 50 a week, 20 of this week booked; and 15 shields in stock.
    const rated = await postSignal(workshop!, slug, {
      kind: "capacity", resourceSpecId: shields.id, quantity: 500, title: "Shields, 50 a week", location: BERLIN,
      availableUntil: hoursFromNow(24 * 7 * 4), rate: { quantity: 50, period: "week" },
    });
    const bookedWeek = weekKeyOf(new Date(Date.now() + shift));
    expectStatus(await maker!.api.post(`/signals/${rated.id}/claims`, { bookings: [{ week: bookedWeek, quantity: 20 }] }), 201);
    await postSignal(maker!, slug, { kind: "stock", resourceSpecId: shields.id, quantity: 15, title: "Spare shields", location: BERLIN });

    // Lyon, gowns: a need of 200 due in two days, nobody on it; a hub's stock of 50 placed by the hub's own
    // address, while the hub's ledger shows 20 on hand.
    const org = await hub!.api.post("/organizations", { name: `Hub ${slug}`, kind: "hub", location: { name: "Lyon", lat: 45.76, lng: 4.84 } });
    expectStatus(org, 201);
    const gownNeed = await postSignal(steward, slug, { kind: "need", resourceSpecId: gowns.id, quantity: 200, title: "Gowns for HCL", location: { name: "lyon", lat: 45.7, lng: 4.8 }, dueAt: hoursFromNow(48) });
    const hubStock = await postSignal(hub!, slug, { kind: "stock", resourceSpecId: gowns.id, quantity: 50, title: "Gowns at the hub", onBehalfOf: org.body.id });
    expectStatus(await hub!.api.post(`/boards/${slug}/ledger/events`, { action: "produce", resourceSpecId: gowns.id, quantity: 20, provider: org.body.id }), 201);

    // What the workshop's week figures should be, whatever day of the week the test runs.
    const w = supplyWindow(new Date(Date.now() + shift));
    const freeCapacity = [w.current, w.next].reduce((sum, week) => sum + (week === bookedWeek ? 30 : 50), 0);
    return { slug, steward, maker: maker!, shields, gowns, need, promised: promised.body, gownNeed, hubStock, freeCapacity };
  }

  it("gives open demand, free supply and the gap per resource and region, largest gap first, with the heat map", async () => {
    const n = await network();
    const res = await h.api.get(`/coordination/gaps?boards=${n.slug}`);
    expectStatus(res, 200);
    const body = res.body;
    expect(body.boards).toEqual([expect.objectContaining({ slug: n.slug, visibility: "public", lastSeq: expect.any(Number) })]);
    expect(body.unitRule).toMatch(/one unit/);
    expect(body.rows).toEqual([
      {
        resourceSpec: { id: n.gowns.id, name: n.gowns.name, unit: "each" },
        region: { key: "lyon", name: "Lyon" },
        demand: { open: 200, unclaimed: 200, claimedNotDelivered: 0, signals: 1 },
        supply: { capacity: 0, stock: 50, total: 50, signals: 1 },
        gap: 150,
      },
      {
        resourceSpec: { id: n.shields.id, name: n.shields.name, unit: "each" },
        region: { key: "berlin", name: "Berlin" },
        demand: { open: 70, unclaimed: 40, claimedNotDelivered: 30, signals: 1 },
        supply: { capacity: n.freeCapacity, stock: 15, total: n.freeCapacity + 15, signals: 2 },
        gap: 0,
      },
    ]);
    expect(body.heatmap).toEqual({ resources: [body.rows[0].resourceSpec], regions: [{ key: "lyon", name: "Lyon" }], cells: [[150]] });

    const lyon = (await h.api.get(`/coordination/gaps?boards=${n.slug}&region=%20LYON`)).body;
    expect(lyon.rows.map((r: { region: { key: string } }) => r.region.key)).toEqual(["lyon"]);
    expect(lyon.options.regions.map((r: { key: string }) => r.key)).toEqual(["berlin", "lyon"]);
    const shields = (await h.api.get(`/coordination/gaps?boards=${n.slug}&resource=${n.shields.id}`)).body;
    expect(shields.rows.map((r: { resourceSpec: { id: string } }) => r.resourceSpec.id)).toEqual([n.shields.id]);
    expect(shields.heatmap.cells).toEqual([]);
  });

  it("lists what is late or at risk, most urgent first, each with its board, link and reason", async () => {
    const n = await network();
    shift = 2 * 3_600_000 + 60_000; // the promise (one minute ahead) is now two hours past
    try {
      const res = await h.api.get(`/coordination/at-risk?boards=${n.slug}`);
      expectStatus(res, 200);
      expect(res.body.dueWithinDays).toBe(7);
      const items = res.body.items;
      expect(items.map((i: { kind: string; signalId: string; claimId: string | null }) => [i.kind, i.signalId, i.claimId])).toEqual([
        ["claim_late", n.need.id, n.promised.id],
        ["need_unstarted", n.gownNeed.id, null],
        ["stock_mismatch", n.hubStock.id, null],
      ]);
      expect(items[0].board).toEqual({ slug: n.slug, name: `Board ${n.slug}` });
      expect(items[0].hours).toBeCloseTo(-2, 1);
      expect(items[0].reason).toMatch(/past its promised date and still not started/);
      expect(items[1].hours).toBeCloseTo(48 - 2, 0);
      expect(items[1].reason).toBe("200 each still to deliver, nobody has claimed it");
      expect(items[2].reason).toMatch(/^Offers 50 each; Hub .*'s ledger shows 20 each on hand/);

      const berlin = (await h.api.get(`/coordination/at-risk?boards=${n.slug}&region=berlin`)).body.items;
      expect(berlin.map((i: { kind: string }) => i.kind)).toEqual(["claim_late"]);
    } finally {
      shift = 0;
    }
  });

  it("covers the viewer's own boards by default and hides members-only boards from outsiders (404)", async () => {
    const open = await newBoard(h.api);
    const secret = await newBoard(h.api, { visibility: "members" });
    await postSignal(secret.steward, secret.slug, { kind: "need", resourceSpecId: secret.spec.id, quantity: 9, title: "Quiet need" });

    const mine = (await secret.steward.api.get("/coordination/gaps")).body;
    expect(mine.boards.map((b: { slug: string }) => b.slug)).toEqual([secret.slug]);
    expect(mine.rows[0].demand.unclaimed).toBe(9);

    const outsider = await newMember(h.api);
    for (const path of ["gaps", "at-risk"]) {
      expectError(await outsider.api.get(`/coordination/${path}?boards=${secret.slug}`), 404, "NOT_FOUND");
      expectError(await h.api.get(`/coordination/${path}?boards=${open.slug},${secret.slug}`), 404, "NOT_FOUND");
      expectStatus(await h.api.get(`/coordination/${path}?boards=${open.slug}`), 200);
      // Anonymous viewers have no boards of their own: they must name one.
      expectError(await h.api.get(`/coordination/${path}`), 400, "VALIDATION_FAILED");
    }
  });

  it("refuses bad filters with 400 VALIDATION_FAILED naming the field, and writes nothing", async () => {
    const { slug, steward } = await newBoard(h.api);
    const before = await fingerprint(h.app.db.prisma);
    const many = Array.from({ length: 21 }, (_, i) => `b${i}`).join(",");
    for (const path of ["gaps", "at-risk"]) {
      expectError(await steward.api.get(`/coordination/${path}?boards=Not_A_Slug!`), 400, "VALIDATION_FAILED", ["boards.0"]);
      expectError(await steward.api.get(`/coordination/${path}?boards=${many}`), 400, "VALIDATION_FAILED", ["boards"]);
      expectError(await steward.api.get(`/coordination/${path}?boards=${slug}&resource=shields`), 400, "VALIDATION_FAILED", ["resource"]);
      expectError(await steward.api.get(`/coordination/${path}?boards=${slug}&region=${"x".repeat(201)}`), 400, "VALIDATION_FAILED", ["region"]);
    }
    expect(changedTables(before, await fingerprint(h.app.db.prisma))).toEqual([]);
  });
});
