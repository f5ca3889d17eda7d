import type { ServerResponse } from "node:http";

// Next answers a method a route does not export with an empty 405. API clients are promised the JSON
// error shape for every error, so an empty 405 on /api/ gets one here, in one place.
const BODY = JSON.stringify({
  error: { code: "METHOD_NOT_ALLOWED", message: "This endpoint does not support that method" },
});

export function answerEmptyErrorsAsJson(res: ServerResponse) {
  let wroteBody = false;
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    if (status === 405) {
      res.setHeader("content-type", "application/json");
      res.removeHeader("content-length");
    }
    return writeHead(status, ...rest);
  }) as typeof res.writeHead;
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  res.write = ((...args: unknown[]) => {
    if (args[0] != null && (args[0] as { length?: number }).length !== 0) wroteBody = true;
    return write(...args);
  }) as typeof res.write;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    const chunk = args[0];
    const empty = chunk == null || typeof chunk === "function" || (chunk as { length?: number }).length === 0;
    if (res.statusCode === 405 && empty && !wroteBody) {
      if (!res.headersSent) res.setHeader("content-type", "application/json");
      return end(BODY);
    }
    return end(...args);
  }) as typeof res.end;
}
