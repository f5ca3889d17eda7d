// A page on another origin, in the signed-in person's own browser, tries what a CSRF attacker would: an
// auto-submitting form that posts a JSON-looking text/plain body to claim a signal, bodiless no-cors
// fetches and beacons to reinforce and withdraw, a DELETE to sign the person out, and a form that signs the
// browser into the attacker's account (login CSRF). Served from a sibling port of our own host (same
// site, so SameSite=Lax cookies do go along) and from another host name (cross-site). Nothing may happen.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, postSignalApi, signInApi, signedInContext, unique } from "./support";

/** The attacker's page: every trick at once against `app` (our origin). */
function attackPage(app: string, signalId: string, ownSignalId: string): string {
  const api = `${app}/api/v1`;
  return `<!doctype html><html><body>
<iframe name="sink1"></iframe><iframe name="sink2"></iframe><iframe name="sink3"></iframe>
<form id="claim" method="POST" target="sink1" enctype="text/plain" action="${api}/signals/${signalId}/claims">
  <input name='{"quantity":3,"note":"' value='csrf"}'>
</form>
<form id="login" method="POST" target="sink2" enctype="text/plain" action="${api}/sessions">
  <input name='{"email":"coordinator@demo.stigmergy.board","password":"${DEMO_PASSWORD}","x":"' value='"}'>
</form>
<form id="join" method="POST" target="sink3" action="${api}/boards/open-medical-makers/members"></form>
<script>
  const done = [];
  const settle = (p) => done.push(p.then(() => "sent", (e) => "blocked: " + e.message));
  settle(fetch("${api}/signals/${signalId}/reinforce", { method: "POST", mode: "no-cors", credentials: "include" }));
  settle(fetch("${api}/signals/${ownSignalId}/withdraw", { method: "POST", mode: "no-cors", credentials: "include" }));
  settle(fetch("${api}/signals/${signalId}/claims", { method: "POST", mode: "no-cors", credentials: "include",
    headers: { "content-type": "text/plain" }, body: JSON.stringify({ quantity: 2 }) }));
  settle(fetch("${api}/sessions", { method: "DELETE", credentials: "include" }));
  settle(fetch("${api}/signals/${signalId}/claims", { method: "POST", credentials: "include",
    headers: { "content-type": "application/json" }, body: JSON.stringify({ quantity: 1 }) }));
  navigator.sendBeacon("${api}/signals/${signalId}/reinforce");
  // Each form posts into its own frame: a second post into one frame would cancel the first.
  for (const id of ["claim", "login", "join"]) document.getElementById(id).submit();
  Promise.all(done).then((r) => { window.results = r; });
</script></body></html>`;
}

async function attackerServer(html: () => string): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(html());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Attempt {
  what: string;
  /** Whether the browser attached our session cookie (it does for same-site requests: SameSite=Lax). */
  withCookie: Promise<boolean>;
}

/**
 * The requests the attacker's page sent to us. Their answers cannot be read here: the browser itself
 * blocks them from the other origin (Cross-Origin-Resource-Policy, frame-ancestors), which is why the
 * test judges by what changed on the server.
 */
function watchAttempts(page: Page, app: string): Attempt[] {
  const seen: Attempt[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(`${app}/api/`)) return;
    seen.push({
      what: `${r.method()} ${new URL(r.url()).pathname}`,
      withCookie: r.allHeaders().then((h) => /sb_session=/.test(h.cookie ?? ""), () => false),
    });
  });
  return seen;
}

for (const variant of [
  { name: "a sibling port of our host (same site: the cookie goes along)", host: "127.0.0.1", sameSite: true },
  { name: "another host name (cross-site)", host: "localhost", sameSite: false },
]) {
  test(`a page on ${variant.name} cannot claim, reinforce, withdraw, join, sign in or sign out`, async ({ browser, baseURL, playwright }) => {
    const app = new URL(baseURL!).origin;
    const clinic = await playwright.request.newContext({ baseURL });
    await signInApi(clinic, DEMO.marta);
    const need = await postSignalApi(clinic, { title: unique("CSRF target"), quantity: 10 });
    await clinic.dispose();

    const { context, page } = await signedInContext(browser, DEMO.ada);
    const own = await postSignalApi(context.request, { title: unique("Ada's own offer"), quantity: 4, kind: "stock" });
    const before = await (await context.request.get(`/api/v1/signals/${need.id}`)).json();
    const memberBefore = (await (await context.request.get("/api/v1/me")).json()).boards as unknown[];

    const evil = await attackerServer(() => attackPage(app, need.id, own.id));
    try {
      const attempts = watchAttempts(page, app);
      await page.goto(`http://${variant.host}:${evil.port}/`);
      await expect.poll(() => page.evaluate(() => (window as unknown as { results?: string[] }).results?.length ?? 0)).toBe(5);
      const expected = [`/signals/${need.id}/claims`, `/signals/${need.id}/reinforce`, `/signals/${own.id}/withdraw`, "/sessions", "/boards/open-medical-makers/members"];
      await expect
        .poll(() => expected.filter((w) => !attempts.some((r) => r.what === `POST /api/v1${w}`)), { message: "requests the page did not send" })
        .toEqual([]);
      // Let the server finish with the last of them before reading what changed.
      await page.waitForTimeout(500);
      // Same site: the browser did send the person's cookie, so only the server's check stood in the way.
      const cookies = await Promise.all(attempts.map((r) => r.withCookie));
      expect(cookies.some(Boolean)).toBe(variant.sameSite);
    } finally {
      await evil.close();
    }

    // Nothing changed: no claim, no reinforcement, the offer still open, no new membership, still Ada.
    // Each read has its own deadline, so a read the server leaves unanswered names itself (the server
    // logs it as a slow request) instead of using up the whole test's time.
    const read = async (path: string) => (await context.request.get(path, { timeout: 15_000 })).json();
    const after = await read(`/api/v1/signals/${need.id}`);
    expect(after.claimedQuantity).toBe(before.claimedQuantity);
    expect(after.claims).toEqual(before.claims);
    expect(after.reinforcementCount).toBe(before.reinforcementCount);
    expect((await read(`/api/v1/signals/${own.id}`)).status).toBe("open");
    const me = await read("/api/v1/me");
    expect(me.name).toBe(DEMO.ada.name);
    expect(me.boards).toEqual(memberBefore);

    // And the person's own pages still work with the same session.
    await page.goto("/claims");
    await expect(page.getByRole("banner").getByTestId("signed-in-as")).toHaveText(DEMO.ada.name);
    await context.close();
  });
}
