// Signals: publishing all four kinds, the board list (filters, sorts, distance, pagination), reading one,
// and the owner's and members' actions (edit, refresh, reinforce, withdraw), on both databases.
import { describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/server";
import {
  expectError, expectStatus, hoursFromNow, lastSeq, newBoard, newMember, newSpec, postClaim, postSignal, uniqueSlug, useApp,
} from "../support/fixtures";

const SIGNAL_FIELDS = [
  "id", "board", "kind", "resourceSpec", "title", "quantity", "unit", "claimedQuantity", "remainingQuantity", "status",
  "intensity", "intensityParts", "location", "dueAt", "createdAt", "updatedAt", "owner",
];
const BERLIN = { name: "Berlin", lat: 52.52, lng: 13.405 };
const POTSDAM = { name: "Potsdam", lat: 52.39, lng: 13.06 };
const HAMBURG = { name: "Hamburg", lat: 53.55, lng: 9.99 };
const MUNICH = { name: "Munich", lat: 48.14, lng: 11.58 };

describe.each(DB_KINDS)("signals on %s", (kind) => {
  let clockOffsetMs = 0; // lets a test age signals without waiting a week
  const h = useApp(kind, { now: () => new Date(Date.now() + clockOffsetMs) });
  const ids = (r: any) => r.body.items.map((s: any) => s.id);

  describe("POST /boards/:slug/signals", () => {
    it("publishes all four kinds with the documented shape", async () => {
      const { slug, steward, spec } = await newBoard(h.api, { unit: "kg" });
      const dueAt = hoursFromNow(48);
      const from = hoursFromNow(1);
      const until = hoursFromNow(100);
      const cases = [
        { kind: "need", dueAt },
        { kind: "order", dueAt },
        { kind: "capacity", availableFrom: from, availableUntil: until },
        { kind: "stock", availableFrom: from, availableUntil: until },
      ];
      for (const c of cases) {
        const r = await steward.api.post(`/boards/${slug}/signals`, {
          ...c, resourceSpecId: spec.id, quantity: 12.5, note: "for the clinic", location: BERLIN,
        });
        expectStatus(r, 201);
        const s = r.body;
        for (const f of SIGNAL_FIELDS) expect(s, `field ${f} on ${c.kind}`).toHaveProperty(f);
        expect(s).toMatchObject({
          kind: c.kind, board: { slug }, resourceSpec: { id: spec.id, name: spec.name, unit: "kg", divisible: true }, unit: "kg",
          quantity: 12.5, claimedQuantity: 0, remainingQuantity: 12.5, status: "open", note: "for the clinic",
          location: BERLIN, owner: { id: steward.id, name: steward.name }, reinforcementCount: 0, claims: [],
        });
        expect(s.title).toMatch(c.kind === "need" || c.kind === "order" ? /^Needed: / : /^Offered: /);
        expect(s.intensity).toBeGreaterThan(0);
        expect(s.intensity).toBeLessThanOrEqual(1);
        expect(s.intensityParts).toMatchObject({ unmet: 1, freshness: 1, reinforcement: 0 });
        expect(typeof s.intensityParts.explanation).toBe("string");
        if (c.kind === "need" || c.kind === "order") {
          expect(new Date(s.dueAt).getTime()).toBe(new Date(dueAt).getTime());
        } else {
          expect(s.dueAt).toBeNull();
          expect(new Date(s.availableFrom).getTime()).toBe(new Date(from).getTime());
          expect(new Date(s.availableUntil).getTime()).toBe(new Date(until).getTime());
        }
        expect(new Date(s.createdAt).getTime()).not.toBeNaN();
        const read = await h.api.get(`/signals/${s.id}`);
        expect(read.body).toMatchObject({ id: s.id, kind: c.kind, quantity: 12.5, title: s.title });
      }
    });

    it("401 anonymous, 403 NOT_A_MEMBER for a non-member, 404 for an unknown board; nothing is written", async () => {
      const { slug, spec } = await newBoard(h.api);
      const outsider = await newMember(h.api);
      const body = { kind: "need", resourceSpecId: spec.id, quantity: 1 };
      expectError(await h.api.post(`/boards/${slug}/signals`, body), 401, "UNAUTHENTICATED");
      expectError(await outsider.api.post(`/boards/${slug}/signals`, body), 403, "NOT_A_MEMBER");
      expectError(await outsider.api.post(`/boards/${uniqueSlug("nope")}/signals`, body), 404, "NOT_FOUND");
      expect((await h.api.get(`/boards/${slug}/signals?status=open,claimed,fulfilled,withdrawn,expired`)).body.items).toEqual([]);
      expect(await lastSeq(h.api, slug)).toBe(0);
    });

    it("400 with fields.resourceSpecId for an unknown spec; 400 for an availability window that ends before it starts", async () => {
      const { slug, steward, spec } = await newBoard(h.api);
      expectError(
        await steward.api.post(`/boards/${slug}/signals`, { kind: "need", resourceSpecId: "00000000-0000-4000-8000-000000000000", quantity: 1 }),
        400, "VALIDATION_FAILED", ["resourceSpecId"],
      );
      expectError(
        await steward.api.post(`/boards/${slug}/signals`, {
          kind: "stock", resourceSpecId: spec.id, quantity: 1, availableFrom: hoursFromNow(10), availableUntil: hoursFromNow(5),
        }),
        400, "VALIDATION_FAILED", ["availableUntil"],
      );
      expect(await lastSeq(h.api, slug)).toBe(0);
    });

    it("onBehalfOf: 403 for an organization you do not belong to, 201 with onBehalfOf for your own", async () => {
      const { slug, steward, members, spec } = await newBoard(h.api, { members: 1 });
      const theirs = await members[0]!.api.post("/organizations", { name: "Their hub", kind: "hub" });
      const mine = await steward.api.post("/organizations", { name: "My microfactory", kind: "microfactory" });
      const body = { kind: "capacity", resourceSpecId: spec.id, quantity: 40 };
      expectError(await steward.api.post(`/boards/${slug}/signals`, { ...body, onBehalfOf: theirs.body.id }), 403, "FORBIDDEN");
      const ok = await steward.api.post(`/boards/${slug}/signals`, { ...body, onBehalfOf: mine.body.id });
      expectStatus(ok, 201);
      expect(ok.body.onBehalfOf).toEqual({ id: mine.body.id, name: "My microfactory", kind: "microfactory", verified: false });
    });
  });

  describe("GET /boards/:slug/signals", () => {
    async function boardWithSpread() {
      const b = await newBoard(h.api);
      const spec2 = await newSpec(b.steward.api, `Other ${b.slug}`, "kg");
      const p = (body: object) => postSignal(b.steward, b.slug, { resourceSpecId: b.spec.id, quantity: 10, ...body });
      const need = await p({ kind: "need", title: "Alpha visors for the ward", dueAt: hoursFromNow(48), location: BERLIN });
      const order = await p({ kind: "order", resourceSpecId: spec2.id, dueAt: hoursFromNow(10), location: HAMBURG });
      const cap = await p({ kind: "capacity", availableUntil: hoursFromNow(100), location: MUNICH });
      const stock = await p({ kind: "stock", resourceSpecId: spec2.id, note: "ALPHA batch leftovers", location: POTSDAM });
      const nowhere = await p({ kind: "need", title: "No place" });
      return { ...b, spec2, need, order, cap, stock, nowhere };
    }

    it("filters by kind, status, resourceSpecId and q (case-insensitive, title, note and spec name)", async () => {
      const w = await boardWithSpread();
      const get = (q: string) => h.api.get(`/boards/${w.slug}/signals?${q}`);
      expect(ids(await get("kind=need")).sort()).toEqual([w.need.id, w.nowhere.id].sort());
      expect(ids(await get("kind=order,stock")).sort()).toEqual([w.order.id, w.stock.id].sort());
      expect(ids(await get(`resourceSpecId=${w.spec2.id}`)).sort()).toEqual([w.order.id, w.stock.id].sort());
      expect(ids(await get("q=aLpHa")).sort()).toEqual([w.need.id, w.stock.id].sort());
      expect(ids(await get(`q=${encodeURIComponent(w.spec2.name.toUpperCase())}`)).sort()).toEqual([w.order.id, w.stock.id].sort());
      expect(ids(await get("kind=need&q=alpha"))).toEqual([w.need.id]);
      expectStatus(await w.steward.api.post(`/signals/${w.cap.id}/withdraw`), 200);
      expect(ids(await get("status=withdrawn"))).toEqual([w.cap.id]);
      expect(ids(await get(""))).not.toContain(w.cap.id);
      expect(ids(await get("status=open,withdrawn"))).toHaveLength(5);
    });

    it("q is a literal substring: % and _ are not wildcards", async () => {
      const { slug, steward, spec } = await newBoard(h.api);
      const pct = await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: 1, title: "100% cotton" });
      const und = await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: 1, title: "m3_bolts" });
      await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: 1, title: "plain" });
      expect(ids(await h.api.get(`/boards/${slug}/signals?q=${encodeURIComponent("%")}`))).toEqual([pct.id]);
      expect(ids(await h.api.get(`/boards/${slug}/signals?q=_`))).toEqual([und.id]);
      expect(ids(await h.api.get(`/boards/${slug}/signals?q=${encodeURIComponent("0% c")}`))).toEqual([pct.id]);
    });

    it("sort=intensity is descending intensity; sort=new is newest first; sort=due is soonest first", async () => {
      const w = await boardWithSpread();
      const member = await newMember(h.api, { boards: [w.slug] });
      await postClaim(member, w.need.id, 9); // almost fully claimed: little heat left
      const byHeat = await h.api.get(`/boards/${w.slug}/signals?sort=intensity`);
      const heats = byHeat.body.items.map((s: any) => s.intensity);
      expect(heats).toHaveLength(5);
      for (let i = 1; i < heats.length; i++) expect(heats[i]).toBeLessThanOrEqual(heats[i - 1]);
      expect(byHeat.body.items.at(-1).id).toBe(w.need.id);
      expect(ids(await h.api.get(`/boards/${w.slug}/signals`))).toEqual(ids(byHeat)); // intensity is the default
      expect(ids(await h.api.get(`/boards/${w.slug}/signals?sort=new`))).toEqual([w.nowhere.id, w.stock.id, w.cap.id, w.order.id, w.need.id]);
      const due = ids(await h.api.get(`/boards/${w.slug}/signals?sort=due`));
      expect(due.slice(0, 3)).toEqual([w.order.id, w.need.id, w.cap.id]); // +10h, +48h, available until +100h
      expect(due.slice(3).sort()).toEqual([w.stock.id, w.nowhere.id].sort()); // undated last
    });

    it("sort=distance with near orders by ascending distanceKm; radiusKm keeps only what lies within", async () => {
      const w = await boardWithSpread();
      const r = await h.api.get(`/boards/${w.slug}/signals?sort=distance&near=52.52,13.405`);
      expectStatus(r, 200);
      expect(ids(r).slice(0, 4)).toEqual([w.need.id, w.stock.id, w.order.id, w.cap.id]);
      expect(ids(r).at(-1)).toBe(w.nowhere.id);
      const d = r.body.items.slice(0, 4).map((s: any) => s.distanceKm);
      expect(d[0]).toBe(0);
      expect(d[1]).toBeGreaterThan(20); // Potsdam ~27 km
      expect(d[1]).toBeLessThan(35);
      expect(d[2]).toBeGreaterThan(240); // Hamburg ~255 km
      expect(d[2]).toBeLessThan(270);
      expect(d[3]).toBeGreaterThan(480); // Munich ~504 km
      for (let i = 1; i < d.length; i++) expect(d[i]).toBeGreaterThanOrEqual(d[i - 1]);
      const near = await h.api.get(`/boards/${w.slug}/signals?sort=distance&near=52.52,13.405&radiusKm=100`);
      expect(ids(near)).toEqual([w.need.id, w.stock.id]);
      const wide = await h.api.get(`/boards/${w.slug}/signals?near=52.52,13.405&radiusKm=300`);
      expect(ids(wide).sort()).toEqual([w.need.id, w.stock.id, w.order.id].sort());
    });

    it("limit + cursor pagination visits every signal exactly once, and the last page has nextCursor null", async () => {
      const { slug, steward, spec } = await newBoard(h.api);
      const made: string[] = [];
      for (let i = 0; i < 7; i++) made.push((await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: i + 1 })).id);
      for (const sort of ["new", "intensity"]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const r: any = await h.api.get(`/boards/${slug}/signals?sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
          expectStatus(r, 200);
          expect(r.body.items.length).toBeLessThanOrEqual(3);
          seen.push(...ids(r));
          cursor = r.body.nextCursor;
          pages++;
        } while (cursor && pages < 10);
        expect(pages).toBe(3);
        expect(seen.length).toBe(7);
        expect(new Set(seen)).toEqual(new Set(made));
      }
      expect((await h.api.get(`/boards/${slug}/signals?limit=200`)).body.nextCursor).toBeNull();
    });

    it("400 VALIDATION_FAILED for bad query parameters", async () => {
      const { slug } = await newBoard(h.api);
      const bad: Array<[string, string]> = [
        ["near=abc", "near"], ["near=52.5", "near"], ["near=91,0", "near"], ["near=1e1,2", "near"], ["radiusKm=10", "near"],
        ["sort=distance", "near"], ["near=52,13&radiusKm=-1", "radiusKm"], ["near=52,13&radiusKm=abc", "radiusKm"],
        ["limit=0", "limit"], ["limit=abc", "limit"], ["limit=201", "limit"], ["limit=1.5", "limit"], ["sort=bogus", "sort"],
        ["kind=wish", "kind"], ["status=lost", "status"], ["resourceSpecId=not-a-uuid", "resourceSpecId"], ["cursor=zzz", "cursor"],
      ];
      for (const [q, field] of bad) {
        expectError(await h.api.get(`/boards/${slug}/signals?${q}`), 400, "VALIDATION_FAILED", [field]);
      }
    });
  });

  describe("GET /signals/:id", () => {
    it("answers the signal with all its claims, released ones included", async () => {
      const { slug, steward, members, spec } = await newBoard(h.api, { members: 2 });
      const s = await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: 10 });
      const c1 = await postClaim(members[0]!, s.id, 3);
      const c2 = await postClaim(members[1]!, s.id, 2);
      expectStatus(await members[1]!.api.post(`/claims/${c2.id}/transition`, { to: "released" }), 200);
      const r = await members[0]!.api.get(`/signals/${s.id}`);
      expectStatus(r, 200);
      expect(r.body).toMatchObject({ id: s.id, claimedQuantity: 3, remainingQuantity: 7, liveClaimCount: 1 });
      expect(r.body.claims.map((c: any) => [c.id, c.status, c.quantity])).toEqual([[c1.id, "claimed", 3], [c2.id, "released", 2]]);
      expect(r.body.claims[0].allowedTransitions).toEqual(expect.arrayContaining(["in_progress", "released"]));
    });

    it("404 for an unknown uuid and for non-uuid ids", async () => {
      expectError(await h.api.get("/signals/00000000-0000-4000-8000-000000000000"), 404, "NOT_FOUND");
      for (const id of ["nope", "123", "00000000-0000-4000-8000-00000000000g"]) expectError(await h.api.get(`/signals/${id}`), 404, "NOT_FOUND");
    });
  });

  describe("owner and member actions", () => {
    it("PATCH: the owner edits; others 403; anonymous 401; below claimed 409; empty body 400", async () => {
      const { slug, steward, members, spec } = await newBoard(h.api, { members: 1 });
      const s = await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: 10, note: "old" });
      const ok = await steward.api.patch(`/signals/${s.id}`, { title: "Visors, urgent", note: null, quantity: 12, location: POTSDAM });
      expectStatus(ok, 200);
      expect(ok.body).toMatchObject({ title: "Visors, urgent", note: null, quantity: 12, remainingQuantity: 12, location: POTSDAM });
      expectError(await members[0]!.api.patch(`/signals/${s.id}`, { title: "Mine now" }), 403, "FORBIDDEN");
      expectError(await h.api.patch(`/signals/${s.id}`, { title: "Anon" }), 401, "UNAUTHENTICATED");
      await postClaim(members[0]!, s.id, 5);
      const below = await steward.api.patch(`/signals/${s.id}`, { quantity: 4 });
      expectError(below, 409, "QUANTITY_BELOW_CLAIMED");
      expectError(await steward.api.patch(`/signals/${s.id}`, {}), 400, "VALIDATION_FAILED");
      expectError(await steward.api.request("PATCH", `/signals/${s.id}`), 400, "VALIDATION_FAILED"); // no body at all
      const exact = await steward.api.patch(`/signals/${s.id}`, { quantity: 5 });
      expectStatus(exact, 200);
      expect(exact.body).toMatchObject({ quantity: 5, claimedQuantity: 5, remainingQuantity: 0, status: "claimed" });
      const after = await h.api.get(`/signals/${s.id}`);
      expect(after.body).toMatchObject({ title: "Visors, urgent", quantity: 5, claimedQuantity: 5 });
      expectError(await steward.api.patch("/signals/00000000-0000-4000-8000-000000000000", { title: "x" }), 404, "NOT_FOUND");
    });

    it("refresh: the owner resets decay, so freshness goes back to 1; others 403", async () => {
      const { slug, steward, members, spec } = await newBoard(h.api, { members: 1 });
      const s = await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: 4 });
      try {
        clockOffsetMs = 168 * 3_600_000; // one half-life later
        const aged = await h.api.get(`/signals/${s.id}`);
        expect(aged.body.intensityParts.freshness).toBeCloseTo(0.5, 2);
        expect(aged.body.intensity).toBeCloseTo(s.intensity / 2, 2);
        expectError(await members[0]!.api.post(`/signals/${s.id}/refresh`), 403, "FORBIDDEN");
        const r = await steward.api.post(`/signals/${s.id}/refresh`);
        expectStatus(r, 200);
        expect(r.body.intensityParts.freshness).toBe(1);
        expect(r.body.intensity).toBeCloseTo(s.intensity, 3);
        expect(new Date(r.body.refreshedAt).getTime()).toBeGreaterThan(new Date(s.refreshedAt).getTime());
        expect((await h.api.get(`/signals/${s.id}`)).body.intensityParts.freshness).toBe(1);
      } finally {
        clockOffsetMs = 0;
      }
      expectError(await h.api.post(`/signals/${s.id}/refresh`), 401, "UNAUTHENTICATED");
    });

    it("reinforce: any member but the owner, once each; count and intensity rise", async () => {
      const { slug, steward, members, spec } = await newBoard(h.api, { members: 2 });
      const outsider = await newMember(h.api);
      const s = await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: 4 });
      const r1 = await members[0]!.api.post(`/signals/${s.id}/reinforce`);
      expectStatus(r1, 200);
      expect(r1.body.reinforcementCount).toBe(1);
      expect(r1.body.intensity).toBeGreaterThan(s.intensity);
      expect(r1.body.intensityParts.reinforcement).toBeGreaterThan(0);
      expectError(await members[0]!.api.post(`/signals/${s.id}/reinforce`), 409, "ALREADY_REINFORCED");
      expectError(await steward.api.post(`/signals/${s.id}/reinforce`), 403, "FORBIDDEN");
      expectError(await outsider.api.post(`/signals/${s.id}/reinforce`), 403, "NOT_A_MEMBER");
      expectError(await h.api.post(`/signals/${s.id}/reinforce`), 401, "UNAUTHENTICATED");
      const r2 = await members[1]!.api.post(`/signals/${s.id}/reinforce`);
      expect(r2.body.reinforcementCount).toBe(2);
      expect(r2.body.intensity).toBeGreaterThan(r1.body.intensity);
      expect((await h.api.get(`/signals/${s.id}`)).body.reinforcementCount).toBe(2);
    });

    it("withdraw: the owner takes it down; it takes no claims, is hidden from the default list; others 403", async () => {
      const { slug, steward, members, spec } = await newBoard(h.api, { members: 1 });
      const s = await postSignal(steward, slug, { kind: "stock", resourceSpecId: spec.id, quantity: 4 });
      expectError(await members[0]!.api.post(`/signals/${s.id}/withdraw`), 403, "FORBIDDEN");
      const w = await steward.api.post(`/signals/${s.id}/withdraw`);
      expectStatus(w, 200);
      expect(w.body).toMatchObject({ id: s.id, status: "withdrawn", intensity: 0 });
      expectError(await members[0]!.api.post(`/signals/${s.id}/claims`, { quantity: 1 }), 409, "SIGNAL_NOT_OPEN");
      expectError(await members[0]!.api.post(`/signals/${s.id}/reinforce`), 409, "SIGNAL_NOT_OPEN");
      expectError(await steward.api.post(`/signals/${s.id}/withdraw`), 409, "SIGNAL_NOT_OPEN");
      expect(ids(await h.api.get(`/boards/${slug}/signals`))).not.toContain(s.id);
      expect((await h.api.get(`/signals/${s.id}`)).body).toMatchObject({ status: "withdrawn", claimedQuantity: 0 });
    });
  });
});
