// Group commit: requests that arrive while a write is in flight wait and are then written together, in
// arrival order, in one transaction. On the embedded database every transaction runs on the one
// JavaScript thread, so statements and commits per request, not lock waits, set the throughput (ADR 006).
// Under no load a batch holds one request and costs what a lone transaction would.

export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

/** What a batch write gives back: one outcome per item, and what to do once the batch is committed. */
export interface BatchResult<R> {
  outcomes: Outcome<R>[];
  /**
   * Runs after the commit, outside the part that is retried item by item: publishing the batch's events
   * belongs here, so that a failure while publishing can never write committed items a second time.
   */
  afterCommit?: () => void;
}

interface Waiting<I, R> {
  item: I;
  resolve(value: R): void;
  reject(error: unknown): void;
}

export class GroupCommit<I, R> {
  private queue: Waiting<I, R>[] = [];
  private busy = false;

  /**
   * `write` handles a batch and gives one outcome per item, in order. If it throws, no item of the batch
   * was written (one transaction): each is then retried alone, so a failure belongs to its own request.
   * `onAfterCommitError` hears of a failing `afterCommit`; the items are answered all the same, since
   * they are committed.
   */
  constructor(
    private readonly write: (items: I[]) => Promise<BatchResult<R>>,
    private readonly opts: { maxBatch?: number; onAfterCommitError?: (error: unknown) => void } = {},
  ) {}

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      // Wait for the rest of this turn of the event loop: requests parsed together are written together.
      if (!this.busy && this.queue.length === 1) setImmediate(() => void this.drain());
    });
  }

  private async drain() {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.opts.maxBatch ?? 256);
        await this.run(batch);
      }
    } finally {
      this.busy = false;
    }
  }

  private async run(batch: Waiting<I, R>[]) {
    let result: BatchResult<R>;
    try {
      result = await this.write(batch.map((w) => w.item));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const w of batch) await this.run([w]);
      return;
    }
    // Committed: from here on nothing may send the batch back to be written again.
    try {
      result.afterCommit?.();
    } catch (error) {
      this.opts.onAfterCommitError?.(error);
    }
    batch.forEach((w, i) => {
      const o = result.outcomes[i]!;
      if (o.ok) w.resolve(o.value);
      else w.reject(o.error);
    });
  }
}
