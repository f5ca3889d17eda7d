// Subscriptions and live notifications through the real API and a real Socket.IO connection, on both
// databases (ADR 035): a matching need reaches the subscriber live and once, stays unread until marked,
// and never reaches someone who cannot read the board.
import { describe, expect, it } from "vitest";
import type { NotificationDto } from "../../server/domain/realtime-contract";
import { DB_KINDS } from "../support/server";
import { postCsv } from "./csv-helpers";
import { notifyForBoard } from "../../server/services/notify-subscribers";
import { changedTables, fingerprint } from "../support/db-state";
import { connectClient, waitUntil } from "../support/socket";
import { addMemberDirectly, expectError, expectStatus, newBoard, newMember, postSignal, rawRequest, useApp, type Member } from "../support/fixtures";

const BERLIN = { name: "Berlin", lat: 52.52, lng: 13.405 };
const POTSDAM = { name: "Potsdam", lat: 52.3906, lng: 13.0645 };
const HAMBURG = { name: "Hamburg", lat: 53.5511, lng: 9.9937 };
const CAP = 4;
const HOME = { lat: BERLIN.lat, lng: BERLIN.lng };

describe.each(DB_KINDS)("notifications on %s", (kind) => {
  const h = useApp(kind, { env: { NOTIFICATIONS_PER_USER_PER_HOUR: String(CAP), NOTIFIER_INTERVAL_MS: "0" } });

  /** Waits until the notifier has read a board's log to its end. */
  async function notifierCaughtUp(slug: string) {
    const board = await h.app.db.prisma.board.findUniqueOrThrow({ where: { slug }, select: { id: true, lastSeq: true } });
    const deadline = Date.now() + 15_000;
    for (;;) {
      const at = (await h.app.db.prisma.notifierCursor.findUnique({ where: { boardId: board.id } }))?.lastSeq ?? -1;
      if (at >= board.lastSeq) return;
      if (Date.now() > deadline) throw new Error(`notifier at ${at} of ${board.lastSeq} on ${slug}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  const subscribe = (m: Member, body: Record<string, unknown>) => m.api.post("/me/subscriptions", body);

  it("a matching need elsewhere reaches the subscriber live, once; it stays unread after signing in again until marked read", async () => {
    const board = await newBoard(h.api);
    const subscriber = await newMember(h.api);
    const sub = await subscribe(subscriber, { resourceSpecIds: [board.spec.id], near: HOME, radiusKm: 50 });
    expectStatus(sub, 201);
    expect(sub.body).toMatchObject({ resourceSpecs: [{ id: board.spec.id }], near: { lat: 52.52, lng: 13.405 }, radiusKm: 50, boardSlugs: [] });

    const socket = await connectClient(h.app.url, { token: subscriber.token });
    const pushed: NotificationDto[] = [];
    socket.socket.on("me:notification", (n: NotificationDto) => pushed.push(n));

    const need = await postSignal(board.steward, board.slug, { kind: "need", resourceSpecId: board.spec.id, quantity: 40, title: "Shields", location: POTSDAM });
    await waitUntil(() => pushed.length >= 1, 15_000, () => "a live notification");
    expect(pushed[0]).toMatchObject({ signal: { id: need.id, kind: "need", board: { slug: board.slug } }, readAt: null });
    expect(pushed[0]!.text).toContain("27 km away");

    // Too far, an offer, and a need the subscriber posts themselves: none notifies.
    await postSignal(board.steward, board.slug, { kind: "need", resourceSpecId: board.spec.id, quantity: 5, title: "Far", location: HAMBURG });
    await postSignal(board.steward, board.slug, { kind: "stock", resourceSpecId: board.spec.id, quantity: 5, title: "Offer", location: BERLIN });
    // Replaying the board's log from the start (as after a crash before the cursor moved) writes nothing twice.
    const b = await h.app.db.prisma.board.findUniqueOrThrow({ where: { slug: board.slug }, select: { id: true } });
    await h.app.db.prisma.notifierCursor.update({ where: { boardId: b.id }, data: { lastSeq: 0 } });
    await postSignal(board.steward, board.slug, { kind: "capacity", resourceSpecId: board.spec.id, quantity: 5, title: "Wakes the notifier", location: BERLIN });
    await notifierCaughtUp(board.slug);
    expect(pushed.map((n) => n.signal.id)).toEqual([need.id]);
    expect(await h.app.db.prisma.notification.count({ where: { userId: subscriber.id } })).toBe(1);
    socket.close();

    // Signing in again (a new credential) finds it unread.
    const again = await h.api.post("/tokens", { email: subscriber.email, password: subscriber.password });
    const fresh = h.api.as(again.body.token);
    const unread = await fresh.get("/me/notifications?unread=1");
    expectStatus(unread, 200);
    expect(unread.body).toMatchObject({ unread: 1, items: [{ id: pushed[0]!.id, readAt: null }] });

    expectError(await fresh.post("/me/notifications/read", {}), 400, "VALIDATION_FAILED");
    expectError(await fresh.post("/me/notifications/read", { ids: ["x"] }), 400, "VALIDATION_FAILED");
    expectError(await fresh.post("/me/notifications/read", { ids: [pushed[0]!.id], all: true }), 400, "VALIDATION_FAILED");
    expectError(await h.api.get("/me/notifications"), 401, "UNAUTHENTICATED");
    // Someone else's ids change nothing.
    expect((await board.steward.api.post("/me/notifications/read", { ids: [pushed[0]!.id] })).body).toEqual({ updated: 0, unread: 0 });
    expect((await fresh.post("/me/notifications/read", { ids: [pushed[0]!.id] })).body).toEqual({ updated: 1, unread: 0 });
    expect((await fresh.get("/me/notifications?unread=1")).body).toEqual({ items: [], unread: 0 });
    expect((await fresh.get("/me/notifications")).body.items[0].readAt).not.toBeNull();
    expect((await fresh.post("/me/notifications/read", { all: true })).body).toEqual({ updated: 0, unread: 0 });
  });

  it("never notifies someone who cannot read a members-only board; its members do hear", async () => {
    const board = await newBoard(h.api, { visibility: "members" });
    const outsider = await newMember(h.api);
    const member = await newMember(h.api);
    await addMemberDirectly(h.app, board.slug, member.id);
    for (const m of [outsider, member]) expectStatus(await subscribe(m, { resourceSpecIds: [board.spec.id], near: HOME, radiusKm: 100 }), 201);
    const need = await postSignal(board.steward, board.slug, { kind: "need", resourceSpecId: board.spec.id, quantity: 3, title: "Quiet need", location: BERLIN });
    await notifierCaughtUp(board.slug);
    expect((await member.api.get("/me/notifications")).body.items.map((n: NotificationDto) => n.signal.id)).toEqual([need.id]);
    expect((await outsider.api.get("/me/notifications")).body.items).toEqual([]);
  });

  it("notifier runs racing over one board (instances, or a restart's catch-up) notify once", async () => {
    const board = await newBoard(h.api);
    const subscriber = await newMember(h.api);
    expectStatus(await subscribe(subscriber, { resourceSpecIds: [board.spec.id], near: HOME, radiusKm: 50 }), 201);
    const need = await postSignal(board.steward, board.slug, { kind: "need", resourceSpecId: board.spec.id, quantity: 2, title: "Raced", location: BERLIN });
    await notifierCaughtUp(board.slug);
    // As if the work had never been done (a crash before commit), then four runs at once.
    const { id: boardId } = await h.app.db.prisma.board.findUniqueOrThrow({ where: { slug: board.slug }, select: { id: true } });
    await h.app.db.prisma.notification.deleteMany({ where: { signalId: need.id } });
    await h.app.db.prisma.notifierCursor.update({ where: { boardId }, data: { lastSeq: 0 } });
    const runs = await Promise.all([1, 2, 3, 4].map(() => notifyForBoard(h.app.ctx, boardId, { perUserPerHour: 100 })));
    expect(runs.flatMap((r) => r?.delivered ?? []).map((d) => d.userId)).toEqual([subscriber.id]);
    expect(await h.app.db.prisma.notification.count({ where: { signalId: need.id } })).toBe(1);
  });

  it("needs from a CSV import or an accepted intake request notify too", async () => {
    const board = await newBoard(h.api);
    const subscriber = await newMember(h.api);
    expectStatus(await subscribe(subscriber, { resourceSpecIds: [board.spec.id], near: HOME, radiusKm: 50 }), 201);
    const csv = `kind,resource,quantity,title,lat,lng\nneed,${board.spec.name},5,Imported near,52.39,13.06\nneed,${board.spec.name},5,Imported far,53.55,9.99\n`;
    expectStatus(await postCsv(h.app.url, board.steward.token, board.slug, csv), 201);
    await notifierCaughtUp(board.slug);
    const titles = async () => (await subscriber.api.get("/me/notifications")).body.items.map((n: NotificationDto) => n.signal.title);
    expect(await titles()).toEqual(["Imported near"]);

    // A facility without an account asks through the public form; a steward accepts: a need, notified.
    const sent = await rawRequest(h.app.url, "POST", `/boards/${board.slug}/intake`, {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ facilityName: "Potsdam Clinic", contactEmail: "ward@clinic.example", place: POTSDAM, resourceSpecId: board.spec.id, quantity: 30 }),
    });
    expectStatus(sent, 202);
    const accepted = await board.steward.api.post(`/boards/${board.slug}/intake/${sent.body.id}/accept`, { organizationKind: "clinic" });
    expectStatus(accepted, 201);
    await notifierCaughtUp(board.slug);
    expect(await titles()).toEqual([accepted.body.signal.title, "Imported near"]);
  });

  it(`caps notifications at ${CAP} per person per hour`, async () => {
    const board = await newBoard(h.api);
    const subscriber = await newMember(h.api);
    expectStatus(await subscribe(subscriber, { resourceSpecIds: [board.spec.id], near: HOME, radiusKm: 10 }), 201);
    for (let i = 0; i < CAP + 2; i++) await postSignal(board.steward, board.slug, { kind: "need", resourceSpecId: board.spec.id, quantity: 1, title: `Need ${i}`, location: BERLIN });
    await notifierCaughtUp(board.slug);
    expect((await subscriber.api.get("/me/notifications")).body.unread).toBe(CAP);
  });

  it("lists and deletes subscriptions; refuses bad input without writing anything", async () => {
    const board = await newBoard(h.api, { visibility: "members" });
    const m = await newMember(h.api);
    const other = await newMember(h.api);
    const good = { resourceSpecIds: [board.spec.id], near: HOME, radiusKm: 25 };
    const before = await fingerprint(h.app.db.prisma);
    expectError(await h.api.post("/me/subscriptions", good), 401, "UNAUTHENTICATED");
    expectError(await subscribe(m, { ...good, radiusKm: 0 }), 400, "VALIDATION_FAILED", ["radiusKm"]);
    expectError(await subscribe(m, { ...good, near: { lat: 100, lng: 0 } }), 400, "VALIDATION_FAILED", ["near"]);
    expectError(await subscribe(m, { ...good, resourceSpecIds: [] }), 400, "VALIDATION_FAILED", ["resourceSpecIds"]);
    expectError(await subscribe(m, { ...good, resourceSpecIds: ["00000000-0000-4000-8000-000000000000"] }), 400, "VALIDATION_FAILED", ["resourceSpecIds"]);
    // A members-only board one is not on is "no such board", as one that does not exist.
    expectError(await subscribe(m, { ...good, boardSlugs: [board.slug] }), 400, "VALIDATION_FAILED", ["boardSlugs"]);
    expectError(await subscribe(m, { ...good, boardSlugs: ["no-such-board"] }), 400, "VALIDATION_FAILED", ["boardSlugs"]);
    expect(changedTables(before, await fingerprint(h.app.db.prisma))).toEqual([]);

    const made = await subscribe(m, { ...good, boardSlugs: ["commons"] });
    expectStatus(made, 201);
    expect((await m.api.get("/me/subscriptions")).body.items).toEqual([made.body]);
    expectError(await other.api.delete(`/me/subscriptions/${made.body.id}`), 404, "NOT_FOUND");
    expectStatus(await m.api.delete(`/me/subscriptions/${made.body.id}`), 204);
    expect((await m.api.get("/me/subscriptions")).body.items).toEqual([]);
  });
});
