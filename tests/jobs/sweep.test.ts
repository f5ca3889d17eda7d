// The sweep keeps the board true without anyone cleaning it: evaporated signals expire, quiet claims lapse
// and give their quantity back. Time is a mutable clock handed to the app, and the sweep is called directly.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, DB_KINDS, type TestApp } from "../support/server";
import { ApiClient, newMember, newSpec } from "../support/api-client";
import { closeAllClients, connectClient, eventsFromApi, newBoard, waitUntil } from "../support/socket";
import { sweep } from "../../server/services/sweep";
import { deleteOldSignInLimits } from "../../server/services/sign-in-limiter";
import type { BoardEventDto } from "../../server/domain/dto";

type Member = Awaited<ReturnType<typeof newMember>>;
const HOUR = 3_600_000;
// 168 h half-life, expiry below 0.05 freshness: 168 × log2(20) ≈ 726.1 h after the last refresh.
const EVAPORATES_AFTER_H = 168 * Math.log2(20);

describe.each(DB_KINDS)("background sweep on %s", (kind) => {
  let app: TestApp;
  let api: ApiClient;
  let owner: Member;
  let maker: Member;
  let maker2: Member;
  let specId: string;
  let clock = new Date();
  const advanceTo = (t0: Date, hours: number) => (clock = new Date(t0.getTime() + hours * HOUR));

  beforeAll(async () => {
    // The sweep looks at every board: this app's database (fresh, in memory or its own cluster) is its own.
    app = await startTestApp(kind, { now: () => clock });
    api = new ApiClient(app.url);
    owner = await newMember(api);
    maker = await newMember(api);
    maker2 = await newMember(api);
    specId = (await newSpec(owner.api)).id;
  });
  afterEach(() => closeAllClients());
  afterAll(() => app?.stop());

  async function board() {
    const slug = await newBoard(owner.api);
    for (const m of [maker, maker2]) expect((await m.api.post(`/boards/${slug}/members`)).status).toBe(201);
    return slug;
  }
  async function postNeed(slug: string, quantity: number) {
    const r = await owner.api.post(`/boards/${slug}/signals`, { kind: "need", resourceSpecId: specId, quantity });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id as string;
  }
  async function claim(by: Member, signalId: string, quantity: number, extra: Record<string, unknown> = {}) {
    const r = await by.api.post(`/signals/${signalId}/claims`, { quantity, ...extra });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id as string;
  }
  const signal = async (id: string) => (await api.get(`/signals/${id}`)).body;
  const claimStatus = async (signalId: string, claimId: string) =>
    (await signal(signalId)).claims.find((c: { id: string }) => c.id === claimId)?.status;
  const eventsOf = async (slug: string, type: string): Promise<BoardEventDto[]> =>
    (await eventsFromApi(api, slug)).events.filter((e) => e.type === type);

  it("expires a need left unrefreshed past evaporation (actor null, streamed live); a refreshed one stays", async () => {
    const slug = await board();
    const t0 = clock;
    const stale = await postNeed(slug, 10);
    const kept = await postNeed(slug, 10);
    advanceTo(t0, 400);
    expect((await owner.api.post(`/signals/${kept}/refresh`)).status).toBe(200);
    const watcher = await connectClient(app.url);
    expect((await watcher.join({ slug })).ok).toBe(true);

    advanceTo(t0, EVAPORATES_AFTER_H - 1);
    await sweep(app.ctx);
    expect((await signal(stale)).status).toBe("open");
    expect(await eventsOf(slug, "signal.expired")).toEqual([]);

    advanceTo(t0, EVAPORATES_AFTER_H + 1);
    const result = await sweep(app.ctx);
    expect(result.expired).toBeGreaterThanOrEqual(1);
    expect((await signal(stale)).status).toBe("expired");
    expect((await signal(kept)).status).toBe("open");

    const expired = await eventsOf(slug, "signal.expired");
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ actor: null, at: clock.toISOString(), data: { signal: { id: stale, status: "expired" }, reason: "evaporated" } });
    await waitUntil(() => watcher.events.some((e) => e.type === "signal.expired"), 10_000, () => "signal.expired on the socket");
    expect(watcher.events.find((e) => e.type === "signal.expired")).toEqual(expired[0]);
  });

  it("expires an offer once its availability has ended, saying why; a request past its due date stays open", async () => {
    const slug = await board();
    const t0 = clock;
    const at = (h: number) => new Date(t0.getTime() + h * HOUR).toISOString();
    const post = async (body: Record<string, unknown>) => {
      const r = await owner.api.post(`/boards/${slug}/signals`, { resourceSpecId: specId, quantity: 3, ...body });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.id as string;
    };
    const ending = await post({ kind: "stock", availableUntil: at(10) });
    const lasting = await post({ kind: "capacity", availableUntil: at(100) });
    const due = await post({ kind: "need", dueAt: at(10) });
    const watcher = await connectClient(app.url);
    expect((await watcher.join({ slug })).ok).toBe(true);

    advanceTo(t0, 9.9);
    expect((await sweep(app.ctx)).expired).toBe(0);
    expect((await signal(ending)).status).toBe("open");

    advanceTo(t0, 10);
    expect((await sweep(app.ctx)).expired).toBe(1);
    expect(await Promise.all([ending, lasting, due].map(async (id) => (await signal(id)).status))).toEqual(["expired", "open", "open"]);
    const expired = await eventsOf(slug, "signal.expired");
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ actor: null, data: { signal: { id: ending, status: "expired", intensity: 0 }, reason: "availability_ended" } });
    await waitUntil(() => watcher.events.some((e) => e.type === "signal.expired"), 10_000, () => "signal.expired on the socket");
    const r = await maker.api.post(`/signals/${ending}/claims`, { quantity: 1 });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("SIGNAL_NOT_OPEN");
    expect(await sweep(app.ctx)).toEqual({ expired: 0, lapsed: 0 });
  });

  it("brings an expired signal back to open when its owner (and only its owner) refreshes it", async () => {
    const slug = await board();
    const t0 = clock;
    const id = await postNeed(slug, 5);
    advanceTo(t0, EVAPORATES_AFTER_H + 1);
    await sweep(app.ctx);
    expect((await signal(id)).status).toBe("expired");

    expect((await maker.api.post(`/signals/${id}/refresh`)).status).toBe(403);
    const r = await owner.api.post(`/signals/${id}/refresh`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: "open", refreshedAt: clock.toISOString() });
    expect(r.body.intensityParts.freshness).toBe(1);

    await sweep(app.ctx);
    expect((await signal(id)).status).toBe("open");
    expect((await eventsOf(slug, "signal.refreshed")).at(-1)).toMatchObject({ actor: { id: owner.id }, data: { signal: { status: "open" } } });
  });

  it("lapses a claim quiet for 72 h and returns its quantity; one that progressed in the window stays", async () => {
    const slug = await board();
    const t0 = clock;
    const id = await postNeed(slug, 10);
    const quiet = await claim(maker, id, 4);
    const busy = await claim(maker2, id, 6);
    expect((await signal(id)).status).toBe("claimed");
    advanceTo(t0, 50);
    expect((await maker2.api.post(`/claims/${busy}/transition`, { to: "in_progress" })).status).toBe(200);

    advanceTo(t0, 71);
    await sweep(app.ctx);
    expect(await claimStatus(id, quiet)).toBe("claimed");
    expect(await eventsOf(slug, "claim.lapsed")).toEqual([]);

    advanceTo(t0, 73);
    const result = await sweep(app.ctx);
    expect(result.lapsed).toBeGreaterThanOrEqual(1);
    expect(await claimStatus(id, quiet)).toBe("lapsed");
    expect(await claimStatus(id, busy)).toBe("in_progress");
    expect(await signal(id)).toMatchObject({ status: "open", claimedQuantity: 6, remainingQuantity: 4 });
    const lapsed = await eventsOf(slug, "claim.lapsed");
    expect(lapsed).toHaveLength(1);
    expect(lapsed[0]).toMatchObject({
      actor: null,
      data: { claim: { id: quiet, status: "lapsed" }, returned: 4, signal: { id, remainingQuantity: 4 } },
    });

    // The in-progress claim lapses in its turn, 72 h after its last progress.
    advanceTo(t0, 50 + 71);
    await sweep(app.ctx);
    expect(await claimStatus(id, busy)).toBe("in_progress");
    advanceTo(t0, 50 + 73);
    await sweep(app.ctx);
    expect(await claimStatus(id, busy)).toBe("lapsed");
    expect(await signal(id)).toMatchObject({ status: "open", claimedQuantity: 0, remainingQuantity: 10 });
  });

  it("does not lapse a claim promised for later before its promised date", async () => {
    const slug = await board();
    const t0 = clock;
    const id = await postNeed(slug, 5);
    const promisedAt = new Date(t0.getTime() + 200 * HOUR).toISOString();
    const promised = await claim(maker, id, 5, { promisedAt });
    for (const h of [73, 150, 199.5]) {
      advanceTo(t0, h);
      await sweep(app.ctx);
      expect(await claimStatus(id, promised), `at ${h} h`).toBe("claimed");
    }
    // Once the promised date has passed and the claim stayed quiet, it lapses like any other.
    advanceTo(t0, 200 + 73);
    await sweep(app.ctx);
    expect(await claimStatus(id, promised)).toBe("lapsed");
    expect(await signal(id)).toMatchObject({ remainingQuantity: 5 });
  });

  it("running the sweep twice changes nothing the second time", async () => {
    const slug = await board();
    const t0 = clock;
    const expiring = await postNeed(slug, 3);
    const partlyClaimed = await postNeed(slug, 10);
    await claim(maker, partlyClaimed, 4);
    const fresh = await postNeed(slug, 2);
    advanceTo(t0, EVAPORATES_AFTER_H - 10);
    expect((await owner.api.post(`/signals/${fresh}/refresh`)).status).toBe(200);

    advanceTo(t0, EVAPORATES_AFTER_H + 1);
    const first = await sweep(app.ctx);
    expect(first.expired).toBeGreaterThanOrEqual(2);
    expect(first.lapsed).toBeGreaterThanOrEqual(1);
    const after1 = await eventsFromApi(api, slug);
    const states1 = await Promise.all([expiring, partlyClaimed, fresh].map(signal));
    expect(states1.map((s) => s.status)).toEqual(["expired", "expired", "open"]);

    expect(await sweep(app.ctx)).toEqual({ expired: 0, lapsed: 0 });
    expect(await eventsFromApi(api, slug)).toEqual(after1);
    expect(await Promise.all([expiring, partlyClaimed, fresh].map(signal))).toEqual(states1);
  });

  it("reaches its fixed point in one run when a lapse reopens a fully claimed signal that has evaporated", async () => {
    const slug = await board();
    const t0 = clock;
    const id = await postNeed(slug, 4);
    const c = await claim(maker, id, 4);
    expect((await signal(id)).status).toBe("claimed"); // fully claimed: not open, so not considered for expiry
    advanceTo(t0, EVAPORATES_AFTER_H + 1);

    await sweep(app.ctx);
    expect(await claimStatus(id, c)).toBe("lapsed");
    const states1 = await signal(id);
    const log1 = await eventsFromApi(api, slug);
    // The claim lapsed, so the signal is open again, yet it has not been refreshed for 727 h: the same
    // run should expire it too, and a second run must find nothing left to do.
    expect(await sweep(app.ctx)).toEqual({ expired: 0, lapsed: 0 });
    expect(await eventsFromApi(api, slug)).toEqual(log1);
    expect(await signal(id)).toEqual(states1);
  });

  it("deletes sign-in failure counters an hour after their window, and keeps recent ones", async () => {
    const t0 = new Date();
    clock = t0;
    const m = await newMember(api);
    for (let i = 0; i < 3; i++) expect((await api.post("/tokens", { email: m.email, password: `wrong-${i}-password` })).status).toBe(401);
    const counters = () => app.ctx.prisma.signInLimit.count();
    const before = await counters();
    expect(before).toBeGreaterThan(0);
    expect(await deleteOldSignInLimits(app.ctx)).toBe(0);
    advanceTo(t0, 2);
    expect(await deleteOldSignInLimits(app.ctx)).toBe(before);
    expect(await counters()).toBe(0);
    clock = new Date();
  });
});
