// What a new user hit, through the API on both databases: deadlines in the past, dates that belong to the
// other kind of signal, fractions of counted things, and offers whose availability has ended. Each refusal
// is a clear field error (or 409 with a stable code) and changes nothing.
import { describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/server";
import {
  expectError, expectStatus, hoursFromNow, lastSeq, newBoard, newSpec, postClaim, postSignal, useApp,
} from "../support/fixtures";

const HOUR = 3_600_000;

describe.each(DB_KINDS)("signal rules on %s", (kind) => {
  let clockOffsetMs = 0; // moves the app's clock forward, so a date in the future can become past
  const h = useApp(kind, { now: () => new Date(Date.now() + clockOffsetMs) });
  const later = async <T>(hours: number, fn: () => Promise<T>): Promise<T> => {
    clockOffsetMs = hours * HOUR;
    try {
      return await fn();
    } finally {
      clockOffsetMs = 0;
    }
  };
  const fieldsOf = (r: { body: any }) => Object.keys(r.body.error.fields ?? {}).sort();

  describe("dates on create", () => {
    it("refuses a need due in 2020 and an offer whose availability ended, naming the field; writes nothing", async () => {
      const { slug, steward, spec } = await newBoard(h.api);
      const base = { resourceSpecId: spec.id, quantity: 10 };
      const due2020 = await steward.api.post(`/boards/${slug}/signals`, { ...base, kind: "need", dueAt: "2020-03-01T00:00:00Z" });
      expectError(due2020, 400, "VALIDATION_FAILED", ["dueAt"]);
      expect(due2020.body.error.fields.dueAt).toEqual(["Must not be in the past"]);
      expectError(await steward.api.post(`/boards/${slug}/signals`, { ...base, kind: "order", dueAt: hoursFromNow(-1) }), 400, "VALIDATION_FAILED", ["dueAt"]);
      const ended = await steward.api.post(`/boards/${slug}/signals`, { ...base, kind: "stock", availableUntil: hoursFromNow(-2) });
      expectError(ended, 400, "VALIDATION_FAILED", ["availableUntil"]);
      expect(await lastSeq(h.api, slug)).toBe(0);
      expect((await h.api.get(`/boards/${slug}/signals?status=open,claimed,fulfilled,withdrawn,expired`)).body.items).toEqual([]);
    });

    it("accepts a start of availability in the past (available since last week)", async () => {
      const { slug, steward, spec } = await newBoard(h.api);
      const s = await postSignal(steward, slug, {
        kind: "capacity", resourceSpecId: spec.id, quantity: 10, availableFrom: hoursFromNow(-168), availableUntil: hoursFromNow(48),
      });
      expect(new Date(s.availableFrom).getTime()).toBeLessThan(Date.now());
    });

    it("refuses a due date on an offer and a window on a request instead of dropping them", async () => {
      const { slug, steward, spec } = await newBoard(h.api);
      const base = { resourceSpecId: spec.id, quantity: 10 };
      const offer = await steward.api.post(`/boards/${slug}/signals`, { ...base, kind: "capacity", dueAt: hoursFromNow(24) });
      expectError(offer, 400, "VALIDATION_FAILED", ["dueAt"]);
      expect(offer.body.error.fields.dueAt[0]).toMatch(/no due date/);
      const request = await steward.api.post(`/boards/${slug}/signals`, {
        ...base, kind: "need", availableFrom: hoursFromNow(1), availableUntil: hoursFromNow(24),
      });
      expectError(request, 400, "VALIDATION_FAILED", ["availableFrom", "availableUntil"]);
      expect(await lastSeq(h.api, slug)).toBe(0);
    });

    it("names every problem of one request at once: a past date and half a face shield", async () => {
      const { slug, steward, spec } = await newBoard(h.api);
      const r = await steward.api.post(`/boards/${slug}/signals`, { kind: "need", resourceSpecId: spec.id, quantity: 2.5, dueAt: "2020-01-01T00:00:00Z" });
      expectError(r, 400, "VALIDATION_FAILED");
      expect(fieldsOf(r)).toEqual(["dueAt", "quantity"]);
    });
  });

  describe("dates on PATCH (the same rule)", () => {
    it("refuses a due date on an offer, a window on a request, and deadlines in the past; the signal is unchanged", async () => {
      const { slug, steward, spec } = await newBoard(h.api);
      const offer = await postSignal(steward, slug, { kind: "stock", resourceSpecId: spec.id, quantity: 5, availableUntil: hoursFromNow(48) });
      const need = await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: 5, dueAt: hoursFromNow(48) });
      const seq = await lastSeq(h.api, slug);
      expectError(await steward.api.patch(`/signals/${offer.id}`, { dueAt: hoursFromNow(24) }), 400, "VALIDATION_FAILED", ["dueAt"]);
      expectError(await steward.api.patch(`/signals/${need.id}`, { availableUntil: hoursFromNow(24) }), 400, "VALIDATION_FAILED", ["availableUntil"]);
      expectError(await steward.api.patch(`/signals/${need.id}`, { availableFrom: hoursFromNow(1) }), 400, "VALIDATION_FAILED", ["availableFrom"]);
      expectError(await steward.api.patch(`/signals/${need.id}`, { dueAt: "2020-03-01T00:00:00Z", title: "Old" }), 400, "VALIDATION_FAILED", ["dueAt"]);
      expectError(await steward.api.patch(`/signals/${offer.id}`, { availableUntil: hoursFromNow(-1) }), 400, "VALIDATION_FAILED", ["availableUntil"]);
      // Moving the start past the stored end is checked against the end as stored.
      expectError(await steward.api.patch(`/signals/${offer.id}`, { availableFrom: hoursFromNow(72) }), 400, "VALIDATION_FAILED", ["availableUntil"]);
      expect(await lastSeq(h.api, slug)).toBe(seq);
      const [o, n] = await Promise.all([h.api.get(`/signals/${offer.id}`), h.api.get(`/signals/${need.id}`)]);
      expect(o.body).toMatchObject({ dueAt: null, availableFrom: null, availableUntil: offer.availableUntil });
      expect(n.body).toMatchObject({ title: need.title, dueAt: need.dueAt, availableFrom: null, availableUntil: null });
    });

    it("lets the owner edit an overdue need's title, clear its due date, or move it into the future", async () => {
      const { slug, steward, spec } = await newBoard(h.api);
      const need = await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: 5, dueAt: hoursFromNow(2) });
      await later(5, async () => {
        expectStatus(await steward.api.patch(`/signals/${need.id}`, { title: "Still needed" }), 200);
        expectError(await steward.api.patch(`/signals/${need.id}`, { dueAt: hoursFromNow(4) }), 400, "VALIDATION_FAILED", ["dueAt"]);
        const moved = await steward.api.patch(`/signals/${need.id}`, { dueAt: hoursFromNow(48) });
        expectStatus(moved, 200);
        expect(moved.body.title).toBe("Still needed");
        const cleared = await steward.api.patch(`/signals/${need.id}`, { dueAt: null });
        expectStatus(cleared, 200);
        expect(cleared.body.dueAt).toBeNull();
      });
    });
  });

  describe("promised dates", () => {
    it("refuses a claim promised for 2019, and writes no claim", async () => {
      const { slug, steward, members, spec } = await newBoard(h.api, { members: 1 });
      const need = await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: 5 });
      const seq = await lastSeq(h.api, slug);
      const r = await members[0]!.api.post(`/signals/${need.id}/claims`, { quantity: 2, promisedAt: "2019-05-01T00:00:00Z" });
      expectError(r, 400, "VALIDATION_FAILED", ["promisedAt"]);
      expect(r.body.error.fields.promisedAt).toEqual(["Must not be in the past"]);
      expect(await lastSeq(h.api, slug)).toBe(seq);
      expect((await h.api.get(`/signals/${need.id}`)).body).toMatchObject({ claimedQuantity: 0, claims: [] });
      const ok = await members[0]!.api.post(`/signals/${need.id}/claims`, { quantity: 2, promisedAt: hoursFromNow(24) });
      expectStatus(ok, 201);
    });
  });

  describe("counted and divisible units", () => {
    it("resource specs default divisible from their unit, take an explicit choice, and list it", async () => {
      const { steward } = await newBoard(h.api);
      const each = await newSpec(steward.api, "Visor each", "each");
      const kg = await newSpec(steward.api, "PETG by weight", "kg");
      expect(each).toMatchObject({ unit: "each", divisible: false });
      expect(kg).toMatchObject({ unit: "kg", divisible: true });
      const cut = await steward.api.post("/resource-specs", { name: "Sheet, cut to size", unit: "sheet", divisible: true });
      expectStatus(cut, 201);
      expect(cut.body.divisible).toBe(true);
      const hours = await steward.api.post("/resource-specs", { name: "Booked in whole hours", unit: "h", divisible: false });
      expect(hours.body.divisible).toBe(false);
      expectError(await steward.api.post("/resource-specs", { name: "Odd", unit: "each", divisible: "yes" }), 400, "VALIDATION_FAILED", ["divisible"]);
      const listed = (await h.api.get("/resource-specs?q=Visor each")).body.items.find((s: any) => s.id === each.id);
      expect(listed).toMatchObject({ divisible: false });
    });

    it("half a face shield cannot be posted, edited to, claimed or released; kilograms can", async () => {
      const { slug, steward, members, spec } = await newBoard(h.api, { members: 1 });
      const maker = members[0]!;
      expectError(await steward.api.post(`/boards/${slug}/signals`, { kind: "need", resourceSpecId: spec.id, quantity: 12.5 }), 400, "VALIDATION_FAILED", ["quantity"]);
      const need = await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: 12 });
      const seq = await lastSeq(h.api, slug);
      const half = await maker.api.post(`/signals/${need.id}/claims`, { quantity: 0.5 });
      expectError(half, 400, "VALIDATION_FAILED", ["quantity"]);
      expect(half.body.error.fields.quantity[0]).toMatch(/whole number/);
      expectError(await steward.api.patch(`/signals/${need.id}`, { quantity: 12.5 }), 400, "VALIDATION_FAILED", ["quantity"]);
      expect(await lastSeq(h.api, slug)).toBe(seq);
      const claim = await postClaim(maker, need.id, 5);
      expectError(await maker.api.post(`/claims/${claim.id}/transition`, { to: "released", quantity: 1.5 }), 400, "VALIDATION_FAILED", ["quantity"]);
      const part = await maker.api.post(`/claims/${claim.id}/transition`, { to: "released", quantity: 2 });
      expectStatus(part, 200);
      expect(part.body).toMatchObject({ quantity: 3, signal: { quantity: 12, claimedQuantity: 3 } });

      const kg = await newSpec(steward.api, `Filament ${slug}`, "kg");
      const filament = await postSignal(steward, slug, { kind: "need", resourceSpecId: kg.id, quantity: 2.5 });
      const c = await postClaim(maker, filament.id, 0.75);
      expect(c).toMatchObject({ quantity: 0.75, signal: { remainingQuantity: 1.75 } });
    });
  });

  describe("an offer whose availability has ended", () => {
    it("takes no claim (409 AVAILABILITY_ENDED with when) and cannot be refreshed; moving the window reopens it", async () => {
      const { slug, steward, members, spec } = await newBoard(h.api, { members: 1 });
      const offer = await postSignal(steward, slug, { kind: "capacity", resourceSpecId: spec.id, quantity: 8, availableUntil: hoursFromNow(2) });
      await later(3, async () => {
        const seq = await lastSeq(h.api, slug);
        const r = await members[0]!.api.post(`/signals/${offer.id}/claims`, { quantity: 1 });
        expectError(r, 409, "AVAILABILITY_ENDED");
        expect(r.body.error.availableUntil).toBe(offer.availableUntil);
        expectError(await steward.api.post(`/signals/${offer.id}/refresh`), 409, "AVAILABILITY_ENDED");
        expect(await lastSeq(h.api, slug)).toBe(seq);
        expect((await h.api.get(`/signals/${offer.id}`)).body).toMatchObject({ claimedQuantity: 0, claims: [] });

        const moved = await steward.api.patch(`/signals/${offer.id}`, { availableUntil: hoursFromNow(48) });
        expectStatus(moved, 200);
        expectStatus(await members[0]!.api.post(`/signals/${offer.id}/claims`, { quantity: 1 }), 201);
      });
    });
  });
});
