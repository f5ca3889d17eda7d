// Accessibility: axe-core finds no serious or critical violation on the pages a maker uses, signed out
// and signed in, and a maker can do the core loop (find a need, claim part of it, move the claim on)
// with the keyboard alone.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO, postSignalApi, signedInContext, signInApi, unique } from "./support";

async function expectNoSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const described = serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(described, `axe on ${what}`).toEqual([]);
}

test("signed out: the board, a signal, sign-up and sign-in have no serious or critical axe violation", async ({
  page,
  playwright,
  baseURL,
}) => {
  const clinic = await playwright.request.newContext({ baseURL });
  await signInApi(clinic, DEMO.marta);
  const need = await postSignalApi(clinic, { title: unique("Visors for the ward"), quantity: 30 });
  await clinic.dispose();

  await page.goto("/boards/commons");
  await expect(page.getByTestId("signal-card").first()).toBeVisible();
  await expectNoSeriousViolations(page, "the board, signed out");

  await page.goto(`/signals/${need.id}`);
  await expect(page.getByRole("heading", { level: 1, name: need.title })).toBeVisible();
  await expectNoSeriousViolations(page, "a signal, signed out");

  await page.goto("/sign-up");
  await expect(page.getByRole("button", { name: "Sign up" })).toBeVisible();
  await expectNoSeriousViolations(page, "sign-up");

  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expectNoSeriousViolations(page, "sign-in");
});

test("signed in: the board, a signal with its claim form, my claims and the tokens page pass axe", async ({ browser, playwright, baseURL }) => {
  const clinic = await playwright.request.newContext({ baseURL });
  await signInApi(clinic, DEMO.marta);
  const need = await postSignalApi(clinic, { title: unique("Gowns for the night shift"), quantity: 40 });
  await clinic.dispose();

  const { context, page } = await signedInContext(browser, DEMO.ada);
  await page.goto("/boards/commons");
  await expect(page.getByRole("button", { name: "Post a signal" })).toBeVisible();
  await expectNoSeriousViolations(page, "the board, signed in as a member");
  await page.getByRole("button", { name: "Post a signal" }).click();
  await expect(page.getByRole("button", { name: "Post signal" })).toBeVisible();
  await expectNoSeriousViolations(page, "the board with the post form open");

  await page.goto(`/signals/${need.id}`);
  await expect(page.getByRole("region", { name: "Claim", exact: true })).toBeVisible();
  await expectNoSeriousViolations(page, "a signal with its claim form");

  await page.goto("/claims");
  await expect(page.getByRole("heading", { level: 1, name: "My claims" })).toBeVisible();
  await expectNoSeriousViolations(page, "my claims");

  await page.goto("/settings/tokens");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page, "the tokens page");
  await context.close();
});

test("a maker finds a need, claims part of it and starts work with the keyboard alone", async ({ browser, playwright, baseURL }) => {
  const clinic = await playwright.request.newContext({ baseURL });
  await signInApi(clinic, DEMO.marta);
  const need = await postSignalApi(clinic, { title: unique("Face shields by keyboard"), quantity: 9 });
  await clinic.dispose();

  const { context, page } = await signedInContext(browser, DEMO.ada);
  await page.goto("/boards/commons");
  await expect(page.getByTestId("signal-card").first()).toBeVisible();

  // Tab to the search box, type the title, then Tab on to the card's link and open it with Enter.
  const filters = page.getByRole("search", { name: "Filter signals" });
  await tabUntil(page, filters.getByLabel("Search"));
  await page.keyboard.type(need.title);
  await tabUntil(page, page.getByRole("link", { name: need.title, exact: true }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: need.title })).toBeVisible();

  // Into the claim form's quantity, type 4, then submit with Enter.
  const claim = page.getByRole("region", { name: "Claim", exact: true });
  await tabUntil(page, claim.getByLabel("Quantity"));
  await page.keyboard.type("4");
  await page.keyboard.press("Enter");
  await expect(claim.getByRole("status")).toContainText("You claimed 4");

  // My claims through the main navigation, then "Start work" with the keyboard.
  await tabUntil(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My claims" }), true);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "My claims" })).toBeVisible();
  const row = page.getByTestId("claim-row").filter({ has: page.getByRole("link", { name: need.title }) });
  await tabUntil(page, row.getByRole("button", { name: "Start work" }));
  await page.keyboard.press("Enter");
  await expect(row).toHaveAttribute("data-status", "in_progress");
  await context.close();
});

/**
 * Presses Tab (from the top of the page when `fromTop`) until `target` has the focus; fails after 80
 * presses, which means the target cannot be reached with the keyboard.
 */
async function tabUntil(page: Page, target: Locator, fromTop = false) {
  await expect(target).toBeVisible();
  // Focusing the body moves the keyboard's starting point to the top of the page.
  if (fromTop)
    await page.evaluate(() => {
      document.body.tabIndex = -1;
      document.body.focus();
      document.body.removeAttribute("tabindex");
    });
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Could not reach ${target} with Tab`);
}
