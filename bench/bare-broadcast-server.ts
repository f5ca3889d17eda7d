// The baseline of `bench:realtime`: plain Socket.IO with the app's transport settings (same options as
// server/app-server.ts: path /socket.io, serveClient false, defaults otherwise), no database, no Next.
// It acknowledges `board:join` by joining a room, and on command broadcasts a given event object N times
// at a fixed spacing, recording the time of each emit. Driven over IPC by bench/realtime.ts.
import http from "node:http";
import { Server } from "socket.io";
import { now } from "./lib/common";

const HARD_CAP_MS = 15 * 60_000;
setTimeout(() => {
  console.error(`bare-broadcast-server ${process.pid}: hard time cap reached, exiting`);
  process.exit(2);
}, HARD_CAP_MS).unref();
process.on("disconnect", () => process.exit(0));

const ROOM = "board:bench";
const httpServer = http.createServer((req, res) => {
  if (req.url?.startsWith("/socket.io/")) return;
  res.writeHead(404);
  res.end();
});
const io = new Server(httpServer, { path: "/socket.io", serveClient: false });

io.on("connection", (socket) => {
  socket.on("board:join", (payload: { slug?: string } | undefined, ack: unknown) => {
    void socket.join(ROOM);
    if (typeof ack === "function") ack({ ok: true, protocol: 1, board: payload?.slug ?? "bench", lastSeq: 0, replayed: 0 });
  });
});

interface BroadcastCmd {
  type: "broadcast";
  payload: Record<string, unknown>;
  count: number;
  spacingMs: number;
}

function broadcast(cmd: BroadcastCmd) {
  const emits: number[] = [];
  const start = now() + 20;
  let i = 0;
  const tick = () => {
    const event = { ...cmd.payload, seq: i + 1 };
    const t = now();
    io.to(ROOM).emit("board:event", event);
    emits.push(t);
    i++;
    if (i < cmd.count) setTimeout(tick, Math.max(0, start + i * cmd.spacingMs - now()));
    else process.send?.({ type: "broadcasted", emits, viewers: io.sockets.adapter.rooms.get(ROOM)?.size ?? 0 });
  };
  setTimeout(tick, Math.max(0, start - now()));
}

process.on("message", (m: unknown) => {
  const cmd = m as BroadcastCmd | { type: "exit" };
  if (cmd.type === "broadcast") broadcast(cmd);
  else if (cmd.type === "exit") {
    io.close();
    process.exit(0);
  }
});

httpServer.listen(0, "127.0.0.1", () => {
  const a = httpServer.address();
  process.send?.({ type: "listening", port: typeof a === "object" && a ? a.port : 0 });
});
