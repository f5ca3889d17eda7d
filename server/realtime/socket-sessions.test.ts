import type { Socket } from "socket.io";
import { describe, expect, it } from "vitest";
import { SocketSessions, type SocketData } from "./socket-sessions";

/** The little of a Socket.IO socket the sessions touch: its data, rooms it joins and leaves, events it is sent. */
function fakeSocket() {
  const left: string[] = [];
  const joined: string[] = [];
  const sent: Array<[string, unknown]> = [];
  const socket = {
    data: {} as SocketData,
    join: (room: string) => void joined.push(room),
    leave: (room: string) => void left.push(room),
    emit: (name: string, payload: unknown) => void sent.push([name, payload]),
  };
  return { socket: socket as unknown as Socket, left, joined, sent, data: socket.data };
}

const ada = { actor: { userId: "u-ada", name: "Ada" }, credential: { kind: "session" as const, id: "s1" } };

function setup() {
  let t = 0;
  const sessions = new SocketSessions(true, (id) => `board:${id}`, () => t);
  const leftRooms: string[] = [];
  sessions.onLeftRoom((_, boardId) => leftRooms.push(boardId));
  return { sessions, leftRooms, advance: (ms: number) => (t += ms) };
}

describe("SocketSessions", () => {
  it("a sign-out takes the session's sockets out of members-only boards, keeps public ones, and forgets who they were", () => {
    const { sessions, leftRooms } = setup();
    const a = fakeSocket();
    sessions.register(a.socket, ada, sessions.stamp());
    // Signed in: the socket is in the person's room, where their notifications go (ADR 035).
    expect(a.joined).toEqual(["user:u-ada"]);
    sessions.joined(a.socket, "crew", { slug: "crew-slug", visibility: "members" });
    sessions.joined(a.socket, "open", { slug: "open-slug", visibility: "public" });
    sessions.ended({ kind: "session", id: "s1" });
    expect(a.sent).toEqual([["board:revoked", { board: "crew-slug", reason: "signed-out" }]]);
    expect(a.left).toEqual(["user:u-ada", "board:crew"]);
    expect(leftRooms).toEqual(["crew"]);
    expect(a.data.actor).toBeNull();
    expect([...a.data.rooms.keys()]).toEqual(["open"]);
    // Ended once: a repeat (another instance's notification of it) changes nothing more.
    sessions.ended({ kind: "session", id: "s1" });
    expect(a.sent).toHaveLength(1);
  });

  it("a membership end touches only that person's sockets on that board", () => {
    const { sessions } = setup();
    const mine = fakeSocket();
    const theirs = fakeSocket();
    sessions.register(mine.socket, ada, 0);
    sessions.register(theirs.socket, { actor: { userId: "u-bo", name: "Bo" }, credential: { kind: "token", id: "t9" } }, 0);
    for (const s of [mine, theirs]) {
      sessions.joined(s.socket, "crew", { slug: "crew-slug", visibility: "members" });
      sessions.joined(s.socket, "other", { slug: "other-slug", visibility: "members" });
    }
    sessions.ended({ kind: "membership", boardId: "crew", userId: "u-ada" });
    expect(mine.sent).toEqual([["board:revoked", { board: "crew-slug", reason: "membership-ended" }]]);
    expect(theirs.sent).toEqual([]);
    expect(mine.data.actor).toEqual(ada.actor); // still signed in
    expect([...mine.data.rooms.keys()]).toEqual(["other"]);
  });

  it("a handshake that read a credential just before it ended registers the socket as anonymous", () => {
    const { sessions } = setup();
    const stamp = sessions.stamp(); // taken before the session was read from the database
    sessions.ended({ kind: "session", id: "s1" }); // the sign-out lands while the handshake reads
    const late = fakeSocket();
    sessions.register(late.socket, ada, stamp);
    expect(late.data.actor).toBeNull();
    // A handshake that began after the end and still found the session (it cannot, but) is not confused:
    const fresh = fakeSocket();
    sessions.register(fresh.socket, { ...ada, credential: { kind: "session", id: "s2" } }, sessions.stamp());
    expect(fresh.data.actor).toEqual(ada.actor);
  });

  it("a join that read its access before an end that concerns it is told so; others are not", () => {
    const { sessions } = setup();
    const s = fakeSocket();
    sessions.register(s.socket, ada, 0);
    const stamp = sessions.stamp();
    sessions.ended({ kind: "membership", boardId: "crew", userId: "u-ada" });
    expect(sessions.endedSince(s.socket, "crew", stamp)).toBe(true);
    expect(sessions.endedSince(s.socket, "other", stamp)).toBe(false);
    expect(sessions.endedSince(s.socket, "crew", sessions.stamp())).toBe(false);
    sessions.ended({ kind: "session", id: "s1" });
    expect(sessions.endedSince(s.socket, "other", stamp)).toBe(true);
  });

  it("ignores its own notifications (handled at commit), malformed ones, and acts on other instances'", () => {
    const { sessions } = setup();
    const s = fakeSocket();
    sessions.register(s.socket, ada, 0);
    sessions.joined(s.socket, "crew", { slug: "crew-slug", visibility: "members" });
    const end = { kind: "session", id: "s1" };
    sessions.received(JSON.stringify({ from: sessions.instanceId, end }));
    for (const bad of ["", "{", "null", JSON.stringify({ from: "x", end: { kind: "nope" } }), JSON.stringify({ end })])
      sessions.received(bad);
    expect(s.sent).toEqual([]);
    sessions.received(JSON.stringify({ from: "another-instance", end }));
    expect(s.sent).toEqual([["board:revoked", { board: "crew-slug", reason: "signed-out" }]]);
  });

  it("after missed notifications, asks which of its sockets' credentials and memberships still hold, and ends the others", async () => {
    const { sessions } = setup();
    const a = fakeSocket();
    const b = fakeSocket();
    sessions.register(a.socket, ada, 0);
    sessions.register(b.socket, { actor: { userId: "u-bo", name: "Bo" }, credential: { kind: "token", id: "t9" } }, 0);
    sessions.joined(a.socket, "crew", { slug: "crew-slug", visibility: "members" });
    sessions.joined(b.socket, "crew", { slug: "crew-slug", visibility: "members" });
    sessions.joined(b.socket, "open", { slug: "open-slug", visibility: "public" });
    let asked: unknown;
    await sessions.resync(async (credentials, memberships) => {
      asked = { credentials, memberships };
      return [
        { kind: "session", id: "s1" },
        { kind: "membership", boardId: "crew", userId: "u-bo" },
      ];
    });
    expect(asked).toEqual({
      credentials: [ada.credential, { kind: "token", id: "t9" }],
      memberships: [
        { boardId: "crew", userId: "u-ada" },
        { boardId: "crew", userId: "u-bo" },
      ],
    });
    expect(a.sent).toEqual([["board:revoked", { board: "crew-slug", reason: "signed-out" }]]);
    expect(b.sent).toEqual([["board:revoked", { board: "crew-slug", reason: "membership-ended" }]]);
    expect(b.data.actor).not.toBeNull();
  });

  it("a disconnected socket is forgotten", () => {
    const { sessions } = setup();
    const s = fakeSocket();
    sessions.register(s.socket, ada, 0);
    sessions.joined(s.socket, "crew", { slug: "crew-slug", visibility: "members" });
    sessions.unregister(s.socket);
    sessions.ended({ kind: "session", id: "s1" });
    expect(s.sent).toEqual([]);
  });
});
