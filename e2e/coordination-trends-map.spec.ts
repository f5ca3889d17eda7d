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
  const mapAnswer = page.waitForResponse((r) => r.url().includes("/api/v1/coordination/map"));
  await page.goto(PATH);

  const overTime = page.getByRole("region", { name: "Over time" });
  await expect(overTime.getByRole("heading", { name: /^Stock on hand/ })).toBeVisible();
  await expect(overTime.locator(".recharts-wrapper")).toHaveCount(3);
  // The figures are also in words and in a table.
  await expect(overTime.getByText(/on hand this week/)).toBeVisible();
  await overTime.getByText("Figures as a table").first().click();
  await expect(overTime.getByRole("table").first().getByRole("row")).toHaveCount(9); // header + 8 weeks

  const map = page.getByRole("region", { name: "Map" });
  const answer = await (await mapAnswer).json();
  const points = answer.organizations.length + answer.signals.length;
  expect(points).toBeGreaterThan(0);
  await expect(map.getByTestId("map-summary")).toContainText(`${answer.organizations.length} organizations and ${answer.signals.length} open signals`);
  // Outlines are drawn but not interactive; every point is one interactive circle.
  await expect(map.locator(".leaflet-overlay-pane path:not(.leaflet-interactive)").first()).toBeAttached();
  await expect(map.locator("path.leaflet-interactive")).toHaveCount(points);
  await expect(map.locator(".leaflet-tile")).toHaveCount(0);
  // A point tells what it is in words (its tooltip), not by colour alone.
  await map.locator("path.leaflet-interactive").last().hover({ force: true });
  await expect(map.locator(".leaflet-tooltip")).toContainText(/^(Organization|Need|Order|Capacity|Stock): /);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.locator("path.leaflet-interactive")).toHaveCount(points);
  await expect(page.locator(".recharts-wrapper").first()).toBeVisible();
  await expectNoHorizontalScroll(page);

  await expectNoCspViolation(csp, PATH);
  expect(errors, "page errors").toEqual([]);
  expect(elsewhere, "requests to other origins").toEqual([]);
});
