// The coordinator's charts and map in Chromium, with no tile server configured (the default): the charts
// draw the demo network's figures, the map draws country outlines and one marker per organization and open
// signal the API returns, no tile is requested, no page error and no CSP violation, and at 390 px wide
// nothing sticks out sideways.
import { expect, test } from "@playwright/test";
import { expectNoCspViolation, expectNoHorizontalScroll, watchCsp } from "./support";

const PATH = "/coordinate?boards=commons,open-medical-makers";

test("charts and map render their points with no page error, no CSP violation and no tile server, also at 390 px", async ({ page, baseURL }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const elsewhere: string[] = [];
  const origin = new URL(baseURL!).origin;
  page.on("request", (r) => {
    if (!/^(data|blob):/.test(r.url()) && new URL(r.url()).origin !== origin) elsewhere.push(r.url());
  });
  const csp = await watchCsp(page);
  // Other specs may post to the demo boards while this one runs, and the map follows them live: every
  // count is checked against the newest map answer the page received, not the first.
  let latest: { organizations: unknown[]; signals: unknown[] } | undefined;
  page.on("response", async (r) => {
    if (r.url().includes("/api/v1/coordination/map") && r.ok()) latest = await r.json();
  });
  const pointsShown = () => (latest ? latest.organizations.length + latest.signals.length : -1);
  await page.goto(PATH);

  const overTime = page.getByRole("region", { name: "Over time" });
  await expect(overTime.getByRole("heading", { name: /^Stock on hand/ })).toBeVisible();
  await expect(overTime.locator(".recharts-wrapper")).toHaveCount(3);
  // The figures are also in words and in a table.
  await expect(overTime.getByText(/on hand this week/)).toBeVisible();
  await overTime.getByText("Figures as a table").first().click();
  await expect(overTime.getByRole("table").first().getByRole("row")).toHaveCount(9); // header + 8 weeks

  const map = page.getByRole("region", { name: "Map" });
  await expect.poll(pointsShown).toBeGreaterThan(0);
  await expect
    .poll(async () => (await map.getByTestId("map-summary").textContent())?.includes(`${latest!.organizations.length} organizations and ${latest!.signals.length} open signals`))
    .toBe(true);
  // Outlines are drawn but not interactive; every point is one interactive circle.
  await expect(map.locator(".leaflet-overlay-pane path:not(.leaflet-interactive)").first()).toBeAttached();
  await expect.poll(async () => (await map.locator("path.leaflet-interactive").count()) === pointsShown()).toBe(true);
  await expect(map.locator(".leaflet-tile")).toHaveCount(0);
  // A point tells what it is in words (its tooltip), not by colour alone.
  await map.locator("path.leaflet-interactive").last().hover({ force: true });
  await expect(map.locator(".leaflet-tooltip")).toContainText(/^(Organization|Need|Order|Capacity|Stock): /);

  await page.setViewportSize({ width: 390, height: 844 });
  latest = undefined;
  await page.reload();
  await expect.poll(async () => (await page.locator("path.leaflet-interactive").count()) === pointsShown()).toBe(true);
  await expect(page.locator(".recharts-wrapper").first()).toBeVisible();
  await expectNoHorizontalScroll(page);

  await expectNoCspViolation(csp, PATH);
  expect(errors, "page errors").toEqual([]);
  expect(elsewhere, "requests to other origins").toEqual([]);
});
