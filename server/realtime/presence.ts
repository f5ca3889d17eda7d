// How many people are viewing each board, across every instance on one PostgreSQL. Each instance counts
// its own sockets and tells the others (NOTIFY); each shows its own count plus the others' latest ones.
// Counts are repeated every few seconds, so a new instance learns them and the count of an instance
// that vanished without a word expires. On the embedded database there is one instance and no messages.
import { randomUUID } from "node:crypto";

export const PRESENCE_CHANNEL = "board_presence";
export const PRESENCE_HEARTBEAT_MS = 5_000;
/**
 * Joins and leaves within this window are told as one count. Telling every viewer about every join made
 * a crowd arriving together cost N² messages (1,000 viewers: half a million), and the join of the last
 * waited behind them all.
 */
export const PRESENCE_COALESCE_MS = 200;
const EXPIRE_MS = 3 * PRESENCE_HEARTBEAT_MS;

export class BoardPresence {
  readonly instanceId = randomUUID();
  private local = new Map<string, number>();
  private remote = new Map<string, Map<string, { viewers: number; at: number }>>();
  private shown = new Map<string, number>();
  /** Local counts waiting for the end of their coalescing window. */
  private unsent = new Map<string, number>();
  private flushes = new Set<ReturnType<typeof setTimeout>>();
  private timer: ReturnType<typeof setInterval> | null = null;

  /**
   * `show` puts a board's total in front of this instance's viewers; `publish` sends a count to the other
   * instances (null when there are none).
   */
  constructor(
    private readonly show: (boardId: string, viewers: number) => void,
    private readonly publish: ((payload: string) => Promise<void>) | null,
    private readonly clock: () => number = Date.now,
    private readonly coalesceMs: number = PRESENCE_COALESCE_MS,
  ) {
    if (publish) {
      this.timer = setInterval(() => this.heartbeat(), PRESENCE_HEARTBEAT_MS);
      this.timer.unref();
    }
  }

  /**
   * This instance now has `viewers` sockets on the board: tell everyone, here and elsewhere, within the
   * coalescing window, once with the latest count however many joined or left meanwhile.
   */
  setLocal(boardId: string, viewers: number) {
    if (this.coalesceMs <= 0) return this.applyLocal(boardId, viewers);
    const waiting = this.unsent.has(boardId);
    this.unsent.set(boardId, viewers);
    if (waiting) return;
    const t = setTimeout(() => {
      this.flushes.delete(t);
      const latest = this.unsent.get(boardId);
      this.unsent.delete(boardId);
      if (latest !== undefined) this.applyLocal(boardId, latest);
    }, this.coalesceMs);
    t.unref?.();
    this.flushes.add(t);
  }

  private applyLocal(boardId: string, viewers: number) {
    if (viewers > 0) this.local.set(boardId, viewers);
    else this.local.delete(boardId);
    this.announce(boardId, viewers);
    this.refresh(boardId, true);
  }

  /** A count from another instance (this instance's own notifications come back too and are ignored). */
  received(payload: string) {
    const [instance, boardId, text] = payload.split(":");
    const viewers = Number(text);
    if (!instance || !boardId || instance === this.instanceId || !Number.isInteger(viewers) || viewers < 0) return;
    let counts = this.remote.get(boardId);
    if (!counts) this.remote.set(boardId, (counts = new Map()));
    if (viewers > 0) counts.set(instance, { viewers, at: this.clock() });
    else counts.delete(instance);
    this.refresh(boardId, false);
  }

  total(boardId: string): number {
    let viewers = this.local.get(boardId) ?? 0;
    const counts = this.remote.get(boardId);
    const cutoff = this.clock() - EXPIRE_MS;
    for (const [instance, c] of counts ?? []) {
      if (c.at < cutoff) counts!.delete(instance);
      else viewers += c.viewers;
    }
    if (counts?.size === 0) this.remote.delete(boardId);
    return viewers;
  }

  /** Repeats this instance's counts and drops expired ones of others; also after a lost LISTEN connection. */
  heartbeat() {
    for (const [boardId, viewers] of this.local) this.announce(boardId, viewers);
    for (const boardId of new Set([...this.remote.keys(), ...this.shown.keys()])) this.refresh(boardId, false);
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    for (const t of this.flushes) clearTimeout(t);
    this.flushes.clear();
  }

  private refresh(boardId: string, always: boolean) {
    const viewers = this.total(boardId);
    if (!always && (this.shown.get(boardId) ?? 0) === viewers) return;
    if (viewers > 0) this.shown.set(boardId, viewers);
    else this.shown.delete(boardId);
    this.show(boardId, viewers);
  }

  private announce(boardId: string, viewers: number) {
    this.publish?.(`${this.instanceId}:${boardId}:${viewers}`).catch(() => {
      // A lost message is repaired by the next heartbeat.
    });
  }
}
