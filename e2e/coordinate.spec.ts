// The coordinator's view in Chromium: it renders with no page error, follows a covered board live (a need
// posted in another browser context appears as an unmet gap without a reload), keeps its filters in the
// URL across a reload, and fits a 390 px wide phone screen.
import { expect, test } from "@playwright/test";
import { DEMO, expectLive, expectNoHorizontalScroll, expectSameWindow, markWindow, signedInContext, unique } from "./support";

test("the coordinator's view follows a board live, keeps its filters in the URL and fits a phone", async ({ browser }) => {
  const lena = await signedInContext(browser, DEMO.lena);
  const ada = await signedInContext(browser, DEMO.ada);
  const errors: string[] = [];
  lena.page.on("pageerror", (e) => errors.push(e.message));
  const page = lena.page;
  const resource = unique("Coordination gown");
  const place = unique("Testville");

  try {
    await test.step("the view of the commons board renders, live", async () => {
      await page.goto("/coordinate?boards=commons");
      await expect(page.getByRole("heading", { level: 1, name: "Coordinate" })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Gaps" })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Late or at risk" })).toBeVisible();
      await expect(page.getByTestId("board-picker").getByRole("checkbox", { name: "Commons board" })).toBeChecked();
      await expectLive(page);
    });

    const mark = await markWindow(page);
    const row = page.getByTestId("gap-row").filter({ hasText: resource });
    await expect(row).toHaveCount(0);

    await test.step("a need posted in another context shows as an unmet gap without a reload", async () => {
      const spec = await ada.context.request.post("/api/v1/resource-specs", { data: { name: resource, unit: "each" } });
      expect(spec.status()).toBe(201);
      const need = await ada.context.request.post("/api/v1/boards/commons/signals", {
        data: { kind: "need", resourceSpecId: (await spec.json()).id, quantity: 37, title: unique("Gowns"), location: { name: place, lat: 48.1, lng: 11.6 } },
      });
      expect(need.status(), await need.text()).toBe(201);
      await expect(row).toBeVisible({ timeout: 10_000 });
      await expect(row).toHaveAttribute("data-unmet", "true");
      await expect(row.getByTestId("gap-value")).toHaveText("37 unmet");
      await expect(page.getByTestId("gap-heatmap")).toContainText(resource);
      await expectSameWindow(page, mark);
    });

    await test.step("a region picked is kept in the URL: a reload shows the same view", async () => {
      await page.getByRole("combobox", { name: "Region" }).selectOption({ label: place });
      await expect(page).toHaveURL(/[?&]region=/);
      await expect(page.getByTestId("gap-row")).toHaveCount(1);
      const url = page.url();
      await page.reload();
      expect(page.url()).toBe(url);
      await expect(page.getByRole("combobox", { name: "Region" })).toHaveValue(place.toLowerCase());
      await expect(page.getByTestId("gap-row")).toHaveCount(1);
      await expect(row.getByTestId("gap-value")).toHaveText("37 unmet");
    });

    await test.step("on a 390 px wide screen nothing sticks out sideways; the tables scroll inside their box", async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto("/coordinate?boards=commons");
      await expect(page.getByTestId("gaps-table")).toBeVisible();
      await expect(page.getByTestId("gap-row").first()).toBeVisible();
      await expectNoHorizontalScroll(page);
      const box = (await page.getByTestId("gaps-table").boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Coordinate" })).toBeInViewport();
    });

    expect(errors, "page errors").toEqual([]);
  } finally {
    await lena.context.close();
    await ada.context.close();
  }
});
