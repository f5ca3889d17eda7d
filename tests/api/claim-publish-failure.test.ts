// A claim batch is retried item by item only when its transaction fails. Handing the committed events to
// the realtime streams happens after the commit and outside that retry: if publishing throws, every claim
// is still answered 201, written exactly once, logged exactly once, and subscribers get every event (the
// stream reads what it missed from the log when the next event shows it the gap).
import { afterEach, describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/server";
import { allEvents, expectStatus, newBoard, newMembers, postSignal, useApp } from "../support/fixtures";
import { closeAllClients, connectClient, range, seqs } from "../support/socket";

describe.each(DB_KINDS)("a publish failure after a claim batch commits on %s", (kind) => {
  const h = useApp(kind);
  afterEach(() => closeAllClients());

  it("does not write the batch's claims again, and the stream still delivers every event once", async () => {
    const { slug, steward, spec } = await newBoard(h.api);
    const crowd = await newMembers(h.api, slug, 12);
    const signal = await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: 100, title: "Visors" });
    const watcher = await connectClient(h.app.url);
    const ack = await watcher.join({ slug });
    if (!ack.ok) throw new Error(`join failed: ${ack.error.message}`);
    const before = ack.lastSeq;

    const sink = h.app.ctx.events;
    const committed = sink.committed.bind(sink);
    let failures = 0;
    sink.committed = () => {
      failures++;
      throw new Error("fan-out failed");
    };
    let answers;
    try {
      answers = await Promise.all(crowd.map((m) => m.api.post(`/signals/${signal.id}/claims`, { quantity: 1 })));
    } finally {
      sink.committed = committed;
    }
    expect(failures).toBeGreaterThan(0);
    for (const r of answers) expectStatus(r, 201);
    const answered = answers.map((r) => r.body.id).sort();

    const read = (await h.api.get(`/signals/${signal.id}`)).body;
    expect(read.claims.map((c: { id: string }) => c.id).sort()).toEqual(answered);
    expect(read.claimedQuantity).toBe(12);
    const logged = (await allEvents(h.api, slug, before)).events;
    expect(logged.map((e) => e.type)).toEqual(Array(12).fill("claim.created"));
    expect(logged.map((e) => e.data.claim.id).sort()).toEqual(answered);

    // Publishing works again: the next event makes the stream read the ones it could not send.
    const last = await steward.api.post(`/signals/${signal.id}/refresh`);
    expectStatus(last, 200);
    await watcher.waitForSeq(before + 13);
    expect(seqs(watcher.events)).toEqual(range(before + 1, before + 13));
  });
});
