// The board event log: one event per change with gap-free sequence numbers, paging with `after`, failed
// requests append nothing, and bad query parameters are 400, on both databases.
import { describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/server";
import {
  allEvents, expectError, expectStatus, lastSeq, newBoard, newMember, postClaim, postSignal, useApp,
} from "../support/fixtures";

describe.each(DB_KINDS)("board events on %s", (kind) => {
  const h = useApp(kind);

  it("every change appends exactly one event, with consecutive seq numbers and the documented shape", async () => {
    const { slug, steward, spec } = await newBoard(h.api);
    const expected: Array<{ type: string; actor: string; check?: (e: any) => void }> = [];
    const step = async (type: string, actor: { id: string }, fn: () => Promise<any>, check?: (e: any) => void) => {
      const before = await lastSeq(h.api, slug);
      const r = await fn();
      expect(r.status, `${type}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
      expect(await lastSeq(h.api, slug), `one event for ${type}`).toBe(before + 1);
      expected.push({ type, actor: actor.id, check });
      return r.body;
    };

    expect(await lastSeq(h.api, slug)).toBe(0);
    const maker = await newMember(h.api);
    await step("member.joined", maker, () => maker.api.post(`/boards/${slug}/members`), (e) =>
      expect(e.data.member).toEqual({ id: maker.id, name: maker.name }));
    const other = await newMember(h.api);
    await step("member.joined", other, () => other.api.post(`/boards/${slug}/members`));
    const s = await step("signal.created", steward, () =>
      steward.api.post(`/boards/${slug}/signals`, { kind: "need", resourceSpecId: spec.id, quantity: 10 }), (e) =>
      expect(e.data.signal).toMatchObject({ kind: "need", quantity: 10, status: "open" }));
    const c = await step("claim.created", maker, () => maker.api.post(`/signals/${s.id}/claims`, { quantity: 4 }), (e) => {
      expect(e.data.signal).toMatchObject({ id: s.id, claimedQuantity: 4 });
      expect(e.data.claim).toMatchObject({ quantity: 4, status: "claimed", claimer: { id: maker.id } });
    });
    await step("claim.transitioned", maker, () => maker.api.post(`/claims/${c.id}/transition`, { to: "in_progress" }), (e) =>
      expect(e.data).toMatchObject({ from: "claimed", to: "in_progress", claim: { id: c.id, status: "in_progress" } }));
    await step("signal.reinforced", other, () => other.api.post(`/signals/${s.id}/reinforce`), (e) =>
      expect(e.data.signal.reinforcementCount).toBe(1));
    await step("signal.refreshed", steward, () => steward.api.post(`/signals/${s.id}/refresh`));
    await step("signal.updated", steward, () => steward.api.patch(`/signals/${s.id}`, { quantity: 12, title: "More please" }), (e) =>
      expect(e.data.signal).toMatchObject({ quantity: 12, title: "More please", remainingQuantity: 8 }));
    await step("claim.transitioned", maker, () => maker.api.post(`/claims/${c.id}/transition`, { to: "released", quantity: 1 }), (e) =>
      expect(e.data).toMatchObject({ returned: 1, signal: { claimedQuantity: 3 } }));
    await step("signal.withdrawn", steward, () => steward.api.post(`/signals/${s.id}/withdraw`), (e) =>
      expect(e.data.signal.status).toBe("withdrawn"));

    const { events, lastSeq: last } = await allEvents(h.api, slug);
    expect(last).toBe(expected.length);
    expect(events.map((e) => e.seq)).toEqual(expected.map((_, i) => i + 1));
    expect(events.map((e) => e.type)).toEqual(expected.map((x) => x.type));
    events.forEach((e, i) => {
      expect(Object.keys(e)).toEqual(expect.arrayContaining(["seq", "type", "at", "actor", "data"]));
      expect(e.actor?.id, `actor of ${e.type}`).toBe(expected[i]!.actor);
      expect(typeof e.actor.name).toBe("string");
      expect(new Date(e.at).toISOString()).toBe(e.at);
      if (i > 0) expect(new Date(e.at).getTime()).toBeGreaterThanOrEqual(new Date(events[i - 1].at).getTime());
      expected[i]!.check?.(e);
    });
    expect((await h.api.get(`/boards/${slug}`)).body.lastSeq).toBe(expected.length);
  });

  it("`after` and `limit` page through the log without gaps or repeats", async () => {
    const { slug, steward, spec } = await newBoard(h.api);
    for (let i = 0; i < 7; i++) await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: i + 1 });
    const seen: number[] = [];
    let after = 0;
    for (let guard = 0; guard < 10; guard++) {
      const r = await h.api.get(`/boards/${slug}/events?after=${after}&limit=3`);
      expectStatus(r, 200);
      expect(r.body.lastSeq).toBe(7);
      expect(r.body.events.length).toBeLessThanOrEqual(3);
      if (r.body.events.length === 0) break;
      seen.push(...r.body.events.map((e: any) => e.seq));
      after = r.body.events.at(-1).seq;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const tail = await h.api.get(`/boards/${slug}/events?after=5`);
    expect(tail.body.events.map((e: any) => e.seq)).toEqual([6, 7]);
    expect(tail.body.events.map((e: any) => e.data.signal.quantity)).toEqual([6, 7]);
    const beyond = await h.api.get(`/boards/${slug}/events?after=100`);
    expect(beyond.body).toEqual({ events: [], lastSeq: 7 });
    const first = await h.api.get(`/boards/${slug}/events?limit=1`);
    expect(first.body.events.map((e: any) => e.seq)).toEqual([1]);
  });

  it("events are per board: activity elsewhere does not show up or consume numbers", async () => {
    const a = await newBoard(h.api);
    const b = await newBoard(h.api);
    await postSignal(a.steward, a.slug, { kind: "need", resourceSpecId: a.spec.id, quantity: 1 });
    await postSignal(b.steward, b.slug, { kind: "need", resourceSpecId: b.spec.id, quantity: 1 });
    await postSignal(a.steward, a.slug, { kind: "need", resourceSpecId: a.spec.id, quantity: 2 });
    const ea = await allEvents(h.api, a.slug);
    expect(ea.events.map((e) => e.seq)).toEqual([1, 2]);
    expect(ea.events.every((e) => e.data.signal.board.slug === a.slug)).toBe(true);
    expect((await allEvents(h.api, b.slug)).events.map((e) => e.seq)).toEqual([1]);
  });

  it("failed requests append NO event and change nothing", async () => {
    const { slug, steward, members, spec } = await newBoard(h.api, { members: 2 });
    const [maker, other] = members as [any, any];
    const s = await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: 5 });
    const c = await postClaim(maker, s.id, 4);
    await other.api.post(`/signals/${s.id}/reinforce`);
    const before = await allEvents(h.api, slug);
    const snapshot = (await h.api.get(`/signals/${s.id}`)).body;
    const outsider = await newMember(h.api);

    const failures: Array<[number, string, () => Promise<any>]> = [
      [409, "OVER_CLAIM", () => other.api.post(`/signals/${s.id}/claims`, { quantity: 2 })],
      [400, "VALIDATION_FAILED", () => other.api.post(`/signals/${s.id}/claims`, { quantity: -1 })],
      [400, "MALFORMED_JSON", () => other.api.request("POST", `/signals/${s.id}/claims`, undefined, "{quantity: 1")],
      [403, "OWN_SIGNAL", () => steward.api.post(`/signals/${s.id}/claims`, { quantity: 1 })],
      [403, "NOT_A_MEMBER", () => outsider.api.post(`/signals/${s.id}/claims`, { quantity: 1 })],
      [400, "VALIDATION_FAILED", () => steward.api.post(`/boards/${slug}/signals`, { kind: "need", resourceSpecId: spec.id, quantity: 0 })],
      [400, "VALIDATION_FAILED", () => steward.api.post(`/boards/${slug}/signals`, { kind: "wish", resourceSpecId: spec.id, quantity: 1 })],
      [409, "QUANTITY_BELOW_CLAIMED", () => steward.api.patch(`/signals/${s.id}`, { quantity: 3 })],
      [400, "VALIDATION_FAILED", () => steward.api.patch(`/signals/${s.id}`, { title: "" })],
      [403, "FORBIDDEN", () => maker.api.patch(`/signals/${s.id}`, { title: "hijack" })],
      [409, "ALREADY_REINFORCED", () => other.api.post(`/signals/${s.id}/reinforce`)],
      [403, "FORBIDDEN", () => steward.api.post(`/signals/${s.id}/reinforce`)],
      [403, "FORBIDDEN", () => maker.api.post(`/signals/${s.id}/refresh`)],
      [403, "FORBIDDEN", () => maker.api.post(`/signals/${s.id}/withdraw`)],
      [409, "INVALID_TRANSITION", () => maker.api.post(`/claims/${c.id}/transition`, { to: "claimed" })],
      [403, "FORBIDDEN", () => maker.api.post(`/claims/${c.id}/transition`, { to: "delivered" })],
      [403, "FORBIDDEN", () => other.api.post(`/claims/${c.id}/transition`, { to: "released" })],
      [400, "VALIDATION_FAILED", () => maker.api.post(`/claims/${c.id}/transition`, { to: "released", quantity: 9 })],
      [409, "ALREADY_MEMBER", () => maker.api.post(`/boards/${slug}/members`)],
      [401, "UNAUTHENTICATED", () => h.api.post(`/boards/${slug}/members`)],
    ];
    for (const [status, code, fn] of failures) expectError(await fn(), status, code);

    const after = await allEvents(h.api, slug);
    expect(after.lastSeq).toBe(before.lastSeq);
    expect(after.events).toEqual(before.events);
    const now = (await h.api.get(`/signals/${s.id}`)).body;
    for (const k of ["title", "quantity", "claimedQuantity", "status", "reinforcementCount", "refreshedAt", "updatedAt", "liveClaimCount"]) {
      expect(now[k], k).toEqual(snapshot[k]);
    }
    expect(now.claims).toEqual(snapshot.claims);
    expect((await h.api.get(`/boards/${slug}`)).body.memberCount).toBe(3);
  });

  it("bad `after` or `limit` → 400 VALIDATION_FAILED; unknown board → 404", async () => {
    const { slug } = await newBoard(h.api);
    for (const q of ["after=-1", "after=abc", "after=1e99", "after=1.5", "after=99999999999", "after=0x10", "after=Infinity"]) {
      expectError(await h.api.get(`/boards/${slug}/events?${q}`), 400, "VALIDATION_FAILED", ["after"]);
    }
    for (const q of ["limit=0", "limit=-5", "limit=abc", "limit=1001"]) {
      expectError(await h.api.get(`/boards/${slug}/events?${q}`), 400, "VALIDATION_FAILED", ["limit"]);
    }
    expectStatus(await h.api.get(`/boards/${slug}/events?after=&limit=`), 200);
    expectError(await h.api.get("/boards/no-such-board-here/events"), 404, "NOT_FOUND");
  });
});
