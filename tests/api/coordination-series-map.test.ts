// The coordinator's charts and map through the real API on both databases: a small hand-built network
// with ledger events across four weeks, rated capacity booked next week, a need delivered in part, and
// the figures a coordinator would read off the charts and the map; members-only boards stay hidden
// from outsiders; bad input is a 400 with a stable code.
import { describe, expect, it } from "vitest";
import { weekKeyOf } from "../../server/domain/capacity-calendar";
import { DB_KINDS } from "../support/server";
import { expectError, expectStatus, newBoard, newMember, useApp, type Member } from "../support/fixtures";

const DAY = 24 * 3_600_000;
const at = (days: number) => new Date(Date.now() + days * DAY);
const BERLIN = { name: "Kreuzberg, Berlin", lat: 52.4986, lng: 13.4103 };
const LYON = { name: "Gerland, Lyon", lat: 45.7312, lng: 4.8321 };

async function newOrg(m: Member, name: string, location: object) {
  const r = await m.api.post("/organizations", { name, kind: "makerspace", location });
  expectStatus(r, 201);
  return r.body as { id: string; name: string };
}

describe.each(DB_KINDS)("coordination series and map on %s", (kind) => {
  const h = useApp(kind);

  async function network() {
    const b = await newBoard(h.api, { members: 1 });
    const [maker, clinic] = [b.steward, b.members[0]!];
    const makerOrg = await newOrg(maker, "Kreuzberg Makerspace", BERLIN);
    const clinicOrg = await newOrg(clinic, "Gerland Clinic", LYON);
    const post = async (m: Member, path: string, body: object) => {
      const r = await m.api.post(path, body);
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
      return r.body;
    };
    const record = (body: object) => post(maker, `/boards/${b.slug}/ledger/events`, { resourceSpecId: b.spec.id, provider: makerOrg.id, location: BERLIN, ...body });
    // Opening stock five weeks ago, more made two weeks ago, some used last week, 20 sent to the clinic now.
    await record({ action: "produce", quantity: 100, occurredAt: at(-35).toISOString() });
    await record({ action: "produce", quantity: 10, occurredAt: at(-14).toISOString() });
    await record({ action: "consume", quantity: 30, occurredAt: at(-7).toISOString() });
    await record({ action: "transfer", quantity: 20, receiver: clinicOrg.id, toLocation: LYON });
    // The clinic needs 50 next week; the maker delivers 15 of them now (a delivery linked to the claim).
    const need = await post(clinic, `/boards/${b.slug}/signals`, {
      kind: "need", resourceSpecId: b.spec.id, quantity: 50, title: "Visors for the ward", onBehalfOf: clinicOrg.id, location: LYON, dueAt: at(7).toISOString(),
    });
    const claim = await post(maker, `/signals/${need.id}/claims`, { quantity: 15, onBehalfOf: makerOrg.id });
    await post(maker, `/claims/${claim.id}/transition`, { to: "shipped" });
    await post(clinic, `/claims/${claim.id}/transition`, { to: "delivered" });
    // An order due far beyond the weeks shown counts nowhere; a need without any place is not on the map.
    await post(clinic, `/boards/${b.slug}/signals`, { kind: "order", resourceSpecId: b.spec.id, quantity: 9, title: "Later", dueAt: at(200).toISOString() });
    await post(clinic, `/boards/${b.slug}/signals`, { kind: "need", resourceSpecId: b.spec.id, quantity: 3, title: "Nowhere" });
    // 40 a week of capacity in Berlin until three weeks from now; 25 of next week booked.
    const capacity = await post(maker, `/boards/${b.slug}/signals`, {
      kind: "capacity", resourceSpecId: b.spec.id, quantity: 160, title: "Visor line", onBehalfOf: makerOrg.id, availableUntil: at(21).toISOString(), rate: { quantity: 40, period: "week" },
    });
    await post(clinic, `/signals/${capacity.id}/claims`, { bookings: [{ week: weekKeyOf(at(7)), quantity: 25 }] });
    return { ...b, maker, clinic, makerOrg, clinicOrg, need, capacity };
  }

  it("counts stock at each week's end, booked and free capacity, and demand met against due, per week and region", async () => {
    const n = await network();
    const weeks = [-14, -7, 0, 7].map((d) => weekKeyOf(at(d)));
    const r = await h.api.get(`/coordination/series?boards=${n.slug}&weeks=4`);
    expectStatus(r, 200);
    expect(r.body).toMatchObject({ boards: [n.slug], weeks, currentWeek: weeks[2] });
    expect(r.body.series).toHaveLength(1);
    const s = r.body.series[0];
    expect(s.resourceSpec).toEqual({ id: n.spec.id, name: n.spec.name, unit: "each" });
    const col = (k: string) => s.points.map((p: any) => p[k]);
    expect(col("week")).toEqual(weeks);
    // Transfers between counted organizations move stock, they do not change the total.
    expect(col("stockOnHand")).toEqual([110, 80, 80, 80]);
    expect(col("capacity")).toEqual([0, 0, 40, 40]);
    expect(col("booked")).toEqual([0, 0, 0, 25]);
    expect(col("free")).toEqual([0, 0, 40, 15]);
    expect(col("demandDue")).toEqual([0, 0, 0, 50]);
    expect(col("demandMet")).toEqual([0, 0, 15, 0]);

    // In Berlin the stock that left for Lyon is gone; Lyon received it, and the need is Lyon's.
    const region = async (name: string) => (await h.api.get(`/coordination/series?boards=${n.slug}&weeks=4&region=${encodeURIComponent(name)}`)).body.series[0].points;
    const berlin = await region(" KREUZBERG,  berlin ");
    expect(berlin.map((p: any) => p.stockOnHand)).toEqual([110, 80, 45, 45]);
    expect(berlin.map((p: any) => [p.free, p.demandDue, p.demandMet])).toEqual([[0, 0, 0], [0, 0, 0], [40, 0, 0], [15, 0, 0]]);
    const lyon = await region("Gerland, Lyon");
    expect(lyon.map((p: any) => [p.stockOnHand, p.capacity, p.demandDue, p.demandMet])).toEqual([[0, 0, 0, 0], [0, 0, 0, 0], [35, 0, 0, 15], [35, 0, 50, 0]]);

    // One resource asked for by id is shown even with nothing to count; the default is 8 weeks.
    const other = (await n.steward.api.post("/resource-specs", { name: `Idle ${n.slug}`, unit: "kg" })).body;
    const idle = (await h.api.get(`/coordination/series?boards=${n.slug}&resource=${other.id}`)).body;
    expect(idle.weeks).toHaveLength(8);
    expect(idle.series).toHaveLength(1);
    expect(idle.series[0].points.every((p: any) => p.stockOnHand === 0 && p.demandDue === 0)).toBe(true);
  });

  it("maps the organizations taking part and the open signals with a place, newest first, filtered by region", async () => {
    const n = await network();
    const r = await h.api.get(`/coordination/map?boards=${n.slug}`);
    expectStatus(r, 200);
    expect(r.body.truncated).toBe(false);
    expect(r.body.limits).toEqual({ organizations: 500, signals: 2000 });
    expect(r.body.organizations.map((o: any) => o.name).sort()).toEqual(["Gerland Clinic", "Kreuzberg Makerspace"]);
    expect(r.body.organizations.find((o: any) => o.id === n.makerOrg.id).location).toEqual(BERLIN);
    // The capacity (placed by its organization) is newest; the need keeps its own place; "Later" and
    // "Nowhere" have no place at all.
    expect(r.body.signals).toEqual([
      { id: n.capacity.id, kind: "capacity", title: "Visor line", remainingQuantity: 135, unit: "each", board: n.slug, location: BERLIN },
      { id: n.need.id, kind: "need", title: "Visors for the ward", remainingQuantity: 35, unit: "each", board: n.slug, location: LYON },
    ]);
    const lyon = (await h.api.get(`/coordination/map?boards=${n.slug}&region=gerland,%20lyon`)).body;
    expect(lyon.organizations.map((o: any) => o.id)).toEqual([n.clinicOrg.id]);
    expect(lyon.signals.map((s: any) => s.id)).toEqual([n.need.id]);
    const otherResource = (await h.api.get(`/coordination/map?boards=${n.slug}&resource=${crypto.randomUUID()}`)).body;
    expect(otherResource).toMatchObject({ organizations: [], signals: [] });
  });

  it("shows a members-only board to its members and answers 404 to everyone else; bad input is 400", async () => {
    const b = await newBoard(h.api, { visibility: "members" });
    const org = await newOrg(b.steward, "Hidden Hub", BERLIN);
    await b.steward.api.post(`/boards/${b.slug}/signals`, { kind: "need", resourceSpecId: b.spec.id, quantity: 5, title: "Secret", onBehalfOf: org.id, dueAt: at(2).toISOString() });
    const outsider = await newMember(h.api);
    for (const path of [`/coordination/series?boards=${b.slug}`, `/coordination/map?boards=${b.slug}`]) {
      expectError(await h.api.get(path), 404, "NOT_FOUND");
      expectError(await outsider.api.get(path), 404, "NOT_FOUND");
      expectStatus(await b.steward.api.get(path), 200);
    }
    // Signed in without naming boards: the viewer's own boards, which for the outsider hold nothing of it.
    expect((await outsider.api.get("/coordination/map")).body).toMatchObject({ organizations: [], signals: [] });
    const mine = (await b.steward.api.get("/coordination/map")).body;
    expect(mine.signals.map((s: any) => s.title)).toEqual(["Secret"]);
    const points = (await b.steward.api.get("/coordination/series")).body.series[0].points;
    expect(points.find((p: any) => p.week === weekKeyOf(at(2))).demandDue).toBe(5);

    expectError(await h.api.get("/coordination/series"), 400, "VALIDATION_FAILED");
    for (const weeks of ["0", "53", "two"]) expectError(await h.api.get(`/coordination/series?boards=commons&weeks=${weeks}`), 400, "VALIDATION_FAILED", ["weeks"]);
    expectError(await h.api.get("/coordination/map?boards=commons&resource=visors"), 400, "VALIDATION_FAILED", ["resource"]);
    expectError(await h.api.get("/coordination/map?boards=NOT_A_SLUG"), 400, "VALIDATION_FAILED");
  });
});
