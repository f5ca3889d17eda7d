// Claims that arrive together are written together (group commit, ADR 006). Whatever the batching, each
// answer and each event must show the signal exactly as reading it back shows it, and a claim refused
// for its own reasons must not take the others down with it. The clock is frozen, so claims written in
// one batch share their timestamp and only the tie-break by id orders them: answers and reads must agree.
import { describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/server";
import { allEvents, expectError, expectStatus, newBoard, newMember, newMembers, postSignal, useApp } from "../support/fixtures";

const frozen = new Date();

describe.each(DB_KINDS)("claims written together on %s", (kind) => {
  const h = useApp(kind, { now: () => frozen });

  it("every answer and event carries the signal as it stands after that claim; the last equals a fresh read", async () => {
    const a = await newBoard(h.api);
    const b = await newBoard(h.api);
    const crowdA = await newMembers(h.api, a.slug, 25);
    const crowdB = await newMembers(h.api, b.slug, 5);
    const sa = await postSignal(a.steward, a.slug, { kind: "need", resourceSpecId: a.spec.id, quantity: 100, title: "Visors" });
    const sb = await postSignal(b.steward, b.slug, { kind: "stock", resourceSpecId: b.spec.id, quantity: 10, title: "PETG" });
    const before = { a: (await allEvents(h.api, a.slug)).lastSeq, b: (await allEvents(h.api, b.slug)).lastSeq };

    const answers = await Promise.all([
      ...crowdA.map((m, i) => m.api.post(`/signals/${sa.id}/claims`, { quantity: 1 + (i % 3), note: `from ${i}` })),
      ...crowdB.map((m) => m.api.post(`/signals/${sb.id}/claims`, { quantity: 2 })),
    ]);
    for (const r of answers) expectStatus(r, 201);

    for (const [board, signal, n, total] of [[a, sa, 25, 49], [b, sb, 5, 10]] as const) {
      const mine = answers.map((r) => r.body).filter((c) => c.signalId === signal.id);
      expect(mine).toHaveLength(n);
      // Each answer shows the claimed quantity after its own claim: all different, ending at the total.
      const claimed = mine.map((c) => c.signal.claimedQuantity).sort((x, y) => x - y);
      expect(new Set(claimed).size).toBe(n);
      expect(claimed.at(-1)).toBe(total);
      const last = mine.find((c) => c.signal.claimedQuantity === total)!;

      const card = (await h.api.get(`/boards/${board.slug}/signals`)).body.items.find((s: any) => s.id === signal.id);
      expect(last.signal).toEqual(card);
      expect(card.liveClaimCount).toBe(n);
      expect(card.claims).toHaveLength(Math.min(n, 20));

      const { events } = await allEvents(h.api, board.slug, board === a ? before.a : before.b);
      expect(events).toHaveLength(n);
      for (const e of events) {
        const answer = mine.find((c) => c.id === e.data.claim.id)!;
        const { signal: answerSignal, ...answerClaim } = answer;
        expect(e.type).toBe("claim.created");
        expect(e.data.claim).toEqual(answerClaim);
        expect(e.data.signal).toEqual(answerSignal);
      }
      // The log's order is the order the claims were applied in.
      expect(events.map((e) => e.data.signal.claimedQuantity)).toEqual(claimed);
    }
  });

  it("a claim refused for its own reason does not stop the claims written with it", async () => {
    const { slug, steward, spec } = await newBoard(h.api);
    const [m1, m2, m3] = await newMembers(h.api, slug, 3);
    const outsider = await newMember(h.api);
    const mine = (await m1!.api.post("/organizations", { name: "Fab lab Lyon", kind: "makerspace" })).body;
    const theirs = (await m2!.api.post("/organizations", { name: "Clinic north", kind: "clinic" })).body;
    const signal = await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: 5 });

    const [ok1, own, notMember, noSuch, foreignOrg, ok2, tooMuch] = await Promise.all([
      m1!.api.post(`/signals/${signal.id}/claims`, { quantity: 2, onBehalfOf: mine.id }),
      steward.api.post(`/signals/${signal.id}/claims`, { quantity: 1 }),
      outsider.api.post(`/signals/${signal.id}/claims`, { quantity: 1 }),
      m2!.api.post(`/signals/00000000-0000-4000-8000-000000000000/claims`, { quantity: 1 }),
      m3!.api.post(`/signals/${signal.id}/claims`, { quantity: 1, onBehalfOf: theirs.id }),
      m2!.api.post(`/signals/${signal.id}/claims`, { quantity: 3 }),
      m3!.api.post(`/signals/${signal.id}/claims`, { quantity: 1 }),
    ]);
    expectStatus(ok1!, 201);
    expect(ok1!.body.onBehalfOf).toEqual({ id: mine.id, name: "Fab lab Lyon", kind: "makerspace" });
    expectError(own!, 403, "OWN_SIGNAL");
    expectError(notMember!, 403, "NOT_A_MEMBER");
    expectError(noSuch!, 404, "NOT_FOUND");
    expectError(foreignOrg!, 403, "FORBIDDEN");
    expectStatus(ok2!, 201);
    expectError(tooMuch!, 409, "OVER_CLAIM");
    expect(tooMuch!.body.error.remaining).toBe(0);

    const read = (await h.api.get(`/signals/${signal.id}`)).body;
    expect(read.claimedQuantity).toBe(5);
    expect(read.status).toBe("claimed");
    expect(read.claims.map((c: any) => c.id).sort()).toEqual([ok1!.body.id, ok2!.body.id].sort());
  });
});
