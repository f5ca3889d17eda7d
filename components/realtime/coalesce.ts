// Turns a burst of calls into one: `fn` runs `waitMs` after the last call, and at the latest `maxWaitMs`
// after the first unanswered one, so a steady stream of board events still refreshes now and then rather
// than never. Views that re-read aggregates on every change (the coordinator's view) use it, so a claim
// batch or an import of a thousand signals costs one refetch, not a thousand.
export interface Coalesced {
  (): void;
  /** Drops a pending call. */
  cancel(): void;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
  now(): number;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export function coalesce(fn: () => void, waitMs: number, maxWaitMs: number, timers: Timers = realTimers): Coalesced {
  let handle: unknown = null;
  let firstAt: number | null = null;
  const fire = () => {
    handle = null;
    firstAt = null;
    fn();
  };
  const call = (() => {
    const now = timers.now();
    firstAt ??= now;
    if (handle !== null) timers.clear(handle);
    handle = timers.set(fire, Math.max(0, Math.min(waitMs, firstAt + maxWaitMs - now)));
  }) as Coalesced;
  call.cancel = () => {
    if (handle !== null) timers.clear(handle);
    handle = null;
    firstAt = null;
  };
  return call;
}
