// Races through the real HTTP API: many members with their own tokens claim the last units of one signal
// at once, releases race new claims, and duplicate actions race each other. The sum of live claims never
// exceeds the quantity, losers get consistent errors, and the event log tells the same story, gap-free.
// On both databases.
import { describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/server";
import { allEvents, expectStatus, newBoard, newMember, newMembers, postClaim, postSignal, prng, useApp } from "../support/fixtures";

const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 1000) / 1000;

/** Replays the board's claim events in seq order and checks that claimedQuantity moves by exactly each step. */
function checkEventArithmetic(events: any[], signalId: string, quantity: number) {
  let claimed = 0;
  for (const e of events.filter((x) => x.data?.signal?.id === signalId)) {
    if (e.type === "claim.created") claimed = sum([claimed, e.data.claim.quantity]);
    else if (e.type === "claim.transitioned") claimed = sum([claimed, -e.data.returned]);
    else continue;
    expect(e.data.signal.claimedQuantity, `claimedQuantity after seq ${e.seq} (${e.type})`).toBe(claimed);
    expect(claimed).toBeLessThanOrEqual(quantity);
  }
  return claimed;
}

describe.each(DB_KINDS)("concurrency on %s", (kind) => {
  const h = useApp(kind);

  it("40 members race for 20 units: never over-claimed, losers get OVER_CLAIM with a consistent remaining", async () => {
    const { slug, steward, spec } = await newBoard(h.api);
    const racers = await newMembers(h.api, slug, 40);
    const signal = await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: 20 });
    const seqBefore = (await allEvents(h.api, slug)).lastSeq;
    const rnd = prng(4242);
    const wants = racers.map(() => 1 + Math.floor(rnd() * 3));
    expect(sum(wants)).toBeGreaterThan(20);

    const answers = await Promise.all(racers.map((m, i) => m.api.post(`/signals/${signal.id}/claims`, { quantity: wants[i] })));

    const wins = answers.map((a, i) => ({ a, q: wants[i]! })).filter((x) => x.a.status === 201);
    const losses = answers.map((a, i) => ({ a, q: wants[i]! })).filter((x) => x.a.status !== 201);
    for (const { a } of losses) {
      expect(a.status, JSON.stringify(a.body)).toBe(409);
      expect(a.body.error.code).toBe("OVER_CLAIM");
    }
    const won = sum(wins.map((w) => w.q));
    expect(won).toBeLessThanOrEqual(20);
    expect(wins.length).toBeGreaterThan(0);
    const finalRemaining = 20 - won;
    for (const { a, q } of losses) {
      const r = a.body.error.remaining;
      expect(typeof r).toBe("number");
      expect(r, "a loser asked for more than was left when it was refused").toBeLessThan(q);
      expect(r, "remaining never drops below what is finally left").toBeGreaterThanOrEqual(finalRemaining);
      expect(r).toBeLessThanOrEqual(20);
    }
    // Nobody was refused while their request would still have fit at the end.
    if (losses.length) expect(finalRemaining).toBeLessThan(Math.min(...losses.map((l) => l.q)));
    for (const { a, q } of wins) expect(a.body.quantity).toBe(q);

    const s = (await h.api.get(`/signals/${signal.id}`)).body;
    const live = s.claims.filter((c: any) => ["claimed", "in_progress", "shipped", "delivered"].includes(c.status));
    expect(s.claimedQuantity).toBe(won);
    expect(sum(live.map((c: any) => c.quantity))).toBe(won);
    expect(new Set(live.map((c: any) => c.id))).toEqual(new Set(wins.map((w) => w.a.body.id)));
    expect(s.remainingQuantity).toBe(finalRemaining);
    expect(s.status).toBe(finalRemaining === 0 ? "claimed" : "open");

    const { events, lastSeq } = await allEvents(h.api, slug);
    const fresh = events.filter((e) => e.seq > seqBefore);
    expect(lastSeq).toBe(seqBefore + wins.length);
    expect(fresh.map((e) => e.seq)).toEqual(wins.map((_, i) => seqBefore + i + 1));
    expect(fresh.every((e) => e.type === "claim.created")).toBe(true);
    expect(new Set(fresh.map((e) => e.data.claim.id))).toEqual(new Set(wins.map((w) => w.a.body.id)));
    expect(checkEventArithmetic(events, signal.id, 20)).toBe(won);
  });

  it("releases racing new claims keep the invariant: live claims never exceed the quantity", async () => {
    const { slug, steward, spec } = await newBoard(h.api);
    const holders = await newMembers(h.api, slug, 10);
    const newcomers = await newMembers(h.api, slug, 25);
    const signal = await postSignal(steward, slug, { kind: "order", resourceSpecId: spec.id, quantity: 20 });
    const held: any[] = [];
    for (const m of holders) held.push(await postClaim(m, signal.id, 2));
    expect((await h.api.get(`/signals/${signal.id}`)).body.status).toBe("claimed");
    const seqBefore = (await allEvents(h.api, slug)).lastSeq;
    const rnd = prng(777);
    const wants = newcomers.map(() => 1 + Math.floor(rnd() * 3));

    // Holders 0-3 release fully, 4-5 release 1 of their 2, 6 moves forward; newcomers try to claim meanwhile.
    const moves = [
      ...holders.slice(0, 4).map((m, i) => m.api.post(`/claims/${held[i].id}/transition`, { to: "released" })),
      ...holders.slice(4, 6).map((m, i) => m.api.post(`/claims/${held[i + 4].id}/transition`, { to: "released", quantity: 1 })),
      holders[6]!.api.post(`/claims/${held[6].id}/transition`, { to: "in_progress" }),
    ];
    const claims = newcomers.map((m, i) => m.api.post(`/signals/${signal.id}/claims`, { quantity: wants[i] }));
    const [moved, claimed] = await Promise.all([Promise.all(moves), Promise.all(claims)]);

    for (const a of moved) expectStatus(a, 200);
    const returned = 4 * 2 + 2 * 1;
    const wins = claimed.map((a, i) => ({ a, q: wants[i]! })).filter((x) => x.a.status === 201);
    for (const a of claimed.filter((x) => x.status !== 201)) {
      expect(a.status, JSON.stringify(a.body)).toBe(409);
      expect(a.body.error.code).toBe("OVER_CLAIM");
      expect(a.body.error.remaining).toBeGreaterThanOrEqual(0);
      expect(a.body.error.remaining).toBeLessThanOrEqual(returned);
    }
    const won = sum(wins.map((w) => w.q));
    expect(won).toBeLessThanOrEqual(returned);

    const s = (await h.api.get(`/signals/${signal.id}`)).body;
    const live = s.claims.filter((c: any) => ["claimed", "in_progress", "shipped", "delivered"].includes(c.status));
    expect(s.claimedQuantity).toBe(20 - returned + won);
    expect(sum(live.map((c: any) => c.quantity))).toBe(s.claimedQuantity);
    expect(s.claimedQuantity).toBeLessThanOrEqual(20);
    expect(s.claims.find((c: any) => c.id === held[6].id).status).toBe("in_progress");

    const { events, lastSeq } = await allEvents(h.api, slug);
    expect(lastSeq).toBe(seqBefore + moves.length + wins.length);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(checkEventArithmetic(events, signal.id, 20)).toBe(s.claimedQuantity);
  });

  it("duplicate actions racing each other take effect exactly once", async () => {
    const { slug, steward, members: [maker, fan], spec } = await newBoard(h.api, { members: 2 });
    const joiner = await newMember(h.api);
    const signal = await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: 10 });
    const c = await postClaim(maker!, signal.id, 10);
    const seqBefore = (await allEvents(h.api, slug)).lastSeq;

    const codes = async (ps: Promise<any>[]) => (await Promise.all(ps)).map((r) => (r.status < 300 ? r.status : r.body.error.code)).sort();
    const joins = await codes(Array.from({ length: 6 }, () => joiner.api.post(`/boards/${slug}/members`)));
    expect(joins).toEqual([201, "ALREADY_MEMBER", "ALREADY_MEMBER", "ALREADY_MEMBER", "ALREADY_MEMBER", "ALREADY_MEMBER"]);
    const boosts = await codes(Array.from({ length: 6 }, () => fan!.api.post(`/signals/${signal.id}/reinforce`)));
    expect(boosts).toEqual([200, "ALREADY_REINFORCED", "ALREADY_REINFORCED", "ALREADY_REINFORCED", "ALREADY_REINFORCED", "ALREADY_REINFORCED"]);
    await maker!.api.post(`/claims/${c.id}/transition`, { to: "shipped" });
    const deliveries = await codes(Array.from({ length: 6 }, () => steward.api.post(`/claims/${c.id}/transition`, { to: "delivered" })));
    expect(deliveries).toEqual([200, "INVALID_TRANSITION", "INVALID_TRANSITION", "INVALID_TRANSITION", "INVALID_TRANSITION", "INVALID_TRANSITION"]);

    const s = (await h.api.get(`/signals/${signal.id}`)).body;
    expect(s).toMatchObject({ reinforcementCount: 1, deliveredQuantity: 10, claimedQuantity: 10, status: "fulfilled" });
    expect((await h.api.get(`/boards/${slug}`)).body.memberCount).toBe(4);
    const { events } = await allEvents(h.api, slug, seqBefore);
    expect(events.map((e) => e.type)).toEqual(["member.joined", "signal.reinforced", "claim.transitioned", "claim.transitioned"]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4].map((i) => seqBefore + i));
  });

  it("claims on many signals of one board at once keep every board seq unique and gap-free", async () => {
    const { slug, steward, spec } = await newBoard(h.api, { unit: "kg" }); // kilograms, so 1.5 is claimable
    const crowd = await newMembers(h.api, slug, 12);
    const signals: any[] = [];
    for (let i = 0; i < 4; i++) signals.push(await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: 100 }));
    const seqBefore = (await allEvents(h.api, slug)).lastSeq;
    const answers = await Promise.all(crowd.flatMap((m) => signals.map((s) => m.api.post(`/signals/${s.id}/claims`, { quantity: 1.5 }))));
    for (const a of answers) expectStatus(a, 201);
    const { events, lastSeq } = await allEvents(h.api, slug);
    expect(lastSeq).toBe(seqBefore + answers.length);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    for (const s of signals) {
      expect((await h.api.get(`/signals/${s.id}`)).body.claimedQuantity).toBe(18);
      expect(checkEventArithmetic(events, s.id, 100)).toBe(18);
    }
  });

  it("publications racing each other and claims get one gap-free sequence, each event naming its own signal", async () => {
    // A publication is one statement (sequence bump, signal, event) and a claim a transaction: both take
    // the board row's lock, so neither may reuse or skip a number whichever way they interleave.
    const { slug, steward, spec } = await newBoard(h.api);
    const crowd = await newMembers(h.api, slug, 8);
    const target = await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: 1000 });
    const seqBefore = (await allEvents(h.api, slug)).lastSeq;
    const answers = await Promise.all(
      crowd.flatMap((m, i) => [
        m.api.post(`/boards/${slug}/signals`, { kind: "stock", resourceSpecId: spec.id, quantity: i + 1, title: `Racing stock ${i}` }),
        m.api.post(`/signals/${target.id}/claims`, { quantity: 1 }),
        m.api.post(`/boards/${slug}/signals`, { kind: "need", resourceSpecId: spec.id, quantity: i + 1, title: `Racing need ${i}` }),
      ]),
    );
    for (const a of answers) expectStatus(a, 201);
    const { events, lastSeq } = await allEvents(h.api, slug);
    expect(lastSeq).toBe(seqBefore + answers.length);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const published = answers.filter((a) => a.body.title?.startsWith("Racing")).map((a) => a.body);
    const created = events.filter((e) => e.type === "signal.created" && e.seq > seqBefore);
    expect(created.map((e) => e.data.signal.id).sort()).toEqual(published.map((p) => p.id).sort());
    for (const p of published) expect((await h.api.get(`/signals/${p.id}`)).body).toMatchObject({ title: p.title, quantity: p.quantity });
    expect((await h.api.get(`/signals/${target.id}`)).body.claimedQuantity).toBe(8);
  });
});
