// The Content-Security-Policy holds the whole app to its nonce and its own origin; this proves the app
// still works under it in Chromium. Every page is visited signed out and signed in, with the live socket
// and a few writes, while any `securitypolicyviolation` event and any CSP console error is collected.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO, expectLive, expectNoCspViolation as expectNone, postSignalApi, signInApi, signedInContext, unique, watchCsp } from "./support";

/** The app's pages, with real ids from the demo data (`api` is signed in as Ada). */
async function pages(api: APIRequestContext): Promise<string[]> {
  const signals = await api.get("/api/v1/boards/commons/signals?limit=1");
  const signalId = (await signals.json()).items[0].id as string;
  const me = await api.get("/api/v1/me");
  const orgId = ((await me.json()).organizations as Array<{ id: string }>)[0]!.id;
  return [
    "/",
    "/boards",
    "/boards/commons",
    "/boards/open-medical-makers",
    "/boards/commons/request",
    "/boards/commons/intake",
    `/signals/${signalId}`,
    "/sign-in",
    "/sign-up",
    "/claims",
    "/suggestions",
    "/settings/tokens",
    "/organizations",
    "/organizations/new",
    `/organizations/${orgId}`,
    "/no-such-page",
  ];
}

test("every page, signed out, runs under the CSP with no violation", async ({ page, playwright, baseURL }) => {
  const ada = await playwright.request.newContext({ baseURL });
  await signInApi(ada, DEMO.ada);
  const paths = await pages(ada);
  await ada.dispose();
  const found = await watchCsp(page);
  for (const path of paths) {
    await page.goto(path);
    await expect(page.getByRole("banner")).toBeVisible();
    await page.waitForLoadState("networkidle");
    await expectNone(found, path);
  }
  await page.goto("/boards/commons");
  await expectLive(page); // Socket.IO connected: connect-src allows our own WebSocket
  await expect(page.getByTestId("signal-card").first()).toBeVisible();
  await expectNone(found, "/boards/commons live");
});

test("every page, signed in, runs under the CSP with no violation, writes included", async ({ browser, baseURL, playwright }) => {
  const { context, page } = await signedInContext(browser, DEMO.ada);
  const found = await watchCsp(page);
  for (const path of await pages(page.request)) {
    await page.goto(path);
    await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await expectNone(found, `${path} (signed in)`);
  }

  // A write from the page itself: claim part of a need posted by someone else, live on the board.
  const clinic = await playwright.request.newContext({ baseURL });
  await signInApi(clinic, DEMO.marta);
  const need = await postSignalApi(clinic, { title: unique("CSP check visors"), quantity: 6 });
  await clinic.dispose();
  await page.goto(`/signals/${need.id}`);
  await expectLive(page);
  const claim = page.getByRole("region", { name: "Claim", exact: true });
  await claim.getByLabel("Quantity").fill("2");
  await claim.getByRole("button", { name: "Claim" }).click();
  await expect(claim.getByRole("status")).toHaveText("You claimed 2 each.");
  // The heat bar draws its width as a style attribute: it must still show (style-src-attr).
  const bar = page.locator("[style*='width']").first();
  if (await bar.count()) expect(await bar.evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(0);
  await expectNone(found, "claiming on a signal page");

  // Client-side navigation (RSC fetches) and signing out through the header.
  await page.getByRole("banner").getByRole("link", { name: "My claims" }).click();
  await expect(page).toHaveURL(/\/claims$/);
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  await expectNone(found, "navigating and signing out");
  await context.close();
});

test("pages carry a fresh nonce on every script, and a nonce the client sends is ignored", async ({ request }) => {
  const nonces: string[] = [];
  for (let i = 0; i < 2; i++) {
    const res = await request.get("/boards/commons", { headers: { "content-security-policy": "script-src 'nonce-chosenbyclient'" } });
    const csp = res.headers()["content-security-policy"] ?? "";
    const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
    expect(nonce, csp).toBeTruthy();
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(2);
    for (const s of scripts) expect(s, "every script carries the response's nonce").toContain(`nonce="${nonce}"`);
    expect(html).not.toContain("chosenbyclient");
    nonces.push(nonce!);
  }
  expect(nonces[0]).not.toBe(nonces[1]);
});
