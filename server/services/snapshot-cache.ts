// Parsed planning snapshots by session id (ADR 036). A snapshot is written once, with its session, and
// never changes; at the scale of 2020 it is 12 MB of JSON, and every participant's page asks for the
// session and its lines after every answer, which parsed it anew each time (about 0.2 s). Kept parsed
// here, each is frozen deep, so a caller that tried to change one would throw instead of corrupting
// what the next request reads. An entry unused for IDLE_MS is dropped (an idle server keeps none), and
// the JSON text held in all is bounded. Session ids are random UUIDs, so apps sharing a process cannot
// collide, and access is checked by every caller before it reads a snapshot.
import type { SessionSnapshot } from "../domain/planning-session";

const IDLE_MS = 60_000;
const MAX_TEXT_CHARS = 64_000_000;

interface Entry {
  snapshot: SessionSnapshot;
  chars: number;
  usedAt: number;
}

const entries = new Map<string, Entry>();
let heldChars = 0;
let sweeper: NodeJS.Timeout | null = null;

export function cachedSnapshot(sessionId: string): SessionSnapshot | undefined {
  const e = entries.get(sessionId);
  if (!e) return undefined;
  if (e.usedAt < Date.now() - IDLE_MS) {
    drop(sessionId);
    return undefined;
  }
  e.usedAt = Date.now();
  // Most recently used last, so eviction takes from the front.
  entries.delete(sessionId);
  entries.set(sessionId, e);
  return e.snapshot;
}

/** How many snapshots are held now. */
export function heldSnapshots(): number {
  return entries.size;
}

/** Parses a snapshot's JSON text, keeps it (frozen) and answers it. */
export function rememberSnapshot(sessionId: string, text: string): SessionSnapshot {
  const snapshot = deepFreeze(JSON.parse(text) as SessionSnapshot);
  if (text.length > MAX_TEXT_CHARS) return snapshot;
  drop(sessionId);
  while (heldChars + text.length > MAX_TEXT_CHARS) drop(entries.keys().next().value!);
  entries.set(sessionId, { snapshot, chars: text.length, usedAt: Date.now() });
  heldChars += text.length;
  sweeper ??= setInterval(sweepIdle, IDLE_MS / 2).unref();
  return snapshot;
}

function sweepIdle() {
  const cutoff = Date.now() - IDLE_MS;
  for (const [id, e] of entries) if (e.usedAt < cutoff) drop(id);
  if (entries.size === 0 && sweeper) {
    clearInterval(sweeper);
    sweeper = null;
  }
}

function drop(sessionId: string) {
  const e = entries.get(sessionId);
  if (!e) return;
  entries.delete(sessionId);
  heldChars -= e.chars;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
