// Capacity calendars through the real API on both databases: a capacity signal states a rate per week
// over its availability window, claims book named weeks, and no week is booked beyond the rate, however
// many makers race for it. Released claims free their weeks; a partial release gives back the latest.
import { describe, expect, it } from "vitest";
import { weekKeyOf } from "../../server/domain/capacity-calendar";
import { DB_KINDS } from "../support/server";
import { fingerprint, changedTables } from "../support/db-state";
import { allEvents, expectError, expectStatus, hoursFromNow, newBoard, newMembers, postSignal, useApp } from "../support/fixtures";

const WEEK_MS = 7 * 24 * 3_600_000;
const weekFromNow = (n: number) => weekKeyOf(new Date(Date.now() + n * WEEK_MS));

describe.each(DB_KINDS)("capacity calendars on %s", (kind) => {
  const h = useApp(kind);

  async function ratedCapacity(rate = 200, weeks = 4) {
    const board = await newBoard(h.api);
    const signal = await postSignal(board.steward, board.slug, {
      kind: "capacity",
      resourceSpecId: board.spec.id,
      quantity: rate * (weeks + 1),
      title: "Face shields, 200 a week",
      availableUntil: hoursFromNow(weeks * 24 * 7),
      rate: { quantity: rate, period: "week" },
    });
    return { ...board, signal };
  }

  it("publishes a rate per week and shows every week from this one to the end of availability, all free", async () => {
    const { signal } = await ratedCapacity(200, 4);
    expect(signal.rate).toEqual({ quantity: 200, period: "week" });
    expect(signal.calendar.map((w: { week: string }) => w.week)).toEqual([0, 1, 2, 3, 4].map(weekFromNow));
    for (const w of signal.calendar) expect(w).toMatchObject({ capacity: 200, booked: 0, free: 200 });
    expect(new Date(signal.calendar[1].startsAt).getUTCDay()).toBe(1); // weeks start on Monday (UTC)
  });

  it("refuses a rate on anything but capacity, without an end of availability, or in half units of a counted thing", async () => {
    const { slug, steward, spec } = await newBoard(h.api);
    const base = { resourceSpecId: spec.id, quantity: 100, rate: { quantity: 20, period: "week" } };
    expectError(await steward.api.post(`/boards/${slug}/signals`, { ...base, kind: "stock", availableUntil: hoursFromNow(200) }), 400, "VALIDATION_FAILED", ["rate"]);
    expectError(await steward.api.post(`/boards/${slug}/signals`, { ...base, kind: "capacity" }), 400, "VALIDATION_FAILED", ["availableUntil"]);
    expectError(
      await steward.api.post(`/boards/${slug}/signals`, { ...base, kind: "capacity", availableUntil: hoursFromNow(200), rate: { quantity: 2.5, period: "week" } }),
      400,
      "VALIDATION_FAILED",
      ["rate.quantity"],
    );
    expectError(
      await steward.api.post(`/boards/${slug}/signals`, { ...base, kind: "capacity", availableUntil: hoursFromNow(200), rate: { quantity: 20, period: "fortnight" } }),
      400,
      "VALIDATION_FAILED",
      ["rate.period"],
    );
  });

  it("a claim books weeks: its quantity is their sum, the calendar and the event show them, the signal page lists them", async () => {
    const { slug, signal } = await ratedCapacity(200, 4);
    const [maker] = await newMembers(h.api, slug, 1);
    const bookings = [
      { week: weekFromNow(1), quantity: 150 },
      { week: weekFromNow(2), quantity: 200 },
    ];
    const res = await maker!.api.post(`/signals/${signal.id}/claims`, { bookings });
    expectStatus(res, 201);
    expect(res.body).toMatchObject({ quantity: 350, bookings });
    const week = (s: { calendar: Array<{ week: string }> }, w: string) => s.calendar.find((x) => x.week === w);
    expect(week(res.body.signal, weekFromNow(1))).toMatchObject({ booked: 150, free: 50 });
    expect(week(res.body.signal, weekFromNow(2))).toMatchObject({ booked: 200, free: 0 });
    expect(res.body.signal.claimedQuantity).toBe(350);

    const event = (await allEvents(h.api, slug)).events.at(-1);
    expect(event.type).toBe("claim.created");
    expect(week(event.data.signal, weekFromNow(1))).toMatchObject({ booked: 150, free: 50 });
    const page = (await maker!.api.get(`/signals/${signal.id}`)).body;
    expect(page.claims[0].bookings).toEqual(bookings);
    expect(week(page, weekFromNow(1))).toMatchObject({ booked: 150, free: 50 });
    const listed = (await h.api.get(`/boards/${slug}/signals`)).body.items.find((s: { id: string }) => s.id === signal.id);
    expect(week(listed, weekFromNow(2))).toMatchObject({ booked: 200, free: 0 });
  });

  it("refuses an overbooked week with what it has free (409 OVERBOOKED), and malformed bookings (400); nothing is written", async () => {
    const { slug, signal } = await ratedCapacity(200, 4);
    const [first, second] = await newMembers(h.api, slug, 2);
    expectStatus(await first!.api.post(`/signals/${signal.id}/claims`, { bookings: [{ week: weekFromNow(1), quantity: 150 }] }), 201);
    const before = await fingerprint(h.app.db.prisma);
    const over = await second!.api.post(`/signals/${signal.id}/claims`, {
      bookings: [
        { week: weekFromNow(0), quantity: 10 },
        { week: weekFromNow(1), quantity: 60 },
      ],
    });
    expectError(over, 409, "OVERBOOKED");
    expect(over.body.error).toMatchObject({ week: weekFromNow(1), free: 50 });
    const api = second!.api;
    expectError(await api.post(`/signals/${signal.id}/claims`, { quantity: 10 }), 400, "VALIDATION_FAILED", ["bookings"]);
    expectError(await api.post(`/signals/${signal.id}/claims`, { bookings: [{ week: weekFromNow(9), quantity: 1 }] }), 400, "VALIDATION_FAILED", ["bookings"]);
    expectError(await api.post(`/signals/${signal.id}/claims`, { bookings: [{ week: weekFromNow(-1), quantity: 1 }] }), 400, "VALIDATION_FAILED", ["bookings"]);
    expectError(await api.post(`/signals/${signal.id}/claims`, { bookings: [{ week: "2026-W99", quantity: 1 }] }), 400, "VALIDATION_FAILED", ["bookings.0.week"]);
    expectError(
      await api.post(`/signals/${signal.id}/claims`, { quantity: 5, bookings: [{ week: weekFromNow(2), quantity: 4 }] }),
      400,
      "VALIDATION_FAILED",
      ["quantity"],
    );
    expect(changedTables(before, await fingerprint(h.app.db.prisma))).toEqual([]);

    const { signal: unrated } = { signal: await postSignal(first!, slug, { kind: "need", resourceSpecId: (await h.api.get(`/signals/${signal.id}`)).body.resourceSpec.id, quantity: 5 }) };
    expectError(await second!.api.post(`/signals/${unrated.id}/claims`, { bookings: [{ week: weekFromNow(1), quantity: 1 }] }), 400, "VALIDATION_FAILED", ["bookings"]);
  });

  it("twelve makers racing for one week of 200 in 30s: six win, the week is never overbooked, losers see what is free", async () => {
    const { slug, signal } = await ratedCapacity(200, 2);
    const racers = await newMembers(h.api, slug, 12);
    const week = weekFromNow(1);
    const answers = await Promise.all(racers.map((m) => m.api.post(`/signals/${signal.id}/claims`, { bookings: [{ week, quantity: 30 }] })));
    const won = answers.filter((a) => a.status === 201);
    const lost = answers.filter((a) => a.status !== 201);
    expect(won).toHaveLength(6);
    for (const a of lost) {
      expectError(a, 409, "OVERBOOKED");
      expect(a.body.error).toMatchObject({ week, free: 20 });
    }
    const page = (await h.api.get(`/signals/${signal.id}`)).body;
    expect(page.calendar.find((w: { week: string }) => w.week === week)).toMatchObject({ booked: 180, free: 20 });
    const rows = await h.app.db.prisma.claimBooking.aggregate({ where: { signalId: signal.id }, _sum: { quantity: true } });
    expect(Number(rows._sum.quantity)).toBe(180);
  });

  it("a release frees the claim's weeks; a partial release gives back its latest weeks first", async () => {
    const { slug, signal } = await ratedCapacity(100, 4);
    const [a, b] = await newMembers(h.api, slug, 2);
    const w1 = weekFromNow(1);
    const w2 = weekFromNow(2);
    const claimA = (await a!.api.post(`/signals/${signal.id}/claims`, { bookings: [{ week: w1, quantity: 60 }, { week: w2, quantity: 40 }] })).body;
    const claimB = (await b!.api.post(`/signals/${signal.id}/claims`, { bookings: [{ week: w1, quantity: 40 }] })).body;

    const partial = await a!.api.post(`/claims/${claimA.id}/transition`, { to: "released", quantity: 50 });
    expectStatus(partial, 200);
    expect(partial.body.quantity).toBe(50);
    const cal = (s: { calendar: Array<{ week: string; booked: number }> }) => Object.fromEntries(s.calendar.map((w) => [w.week, w.booked]));
    expect(cal(partial.body.signal)).toMatchObject({ [w1]: 90, [w2]: 0 }); // w2's 40 and 10 of w1 came back
    expect((await a!.api.get(`/signals/${signal.id}`)).body.claims.find((c: { id: string }) => c.id === claimA.id).bookings).toEqual([{ week: w1, quantity: 50 }]);

    const whole = await b!.api.post(`/claims/${claimB.id}/transition`, { to: "released" });
    expectStatus(whole, 200);
    expect(cal(whole.body.signal)).toMatchObject({ [w1]: 50, [w2]: 0 });
    // The freed room can be booked again.
    const [c] = await newMembers(h.api, slug, 1);
    expectStatus(await c!.api.post(`/signals/${signal.id}/claims`, { bookings: [{ week: w1, quantity: 50 }] }), 201);
  });

  it("the end of availability of a rated signal can move, but not go away", async () => {
    const { steward, signal } = await ratedCapacity(100, 2);
    expectError(await steward.api.patch(`/signals/${signal.id}`, { availableUntil: null }), 400, "VALIDATION_FAILED", ["availableUntil"]);
    const later = await steward.api.patch(`/signals/${signal.id}`, { availableUntil: hoursFromNow(5 * 24 * 7) });
    expectStatus(later, 200);
    expect(later.body.calendar).toHaveLength(6);
  });
});
