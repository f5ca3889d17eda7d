// Real Socket.IO clients for realtime tests: every `board:event` and `board:presence` a client receives is
// recorded in arrival order, so a test can assert "each seq exactly once, in order" on what really arrived.
import { io, type Socket } from "socket.io-client";
import type { BoardEventDto } from "../../server/domain/dto";
import type { JoinAck, PresencePayload, RevokedPayload } from "../../server/domain/realtime-contract";
import type { ApiClient } from "./api-client";

export interface BoardClient {
  socket: Socket;
  /** Every board:event received, in arrival order (never deduplicated: duplicates must stay visible). */
  events: BoardEventDto[];
  presence: PresencePayload[];
  /** Every board:revoked received, in arrival order. */
  revoked: RevokedPayload[];
  join(payload: unknown, timeoutMs?: number): Promise<JoinAck>;
  /** Resolves once an event with seq >= `seq` arrived. */
  waitForSeq(seq: number, timeoutMs?: number): Promise<void>;
  lastSeq(): number;
  close(): void;
}

const clients = new Set<BoardClient>();

/** A client authenticated by an API token (`auth.token`), a session cookie (as a browser is), or neither. */
export async function connectClient(baseUrl: string, opts: { token?: string; cookie?: string } = {}): Promise<BoardClient> {
  const socket = io(baseUrl, {
    path: "/socket.io",
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    auth: opts.token ? { token: opts.token } : {},
    extraHeaders: opts.cookie ? { cookie: opts.cookie } : {},
  });
  const client: BoardClient = {
    socket,
    events: [],
    presence: [],
    revoked: [],
    join(payload, timeoutMs = 30_000) {
      return socket.timeout(timeoutMs).emitWithAck("board:join", payload) as Promise<JoinAck>;
    },
    waitForSeq(seq, timeoutMs = 20_000) {
      return waitUntil(() => client.lastSeq() >= seq, timeoutMs, () => `seq ${seq} (have up to ${client.lastSeq()})`);
    },
    lastSeq() {
      return client.events.reduce((m, e) => Math.max(m, e.seq), 0);
    },
    close() {
      socket.disconnect();
      clients.delete(client);
    },
  };
  socket.on("board:event", (e: BoardEventDto) => client.events.push(e));
  socket.on("board:presence", (p: PresencePayload) => client.presence.push(p));
  socket.on("board:revoked", (p: RevokedPayload) => client.revoked.push(p));
  clients.add(client);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (err) => reject(err));
  });
  return client;
}

/** Reconnects a client disconnected with `socket.disconnect()`, keeping what it recorded so far. */
export async function reconnect(client: BoardClient): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    client.socket.once("connect", () => resolve());
    client.socket.once("connect_error", (err) => reject(err));
    client.socket.connect();
  });
}

export function closeAllClients() {
  for (const c of [...clients]) c.close();
}

export async function waitUntil(cond: () => boolean, timeoutMs: number, what: () => string = () => "condition") {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await sleep(10);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The seqs in arrival order: a test compares this with [from..to] to catch gaps, duplicates and reordering. */
export function seqs(events: BoardEventDto[]): number[] {
  return events.map((e) => e.seq);
}

export function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}

/** The whole log after `after` through GET /boards/:slug/events, paging as a machine client would. */
export async function eventsFromApi(api: ApiClient, slug: string, after = 0): Promise<{ events: BoardEventDto[]; lastSeq: number }> {
  const events: BoardEventDto[] = [];
  let cursor = after;
  let lastSeq = 0;
  for (;;) {
    const r = await api.get(`/boards/${slug}/events?after=${cursor}&limit=1000`);
    if (r.status !== 200) throw new Error(`events of ${slug}: ${r.status} ${JSON.stringify(r.body)}`);
    events.push(...r.body.events);
    lastSeq = r.body.lastSeq;
    if (r.body.events.length === 0) break;
    cursor = r.body.events[r.body.events.length - 1].seq;
  }
  return { events, lastSeq };
}

let boardCounter = 0;
/** A fresh public (or members-only) board owned by `owner`, so every test has its own log from seq 1. */
export async function newBoard(owner: ApiClient, visibility: "public" | "members" = "public"): Promise<string> {
  const slug = `rt-${Date.now().toString(36)}-${(boardCounter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const r = await owner.post("/boards", { slug, name: `Board ${slug}`, visibility });
  if (r.status !== 201) throw new Error(`board failed: ${r.status} ${JSON.stringify(r.body)}`);
  return slug;
}
