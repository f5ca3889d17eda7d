import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, test } from "vitest";
import { watchSlowRequests, type SlowRequest } from "./slow-requests";

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => {
  server?.closeAllConnections();
  return server ? server.close(() => resolve()) : resolve();
}));

async function serve(delays: Record<string, number>, seen: SlowRequest[]): Promise<string> {
  server = http.createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0]!;
    setTimeout(() => res.end("ok"), delays[path] ?? 0);
  });
  server.prependListener("request", watchSlowRequests({ thresholdMs: 150, report: (r) => seen.push(r) }));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test("a request slower than the threshold is reported by method, path (no query), status and time; quick ones are not", async () => {
  const seen: SlowRequest[] = [];
  const base = await serve({ "/slow": 300, "/quick": 0, "/socket.io/": 300 }, seen);
  await fetch(`${base}/quick`);
  await fetch(`${base}/slow?q=private`);
  await fetch(`${base}/socket.io/?EIO=4&transport=polling`);
  expect(seen).toHaveLength(1);
  expect(seen[0]).toMatchObject({ method: "GET", path: "/slow", status: 200, answered: true });
  expect(seen[0]!.ms).toBeGreaterThanOrEqual(150);
});

test("a request the client gave up on before it was answered is reported as unanswered", async () => {
  const seen: SlowRequest[] = [];
  const base = await serve({ "/stuck": 800 }, seen);
  await expect(fetch(`${base}/stuck`, { signal: AbortSignal.timeout(400) })).rejects.toThrow();
  await expect.poll(() => seen.length).toBe(1);
  expect(seen[0]).toMatchObject({ path: "/stuck", answered: false });
});
