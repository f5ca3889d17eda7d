// The board on a phone (390 px wide): a maker at the workshop reads it, signs in and claims with a
// thumb; and the post form works from a keyboard with every control named.
import { expect, test, type Page } from "@playwright/test";
import {
  DEMO,
  DEMO_PASSWORD,
  expectLive,
  expectNoHorizontalScroll,
  expectVisibleFocus,
  postSignalApi,
  signalCard,
  signInApi,
  unique,
} from "./support";

async function expectInsideViewport(page: Page, name: string) {
  const link = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true });
  await expect(link).toBeVisible();
  await expect(link).toBeInViewport();
  const box = await link.boundingBox();
  const width = page.viewportSize()!.width;
  expect(box, `${name} has a box`).not.toBeNull();
  expect(box!.x, `${name} starts on screen`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${name} ends on screen`).toBeLessThanOrEqual(width);
}

test("the board fits a phone screen and its navigation is in reach", async ({ page }) => {
  expect(page.viewportSize()?.width).toBe(390);
  await page.goto("/boards/commons");
  await expectLive(page);
  const cards = page.getByTestId("signal-card");
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBeGreaterThan(3);
  // The first screen shows signals, not only filters: the narrowing ones start folded on a phone.
  await expect(cards.first()).toBeInViewport();
  const filters = page.getByRole("search", { name: "Filter signals" });
  await expect(filters.getByLabel("Search")).toBeVisible();
  await expect(filters.getByLabel("Kind")).toBeHidden();
  await filters.getByText(/^Kind, status, resource and location/).click();
  await expect(filters.getByLabel("Kind")).toBeVisible();
  await filters.getByLabel("Kind").selectOption({ label: "Needs" });
  await expect(filters.getByText("Kind, status, resource and location (1 set)")).toBeVisible();
  await filters.getByLabel("Kind").selectOption({ label: "All kinds" });
  // Scrolling down brings the cards on screen whole, one column, nothing poking out sideways.
  for (const i of [0, 1]) {
    const card = cards.nth(i);
    await card.scrollIntoViewIfNeeded();
    await expect(card).toBeInViewport({ ratio: 0.9 });
    const box = (await card.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await expect(card.getByRole("link").first()).toBeVisible();
    await expect(card.getByTestId("signal-remaining")).toBeVisible();
  }
  await expectNoHorizontalScroll(page);
  await page.evaluate(() => window.scrollTo(0, 0));

  for (const name of ["Boards", "My claims", "Organizations"]) await expectInsideViewport(page, name);
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in", exact: true })).toBeInViewport();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Boards", exact: true }).click();
  await expect(page).toHaveURL(/\/boards$/);
  await expect(page.getByRole("link", { name: /commons/i }).first()).toBeVisible();
  await expectNoHorizontalScroll(page);
});

test("a maker signs in and claims part of a need from the phone", async ({ page, playwright, baseURL }) => {
  const clinic = await playwright.request.newContext({ baseURL });
  await signInApi(clinic, DEMO.marta);
  const need = await postSignalApi(clinic, { title: unique("Ear savers, Gràcia clinic"), quantity: 20 });
  await clinic.dispose();

  await page.goto("/boards/commons");
  await page.getByRole("banner").getByRole("link", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fboards%2Fcommons$/);
  const form = page.getByRole("region", { name: "Sign in" });
  await form.getByLabel("Email").fill(DEMO.ada.email);
  await form.getByLabel("Password").fill(DEMO_PASSWORD);
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/boards\/commons$/);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Post a signal" })).toBeVisible();
  await expectNoHorizontalScroll(page);

  await page.getByRole("search", { name: "Filter signals" }).getByLabel("Search").fill(need.title);
  const card = signalCard(page, need.title);
  await expect(card).toBeVisible();
  await card.getByRole("link", { name: need.title }).click();
  await expect(page.getByRole("heading", { level: 1, name: need.title })).toBeVisible();
  await expectLive(page);
  await expectNoHorizontalScroll(page);

  const claim = page.getByRole("region", { name: "Claim", exact: true });
  await claim.getByLabel("Quantity").fill("6");
  const button = claim.getByRole("button", { name: "Claim" });
  await button.scrollIntoViewIfNeeded();
  await expect(button).toBeInViewport();
  await button.click();
  await expect(claim.getByRole("status")).toHaveText("You claimed 6 each.");
  await expect(page.getByTestId("signal-remaining")).toHaveText("14 of 20 each remaining");
  const row = page.getByTestId("claim-row").filter({ hasText: DEMO.ada.name });
  await expect(row).toHaveAttribute("data-status", "claimed");
  await expect(row.getByRole("button", { name: "Start work" })).toBeVisible();
  await expectNoHorizontalScroll(page);
});

test("the post form is reachable by keyboard, shows focus, and names every control", async ({ page }) => {
  await signInApi(page.request, DEMO.ada);
  await page.goto("/boards/commons");
  const open = page.getByRole("button", { name: "Post a signal" });
  await expect(open).toBeVisible();

  // Tab from the top of the page until the button has focus, as someone without a pointer would.
  const isFocused = () => open.evaluate((el) => el === document.activeElement);
  let presses = 0;
  while (!(await isFocused())) {
    expect(presses++, "Tab reaches 'Post a signal' within 30 presses").toBeLessThan(30);
    await page.keyboard.press("Tab");
  }
  await expectVisibleFocus(open);
  await page.keyboard.press("Enter");
  const region = page.getByRole("region", { name: "Post a signal" });
  await expect(region).toBeVisible();
  await expect(page.getByRole("button", { name: "Close the form" })).toHaveAttribute("aria-expanded", "true");

  // Every control of the form is reached in turn by Tab and shows where focus is.
  const controls = region.locator("input, select, textarea");
  const total = await controls.count();
  expect(total).toBeGreaterThanOrEqual(8); // kind, resource, quantity, title, note, due date, on behalf of, location
  const reached = new Set<string>();
  for (let i = 0; i < 40 && reached.size < total; i++) {
    await page.keyboard.press("Tab");
    const focused = region.locator("input:focus, select:focus, textarea:focus");
    if ((await focused.count()) === 0) continue;
    await expectVisibleFocus(focused);
    reached.add(await focused.evaluate((el) => el.id));
  }
  expect(reached.size, "Tab visits every control of the post form").toBe(total);

  // No control without a name: each has a <label>, aria-label or aria-labelledby with text.
  const unnamed = await controls.evaluateAll((els) =>
    els
      .filter((el) => {
        const c = el as HTMLInputElement;
        const byLabel = Array.from(c.labels ?? []).some((l) => l.textContent?.trim());
        const byAria = c.getAttribute("aria-label")?.trim();
        const byRef = (c.getAttribute("aria-labelledby") ?? "")
          .split(/\s+/)
          .some((id) => id && document.getElementById(id)?.textContent?.trim());
        return !byLabel && !byAria && !byRef;
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
  expect(unnamed, "controls without an accessible name").toEqual([]);

  // And the names are the ones a person is told to fill in.
  const named = [
    region.getByRole("combobox", { name: "Kind", exact: true }),
    region.getByRole("combobox", { name: "Resource", exact: true }),
    region.getByRole("spinbutton", { name: "Quantity", exact: true }),
    region.getByRole("textbox", { name: "Title", exact: true }),
    region.getByRole("textbox", { name: "Note", exact: true }),
    region.getByRole("textbox", { name: "Due date", exact: true }),
    region.getByRole("combobox", { name: "Location", exact: true }),
  ];
  for (const control of named) await expect(control).toHaveCount(1);
  await expectNoHorizontalScroll(page);
});
