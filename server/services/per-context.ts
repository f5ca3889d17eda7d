// Batching queues, loaders and limiters belong to one service context: they share its database and its
// clock, and a context made for another purpose (the demo seed's own clock, a test app) gets its own.

/** Returns `make(ctx)` made once per context, on first use. */
export function perContext<K extends object, T>(make: (ctx: K) => T): (ctx: K) => T {
  const made = new WeakMap<K, T>();
  return (ctx) => {
    let value = made.get(ctx);
    if (value === undefined) made.set(ctx, (value = make(ctx)));
    return value;
  };
}
