// A client worker of `bench:realtime`: opens many Socket.IO clients (each its own connection), joins
// every one to a board with an acknowledgement, and records the arrival time of every `board:event` by
// seq. Driven over IPC by bench/realtime.ts; exits when its parent goes away or after a hard time cap.
import { io, type Socket } from "socket.io-client";
import { mapLimit, now } from "./lib/common";

interface ConnectCmd {
  type: "connect";
  url: string;
  slug: string;
  count: number;
  firstId: number;
  concurrency: number;
  transports: string[];
  joinTimeoutMs: number;
}
type Cmd = ConnectCmd | { type: "progress" } | { type: "collect" } | { type: "disconnect" } | { type: "exit" };

interface ClientRec {
  id: number;
  socket: Socket;
  joinedSeq: number | null;
  seqs: number[];
  times: number[];
  disconnects: number;
}

const HARD_CAP_MS = 15 * 60_000;
setTimeout(() => {
  console.error(`realtime-worker ${process.pid}: hard time cap reached, exiting`);
  process.exit(2);
}, HARD_CAP_MS).unref();
process.on("disconnect", () => process.exit(0));

let clients: ClientRec[] = [];
let received = 0;
let sample: unknown = null;
const signalBySeq = new Map<number, string | null>();

function send(msg: unknown) {
  process.send?.(msg);
}

async function connect(cmd: ConnectCmd) {
  const started = now();
  const ids = Array.from({ length: cmd.count }, (_, i) => cmd.firstId + i);
  let failed = 0;
  const errors: string[] = [];
  clients = await mapLimit(ids, cmd.concurrency, async (id) => {
    const socket = io(cmd.url, {
      path: "/socket.io",
      transports: cmd.transports,
      forceNew: true,
      reconnection: false,
      timeout: cmd.joinTimeoutMs,
    });
    const rec: ClientRec = { id, socket, joinedSeq: null, seqs: [], times: [], disconnects: 0 };
    socket.on("board:event", (e: { seq: number; data?: { signal?: { id?: string } } }) => {
      const t = now();
      rec.seqs.push(e.seq);
      rec.times.push(t);
      received++;
      if (!signalBySeq.has(e.seq)) signalBySeq.set(e.seq, e.data?.signal?.id ?? null);
      sample ??= e;
    });
    socket.on("disconnect", () => rec.disconnects++);
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", (err) => reject(err));
      });
      const ack = (await socket.timeout(cmd.joinTimeoutMs).emitWithAck("board:join", { slug: cmd.slug })) as {
        ok: boolean;
        lastSeq?: number;
        error?: { code: string };
      };
      if (!ack.ok) throw new Error(`join refused: ${ack.error?.code}`);
      rec.joinedSeq = ack.lastSeq ?? 0;
    } catch (err) {
      failed++;
      if (errors.length < 5) errors.push(String((err as Error).message ?? err));
    }
    return rec;
  });
  const seqs = clients.filter((c) => c.joinedSeq !== null).map((c) => c.joinedSeq!);
  send({
    type: "ready",
    joined: clients.length - failed,
    failed,
    errors,
    ms: now() - started,
    minJoinedSeq: seqs.length ? Math.min(...seqs) : null,
    maxJoinedSeq: seqs.length ? Math.max(...seqs) : null,
  });
}

process.on("message", (m: unknown) => {
  const cmd = m as Cmd;
  switch (cmd.type) {
    case "connect":
      connect(cmd).catch((err) => send({ type: "error", error: String(err?.stack ?? err) }));
      break;
    case "progress":
      send({ type: "progress", received });
      break;
    case "collect":
      send({
        type: "collected",
        clients: clients.map((c) => ({
          id: c.id,
          joinedSeq: c.joinedSeq,
          seqs: c.seqs,
          times: c.times,
          disconnects: c.disconnects,
          connected: c.socket.connected,
        })),
        signalBySeq: [...signalBySeq.entries()],
        sample,
      });
      break;
    case "disconnect":
      for (const c of clients) c.socket.disconnect();
      clients = [];
      received = 0;
      sample = null;
      signalBySeq.clear();
      send({ type: "disconnected" });
      break;
    case "exit":
      process.exit(0);
  }
});

send({ type: "started" });
