// Leaving a board (DELETE /boards/:slug/members/me) and a steward removing a member
// (DELETE /boards/:slug/members/:userId), on both databases: each is logged on the board, a board never
// loses its last steward (also when two stewards race), and bad requests change nothing.
import { describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/server";
import { addMemberDirectly, allEvents, expectError, expectStatus, newBoard, newMember, useApp } from "../support/fixtures";

describe.each(DB_KINDS)("board membership on %s", (kind) => {
  const h = useApp(kind);

  const boardsOf = async (m: { api: typeof h.api }) => ((await m.api.get("/me")).body.boards as Array<{ slug: string }>).map((b) => b.slug);

  it("a member leaves: 204, member.left in the board's log, gone from /me and the member count; can join again", async () => {
    const { slug, members } = await newBoard(h.api, { members: 2 });
    const [leaver] = members;
    const before = (await h.api.get(`/boards/${slug}`)).body.memberCount;
    expectStatus(await leaver!.api.delete(`/boards/${slug}/members/me`), 204);
    const { events } = await allEvents(h.api, slug);
    expect(events.at(-1)).toMatchObject({
      type: "member.left",
      board: slug,
      actor: { id: leaver!.id, name: leaver!.name },
      data: { member: { id: leaver!.id, name: leaver!.name } },
    });
    expect(await boardsOf(leaver!)).not.toContain(slug);
    expect((await h.api.get(`/boards/${slug}`)).body.memberCount).toBe(before - 1);
    // Writing now needs membership again; joining (accepting the covenant) gives it back.
    expect((await leaver!.api.post(`/boards/${slug}/members`)).status).toBe(201);
    expect(await boardsOf(leaver!)).toContain(slug);
  });

  it("members list the board's members, stewards first; outsiders may not (public: 403, members-only: 404)", async () => {
    const { slug, steward, members } = await newBoard(h.api, { members: 2 });
    const [a, b] = members;
    const res = await a!.api.get(`/boards/${slug}/members`);
    expectStatus(res, 200);
    expect(res.body.items.map((m: { userId: string; name: string; role: string }) => [m.userId, m.name, m.role])).toEqual([
      [steward.id, steward.name, "steward"],
      [a!.id, a!.name, "member"],
      [b!.id, b!.name, "member"],
    ]);
    for (const m of res.body.items) expect(Number.isNaN(Date.parse(m.joinedAt))).toBe(false);
    // Someone who left is off the list.
    expectStatus(await b!.api.delete(`/boards/${slug}/members/me`), 204);
    expect((await steward.api.get(`/boards/${slug}/members`)).body.items.map((m: { userId: string }) => m.userId)).toEqual([steward.id, a!.id]);

    const outsider = await newMember(h.api);
    expectError(await outsider.api.get(`/boards/${slug}/members`), 403, "NOT_A_MEMBER");
    expectError(await h.api.get(`/boards/${slug}/members`), 401, "UNAUTHENTICATED");
    const hidden = await newBoard(h.api, { visibility: "members" });
    expectError(await outsider.api.get(`/boards/${hidden.slug}/members`), 404, "NOT_FOUND");
    expect((await hidden.steward.api.get(`/boards/${hidden.slug}/members`)).body.items).toHaveLength(1);
  });

  it("leaving a board one is not in: 403 NOT_A_MEMBER; anonymous: 401; unknown board: 404", async () => {
    const { slug } = await newBoard(h.api);
    const outsider = await newMember(h.api);
    expectError(await outsider.api.delete(`/boards/${slug}/members/me`), 403, "NOT_A_MEMBER");
    expectError(await h.api.delete(`/boards/${slug}/members/me`), 401, "UNAUTHENTICATED");
    expectError(await outsider.api.delete(`/boards/no-such-board-here/members/me`), 404, "NOT_FOUND");
  });

  it("a steward removes a member: 204, member.removed by the steward; the member can no longer write", async () => {
    const { slug, steward, members, spec } = await newBoard(h.api, { members: 1 });
    const m = members[0]!;
    expectStatus(await steward.api.delete(`/boards/${slug}/members/${m.id}`), 204);
    const { events, lastSeq } = await allEvents(h.api, slug);
    expect(events.at(-1)).toMatchObject({
      seq: lastSeq,
      type: "member.removed",
      actor: { id: steward.id, name: steward.name },
      data: { member: { id: m.id, name: m.name } },
    });
    expectError(await m.api.post(`/boards/${slug}/signals`, { kind: "need", resourceSpecId: spec.id, quantity: 1 }), 403, "NOT_A_MEMBER");
    // Removing them again: they are no member any more.
    expectError(await steward.api.delete(`/boards/${slug}/members/${m.id}`), 404, "NOT_FOUND");
  });

  it("only a steward removes others; bad ids are 404; nothing is written by a refused removal", async () => {
    const { slug, steward, members } = await newBoard(h.api, { members: 2 });
    const [a, b] = members;
    const { lastSeq } = await allEvents(h.api, slug);
    expectError(await a!.api.delete(`/boards/${slug}/members/${b!.id}`), 403, "FORBIDDEN");
    expectError(await a!.api.delete(`/boards/${slug}/members/${steward.id}`), 403, "FORBIDDEN");
    expectError(await steward.api.delete(`/boards/${slug}/members/not-a-uuid`), 404, "NOT_FOUND");
    expectError(await steward.api.delete(`/boards/${slug}/members/00000000-0000-4000-8000-000000000000`), 404, "NOT_FOUND");
    expectError(await h.api.delete(`/boards/${slug}/members/${a!.id}`), 401, "UNAUTHENTICATED");
    expect((await allEvents(h.api, slug)).lastSeq).toBe(lastSeq);
    expect(await boardsOf(b!)).toContain(slug);
  });

  it("the last steward can neither leave nor remove themselves: 409 LAST_STEWARD", async () => {
    const { slug, steward } = await newBoard(h.api, { members: 1 });
    expectError(await steward.api.delete(`/boards/${slug}/members/me`), 409, "LAST_STEWARD");
    expectError(await steward.api.delete(`/boards/${slug}/members/${steward.id}`), 409, "LAST_STEWARD");
    expect((await h.api.get(`/boards/${slug}`)).body.memberCount).toBe(2);
  });

  it("with two stewards, one may remove the other, but not the one who is then last", async () => {
    const { slug, steward, members } = await newBoard(h.api, { members: 1 });
    const second = members[0]!;
    await addMemberDirectly(h.app, slug, second.id, "steward");
    expectStatus(await second.api.delete(`/boards/${slug}/members/${steward.id}`), 204);
    expectError(await second.api.delete(`/boards/${slug}/members/me`), 409, "LAST_STEWARD");
  });

  it("two stewards removing each other at the same moment: exactly one succeeds, the board keeps one steward", async () => {
    for (let round = 0; round < 3; round++) {
      const { slug, steward, members } = await newBoard(h.api, { members: 1 });
      const other = members[0]!;
      await addMemberDirectly(h.app, slug, other.id, "steward");
      const [r1, r2] = await Promise.all([
        steward.api.delete(`/boards/${slug}/members/${other.id}`),
        other.api.delete(`/boards/${slug}/members/${steward.id}`),
      ]);
      // Serialised on the board: the first removal wins; the loser is by then no steward (nor member).
      expect([r1.status, r2.status].sort(), JSON.stringify([r1.body, r2.body])).toEqual([204, 403]);
      expect([r1, r2].find((r) => r.status === 403)!.body.error.code).toBe("FORBIDDEN");
      const stewards = await h.app.db.prisma.boardMember.count({ where: { board: { slug }, role: "steward" } });
      expect(stewards).toBe(1);
    }
  });

  it("two stewards leaving at the same moment: exactly one leaves", async () => {
    const { slug, steward, members } = await newBoard(h.api, { members: 1 });
    const other = members[0]!;
    await addMemberDirectly(h.app, slug, other.id, "steward");
    const answers = await Promise.all([steward.api.delete(`/boards/${slug}/members/me`), other.api.delete(`/boards/${slug}/members/me`)]);
    expect(answers.map((r) => r.status).sort()).toEqual([204, 409]);
    const { events } = await allEvents(h.api, slug);
    expect(events.filter((e) => e.type === "member.left")).toHaveLength(1);
  });

  it("a members-only board answers 404 to outsiders trying to remove anyone", async () => {
    const { slug, steward } = await newBoard(h.api, { visibility: "members" });
    const outsider = await newMember(h.api);
    expectError(await outsider.api.delete(`/boards/${slug}/members/${steward.id}`), 404, "NOT_FOUND");
    expectError(await outsider.api.delete(`/boards/${slug}/members/me`), 404, "NOT_FOUND");
  });
});
