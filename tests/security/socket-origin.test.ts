// Cross-site WebSocket hijacking: a page on another site can open a socket to us, and the browser sends
// our session cookie with it. Such a handshake must not act as the signed-in person: here it cannot join a
// members-only board the person belongs to, while the same cookie from our own origin (or from a
// non-browser client, which sends no Origin) can, and an explicit token works from anywhere.
import { io, type Socket } from "socket.io-client";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { JoinAck } from "../../server/domain/realtime-contract";
import { newMember, rawRequest, uniqueSlug, useApp, type Member } from "../support/fixtures";

const PASSWORD = "correct horse battery";

describe("socket handshakes from another site (pglite)", () => {
  const h = useApp("pglite");
  let slug: string;
  let member: Member;
  let cookie: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    // The creator of a members-only board is its steward, so its one member.
    member = await newMember(h.api);
    slug = uniqueSlug("closed");
    const b = await member.api.post("/boards", { slug, name: "Members only", visibility: "members" });
    expect(b.status).toBe(201);
    const signIn = await rawRequest(h.app.url, "POST", "/sessions", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: member.email, password: PASSWORD }),
    });
    cookie = signIn.headers.get("set-cookie")!.match(/sb_session=[^;]+/)![0];
  });

  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });

  /** Connects as a browser would over WebSocket, with the given handshake headers, and joins the board. */
  async function joinWith(headers: Record<string, string>, auth: Record<string, string> = {}): Promise<JoinAck> {
    const socket = io(h.app.url, {
      path: "/socket.io",
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      extraHeaders: headers,
      auth,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    return (await socket.timeout(10_000).emitWithAck("board:join", { slug })) as JoinAck;
  }

  it("the cookie counts from our own origin and from clients that send no Origin", async () => {
    expect(await joinWith({ cookie, origin: h.app.url })).toMatchObject({ ok: true, board: slug });
    expect(await joinWith({ cookie, origin: h.app.url, "sec-fetch-site": "same-origin" })).toMatchObject({ ok: true });
    expect(await joinWith({ cookie })).toMatchObject({ ok: true, board: slug });
  });

  it("the cookie is ignored when the handshake comes from another site: the members-only board stays hidden", async () => {
    for (const headers of <Array<Record<string, string>>>[
      { cookie, origin: "https://evil.example" },
      { cookie, origin: "null" },
      { cookie, "sec-fetch-site": "cross-site" },
      { cookie, "sec-fetch-site": "same-site", origin: h.app.url.replace("127.0.0.1", "localhost") },
    ]) {
      const ack = await joinWith(headers);
      expect(ack, JSON.stringify(headers)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    }
  });

  it("a token passed in auth still works from another site (another site cannot read it from us)", async () => {
    const ack = await joinWith({ origin: "https://evil.example" }, { token: member.token });
    expect(ack).toMatchObject({ ok: true, board: slug });
  });
});
