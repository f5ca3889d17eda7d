import type { ServerResponse } from "node:http";

// Next answers a method a route does not export with an empty 405. API clients are promised the JSON
// error shape for every error, so an empty error answer on /api/ gets one here, in one place.
export function answerEmptyErrorsAsJson(res: ServerResponse) {
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    const empty = args.length === 0 || args[0] === undefined || args[0] === null || typeof args[0] === "function";
    if (empty && res.statusCode === 405 && !res.headersSent) {
      res.setHeader("content-type", "application/json");
      const body = JSON.stringify({ error: { code: "METHOD_NOT_ALLOWED", message: "This endpoint does not support that method" } });
      res.setHeader("content-length", Buffer.byteLength(body));
      return end(body);
    }
    return end(...args);
  }) as typeof res.end;
}
