// A client that keeps its connection open between requests (API scripts, proxies, Playwright's request
// context) must not have it closed under it after a few seconds of quiet: Node's default of 5 s made a
// request sent on a connection idle that long fail with ECONNRESET, a request the server never saw.
import http from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { useApp } from "../support/fixtures";

function get(url: string, agent: http.Agent): Promise<{ status: number; localPort: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode!, localPort: req.socket!.localPort! }));
    });
    req.on("error", reject);
  });
}

describe("kept-alive connections", () => {
  const h = useApp("pglite");
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  afterAll(() => agent.destroy());

  it("stay open through 8 s of quiet: the next request goes out on the same connection and is answered", async () => {
    const first = await get(`${h.app.url}/api/v1/boards`, agent);
    expect(first.status).toBe(200);
    await new Promise((r) => setTimeout(r, 8_000));
    const second = await get(`${h.app.url}/api/v1/boards`, agent);
    expect(second.status).toBe(200);
    expect(second.localPort).toBe(first.localPort);
  }, 30_000);
});
