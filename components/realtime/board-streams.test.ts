import { describe, expect, it } from "vitest";
import { event } from "@/components/test/fixtures";
import type { BoardEventDto } from "@/server/domain/dto";
import type { JoinAck, JoinPayload, PresencePayload, RevokedPayload } from "@/server/domain/realtime-contract";
import { BoardStreams, type StreamSocket } from "./board-streams";

/** A socket the test drives by hand: it records joins and leaves and lets the test fire events. */
class FakeSocket implements StreamSocket {
  connected = false;
  joins: Array<{ payload: JoinPayload; done: (err: Error | null, ack?: JoinAck) => void }> = [];
  leaves: string[] = [];
  private handlers = { connect: [] as Array<() => void>, disconnect: [] as Array<() => void>, event: [] as Array<(e: BoardEventDto) => void>, presence: [] as Array<(p: PresencePayload) => void>, revoked: [] as Array<(p: RevokedPayload) => void> };
  onConnect(fn: () => void) {
    this.handlers.connect.push(fn);
  }
  onDisconnect(fn: () => void) {
    this.handlers.disconnect.push(fn);
  }
  onEvent(fn: (e: BoardEventDto) => void) {
    this.handlers.event.push(fn);
  }
  onPresence(fn: (p: PresencePayload) => void) {
    this.handlers.presence.push(fn);
  }
  onRevoked(fn: (p: RevokedPayload) => void) {
    this.handlers.revoked.push(fn);
  }
  revoke(p: RevokedPayload) {
    this.handlers.revoked.forEach((f) => f(p));
  }
  join(payload: JoinPayload, done: (err: Error | null, ack?: JoinAck) => void) {
    this.joins.push({ payload, done });
  }
  leave(slug: string) {
    this.leaves.push(slug);
  }
  connect() {
    this.connected = true;
    this.handlers.connect.forEach((f) => f());
  }
  disconnect() {
    this.connected = false;
    this.handlers.disconnect.forEach((f) => f());
  }
  emit(e: BoardEventDto) {
    this.handlers.event.forEach((f) => f(e));
  }
  presence(p: PresencePayload) {
    this.handlers.presence.forEach((f) => f(p));
  }
  ack(i: number, a: JoinAck = { ok: true, protocol: 1, board: "commons", lastSeq: 0, replayed: 0 }) {
    this.joins[i]!.done(null, a);
  }
}

/** Timers the test runs by hand. */
function manualTimers() {
  let pending: Array<{ fn: () => void; id: number }> = [];
  let next = 1;
  return {
    setTimer: (fn: () => void) => {
      const id = next++;
      pending.push({ fn, id });
      return id as unknown as ReturnType<typeof setTimeout>;
    },
    clearTimer: (t: ReturnType<typeof setTimeout>) => {
      pending = pending.filter((p) => p.id !== (t as unknown as number));
    },
    runAll: () => {
      const now = pending;
      pending = [];
      now.forEach((p) => p.fn());
    },
  };
}

function setup() {
  const socket = new FakeSocket();
  const applied: number[] = [];
  const revoked: string[] = [];
  const timers = manualTimers();
  const streams = new BoardStreams(() => socket, (e) => applied.push(e.seq), { ...timers, onRevoked: (slug) => revoked.push(slug) });
  return { socket, applied, timers, streams, revoked };
}

describe("BoardStreams", () => {
  it("joins after the board's lastSeq once connected, and goes live on the ack", () => {
    const { socket, streams } = setup();
    streams.retain("commons", 41);
    expect(streams.getState("commons").status).toBe("connecting");
    expect(socket.joins).toHaveLength(0);
    socket.connect();
    expect(socket.joins[0]!.payload).toEqual({ slug: "commons", afterSeq: 41 });
    socket.ack(0);
    expect(streams.getState("commons").status).toBe("live");
  });

  it("applies events in order and ignores any seq at or below the last applied", () => {
    const { socket, streams, applied } = setup();
    socket.connect();
    streams.retain("commons", 5);
    socket.emit(event({ seq: 5, type: "signal.updated" }));
    socket.emit(event({ seq: 6, type: "signal.updated" }));
    socket.emit(event({ seq: 6, type: "signal.updated" }));
    socket.emit(event({ seq: 4, type: "signal.updated" }));
    socket.emit(event({ seq: 7, type: "signal.updated" }));
    expect(applied).toEqual([6, 7]);
    expect(streams.lastSeq("commons")).toBe(7);
  });

  it("ignores events of boards nobody watches", () => {
    const { socket, streams, applied } = setup();
    socket.connect();
    streams.retain("commons", 0);
    socket.emit(event({ seq: 1, type: "signal.created", board: "elsewhere" }));
    expect(applied).toEqual([]);
  });

  it("rejoins from the last applied seq after a reconnect", () => {
    const { socket, streams } = setup();
    socket.connect();
    streams.retain("commons", 10);
    socket.ack(0);
    socket.emit(event({ seq: 11, type: "signal.updated" }));
    socket.emit(event({ seq: 12, type: "claim.created" }));
    socket.disconnect();
    expect(streams.getState("commons").status).toBe("offline");
    socket.connect();
    expect(socket.joins[1]!.payload).toEqual({ slug: "commons", afterSeq: 12 });
    expect(streams.getState("commons").status).toBe("connecting");
    socket.ack(1);
    expect(streams.getState("commons").status).toBe("live");
  });

  it("shares one join between watchers and leaves after the last one goes", () => {
    const { socket, streams, timers } = setup();
    socket.connect();
    const a = streams.retain("commons", 3);
    const b = streams.retain("commons", 3);
    expect(socket.joins).toHaveLength(1);
    a();
    timers.runAll();
    expect(socket.leaves).toEqual([]);
    b();
    timers.runAll();
    expect(socket.leaves).toEqual(["commons"]);
  });

  it("stays joined when a watcher comes back within the linger time (page to page, Strict Mode)", () => {
    const { socket, streams, timers } = setup();
    socket.connect();
    const release = streams.retain("commons", 3);
    socket.ack(0);
    release();
    streams.retain("commons", 99);
    timers.runAll();
    expect(socket.leaves).toEqual([]);
    expect(socket.joins).toHaveLength(1);
    expect(streams.getState("commons").status).toBe("live");
  });

  it("resumes from its own last seq, not a newer board lastSeq, when joining again later", () => {
    const { socket, streams, timers } = setup();
    socket.connect();
    const release = streams.retain("commons", 3);
    socket.emit(event({ seq: 4, type: "signal.updated" }));
    release();
    timers.runAll();
    streams.retain("commons", 50);
    expect(socket.joins[1]!.payload).toEqual({ slug: "commons", afterSeq: 4 });
  });

  it("asks again when a join gets no answer, and ignores the late ack of the old one", () => {
    const { socket, streams, timers } = setup();
    socket.connect();
    streams.retain("commons", 0);
    socket.joins[0]!.done(new Error("timeout"));
    timers.runAll();
    expect(socket.joins).toHaveLength(2);
    socket.ack(0, { ok: false, error: { code: "X", message: "late" } });
    expect(streams.getState("commons").status).toBe("connecting");
    socket.ack(1);
    expect(streams.getState("commons").status).toBe("live");
  });

  it("reports a join refused for another reason than access as offline", () => {
    const { socket, streams, revoked } = setup();
    socket.connect();
    streams.retain("commons", 0);
    socket.ack(0, { ok: false, error: { code: "INTERNAL", message: "Could not join the board" } });
    expect(streams.getState("commons").status).toBe("offline");
    expect(revoked).toEqual([]);
  });

  it("a join answered NOT_FOUND means the board is no longer available to this visitor", () => {
    const { socket, streams, revoked } = setup();
    socket.connect();
    streams.retain("crew", 0);
    socket.ack(0, { ok: false, error: { code: "NOT_FOUND", message: "No board" } });
    expect(streams.getState("crew").status).toBe("revoked");
    expect(revoked).toEqual(["crew"]);
  });

  it("board:revoked ends the stream: no events applied after it, and it stays revoked across reconnects", () => {
    const { socket, streams, applied, revoked } = setup();
    socket.connect();
    streams.retain("crew", 0);
    socket.ack(0, { ok: true, protocol: 1, board: "crew", lastSeq: 0, replayed: 0 });
    socket.emit(event({ seq: 1, type: "signal.created", board: "crew" }));
    socket.revoke({ board: "crew", reason: "signed-out" });
    socket.emit(event({ seq: 2, type: "signal.created", board: "crew" }));
    expect(streams.getState("crew")).toEqual({ status: "revoked", viewers: 0 });
    expect(revoked).toEqual(["crew"]);
    // A late ack of the join it ended changes nothing.
    socket.ack(0, { ok: true, protocol: 1, board: "crew", lastSeq: 1, replayed: 0 });
    expect(streams.getState("crew").status).toBe("revoked");
    // Reconnecting (as after signing in or out) asks again from where it was, still shown as no access ...
    socket.disconnect();
    expect(streams.getState("crew").status).toBe("revoked");
    socket.connect();
    expect(socket.joins[1]!.payload).toEqual({ slug: "crew", afterSeq: 1 });
    expect(streams.getState("crew").status).toBe("revoked");
    socket.ack(1, { ok: false, error: { code: "NOT_FOUND", message: "No board" } });
    expect(streams.getState("crew").status).toBe("revoked");
    expect(revoked).toEqual(["crew"]);
    // ... until access is back (signed in again): the join succeeds and the stream is live.
    socket.disconnect();
    socket.connect();
    socket.emit(event({ seq: 2, type: "signal.created", board: "crew" })); // the rejoin's replay
    socket.ack(2, { ok: true, protocol: 1, board: "crew", lastSeq: 2, replayed: 1 });
    expect(streams.getState("crew").status).toBe("live");
    expect(applied).toEqual([1, 2]);
  });

  it("board:revoked of a board nobody watches is ignored, and other boards stay live", () => {
    const { socket, streams, revoked } = setup();
    socket.connect();
    streams.retain("commons", 0);
    socket.ack(0);
    socket.revoke({ board: "elsewhere", reason: "membership-ended" });
    expect(streams.getState("commons").status).toBe("live");
    expect(revoked).toEqual([]);
  });

  it("tracks viewers from presence and notifies watchers only on change", () => {
    const { socket, streams } = setup();
    socket.connect();
    streams.retain("commons", 0);
    let calls = 0;
    streams.watch("commons", () => calls++);
    socket.presence({ board: "commons", viewers: 3 });
    socket.presence({ board: "commons", viewers: 3 });
    socket.presence({ board: "other", viewers: 9 });
    expect(streams.getState("commons").viewers).toBe(3);
    expect(calls).toBe(1);
    const before = streams.getState("commons");
    expect(streams.getState("commons")).toBe(before);
  });

  it("keeps streaming when applying one event throws", () => {
    const socket = new FakeSocket();
    const seen: number[] = [];
    const streams = new BoardStreams(
      () => socket,
      (e) => {
        seen.push(e.seq);
        if (e.seq === 2) throw new Error("bad event");
      },
    );
    socket.connect();
    streams.retain("commons", 1);
    const err = console.error;
    console.error = () => {};
    socket.emit(event({ seq: 2, type: "signal.updated" }));
    console.error = err;
    socket.emit(event({ seq: 3, type: "signal.updated" }));
    expect(seen).toEqual([2, 3]);
  });
});
