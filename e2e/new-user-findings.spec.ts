// What a new user hit in Chromium (issue 6), each checked the way that person would: the console stays
// clean on anonymous pages; heat is labelled and claim progress is shown as its own thing; an overdue
// need says so; the claim form neither refills nor takes half a face shield; "Mark shipped" says who
// confirms delivery; and a place is picked by name, with the keyboard.
import { expect, test, type Page } from "@playwright/test";
import { DEMO, EAR_SAVER, expectLive, postSignalApi, signalCard, signedInContext, signInApi, unique } from "./support";

/** Console errors and failed requests of a page, collected from now on. */
function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return problems;
}

test("anonymous pages log no error in the console and no failed request", async ({ page }) => {
  const problems = collectProblems(page);
  await page.goto("/");
  await page.goto("/boards");
  await page.goto("/boards/commons");
  await expect(page.getByTestId("signal-card").first()).toBeVisible();
  await expectLive(page);
  await page.getByTestId("signal-card").first().getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("sign-in-prompt")).toBeVisible();
  for (const path of ["/claims", "/sign-in", "/sign-up"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  await page.waitForLoadState("networkidle");
  expect(problems).toEqual([]);
});

test("a card labels its heat and shows claimed and delivered progress apart from it", async ({ page, playwright, baseURL }) => {
  const clinic = await playwright.request.newContext({ baseURL });
  await signInApi(clinic, DEMO.marta);
  const need = await postSignalApi(clinic, { title: unique("Ear savers for the heat check"), quantity: 12 });
  const maker = await playwright.request.newContext({ baseURL });
  await signInApi(maker, DEMO.ada);
  const claim = await maker.post(`/api/v1/signals/${need.id}/claims`, { data: { quantity: 5 } });
  expect(claim.status()).toBe(201);
  await clinic.dispose();
  await maker.dispose();

  await page.goto("/boards/commons");
  const card = signalCard(page, need.title);
  await expect(card).toBeVisible();
  await expect(card.getByTestId("signal-remaining")).toHaveText("7 of 12 each remaining");
  const progress = card.getByRole("progressbar", { name: "Claimed" });
  await expect(progress).toHaveAttribute("aria-valuetext", "5 of 12 each claimed");
  await expect(card.getByTestId("claim-progress-text")).toHaveText("5 of 12 each claimed");
  const heat = card.getByRole("meter", { name: "Heat" });
  await expect(heat).toBeVisible();
  await expect(heat).toHaveAttribute("aria-valuetext", /^\d+%: .*unmet/);
  await expect(card.getByTestId("heat-meter")).toContainText(/^Heat\s*\d+%$/);
});

test("an overdue need shows how late it is, read from its due date", async ({ page }) => {
  // Seeded: due 48 hours before the demo was loaded, and still open (its one claim lapsed).
  await page.goto("/boards/open-medical-makers");
  const filters = page.getByRole("search", { name: "Filter signals" });
  await filters.getByLabel("Search").fill("Cotton masks for patients arriving without one");
  const card = signalCard(page, "Cotton masks for patients arriving without one");
  await expect(card).toBeVisible();
  await expect(card.getByTestId("deadline-badge")).toHaveText("Overdue by 2 days");
  await expect(card.getByTestId("deadline-badge")).toHaveAttribute("data-state", "overdue");
  await card.getByRole("link", { name: "Cotton masks for patients arriving without one" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cotton masks for patients arriving without one");
  await expect(page.getByTestId("deadline-badge")).toHaveText("Overdue by 2 days");
});

test("claiming: whole numbers only for counted things, the box stays empty after a claim, and a shipped claim says who confirms it", async ({ browser, playwright, baseURL }) => {
  const clinic = await playwright.request.newContext({ baseURL });
  await signInApi(clinic, DEMO.marta);
  const need = await postSignalApi(clinic, { title: unique("Ear savers for the reception desk"), quantity: 12 });
  await clinic.dispose();
  const { context, page } = await signedInContext(browser, DEMO.ada);
  const requests: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().includes("/claims")) requests.push(r.url());
  });

  try {
    await page.goto(`/signals/${need.id}`);
    const region = page.getByRole("region", { name: "Claim", exact: true });
    const quantity = region.getByLabel("Quantity");
    await expect(quantity).toHaveValue("");
    await expect(quantity).toHaveAttribute("step", "1");
    await expect(region.getByText("12 each still open; whole numbers.")).toBeVisible();

    await test.step("half an ear saver is refused in the form, before anything is sent", async () => {
      await quantity.fill("2.5");
      await region.getByRole("button", { name: "Claim" }).click();
      await expect(region.getByText('Must be a whole number: "each" is counted, not measured')).toBeVisible();
      await expect(quantity).toHaveAttribute("aria-invalid", "true");
      expect(requests).toEqual([]);
      await expect(page.getByTestId("signal-remaining")).toHaveText("12 of 12 each remaining");
    });

    await test.step("a claim of 5 leaves the box empty, so one more tap cannot claim the rest", async () => {
      await quantity.fill("5");
      await region.getByRole("button", { name: "Claim" }).click();
      await expect(region.getByRole("status")).toHaveText("You claimed 5 each.");
      await expect(page.getByTestId("signal-remaining")).toHaveText("7 of 12 each remaining");
      await expect(quantity).toHaveValue("");
      await expect(region.getByText("7 each still open; whole numbers.")).toBeVisible();
      await region.getByRole("button", { name: "Claim" }).click();
      await expect(quantity).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByTestId("signal-remaining")).toHaveText("7 of 12 each remaining");
      expect(requests).toHaveLength(1);
    });

    await test.step("after Mark shipped, the claim says that Marta confirms delivery", async () => {
      const row = page.getByTestId("claim-row").filter({ hasText: DEMO.ada.name });
      await expect(row.getByTestId("shipped-hint")).toHaveCount(0);
      await row.getByRole("button", { name: "Mark shipped" }).click();
      await expect(row).toHaveAttribute("data-status", "shipped");
      await expect(row.getByTestId("shipped-hint")).toHaveText(`Shipped. ${DEMO.marta.name} confirms delivery when it arrives.`);
      await expect(row.getByRole("button", { name: "Confirm delivered" })).toHaveCount(0);
    });
  } finally {
    await context.close();
  }

  await test.step("Marta, the receiver, is told it is hers to confirm", async () => {
    const m = await signedInContext(browser, DEMO.marta);
    try {
      await m.page.goto(`/signals/${need.id}`);
      const row = m.page.getByTestId("claim-row").filter({ hasText: DEMO.ada.name });
      await expect(row.getByTestId("shipped-hint")).toHaveText("On its way to you: press “Confirm delivered” when it arrives.");
      await expect(row.getByRole("button", { name: "Confirm delivered" })).toBeVisible();
    } finally {
      await m.context.close();
    }
  });
});

test("a place is picked by name with the keyboard, and typed coordinates still work", async ({ browser }) => {
  const { context, page } = await signedInContext(browser, DEMO.ada);
  const title = unique("Ear savers near Raval");
  try {
    await page.goto("/boards/commons");
    await page.getByRole("button", { name: "Post a signal" }).click();
    const form = page.getByRole("region", { name: "Post a signal" });
    await form.getByRole("combobox", { name: "Resource", exact: true }).selectOption({ label: `${EAR_SAVER} (each)` });
    await form.getByLabel("Quantity").fill("3");
    await form.getByRole("textbox", { name: "Title", exact: true }).fill(title);

    const place = form.getByRole("combobox", { name: "Location", exact: true });
    await place.focus();
    await page.keyboard.type("raval");
    const options = page.getByRole("listbox").getByRole("option");
    await expect(options.first()).toContainText("El Raval, Barcelona");
    await expect(place).toHaveAttribute("aria-expanded", "true");
    await page.keyboard.press("ArrowDown");
    await expect(options.first()).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("Enter");
    await expect(place).toHaveValue("El Raval, Barcelona");
    await expect(place).toHaveAttribute("aria-expanded", "false");
    await expect(form.getByText("Set to 41.3801,2.1685 (El Raval, Barcelona).")).toBeVisible();
    await expect(form.getByRole("textbox", { name: "Location name", exact: true })).toHaveValue("El Raval, Barcelona");

    await form.getByRole("button", { name: "Post signal" }).click();
    await expect(form.getByRole("status")).toContainText(`Signal posted: ${title}`);
    const posted = await page.request.get(`/api/v1/boards/commons/signals?q=${encodeURIComponent(title)}`);
    expect((await posted.json()).items[0].location).toEqual({ name: "El Raval, Barcelona", lat: 41.3801, lng: 2.1685 });

    await test.step("the board's own filter takes a place by name too, and sorts by distance from it", async () => {
      const filters = page.getByRole("search", { name: "Filter signals" });
      // On a desktop screen the location filter is unfolded from the start.
      const near = filters.getByRole("combobox", { name: "Your location", exact: true });
      await expect(near).toBeVisible();
      await near.fill("Poblenou");
      await filters.getByRole("option", { name: /Poblenou, Barcelona/ }).first().click();
      await expect(near).toHaveValue("Poblenou, Barcelona");
      const listed = page.waitForRequest((r) => /\/signals\?.*near=41\.4003(%2C|,)2\.1988/.test(r.url()) && r.url().includes("sort=distance"));
      await filters.getByLabel("Sort by").selectOption({ label: "Nearest" });
      await listed;
      await expect(page.getByTestId("signal-card").first().getByTestId("signal-place")).toContainText(/away$/);
    });

    await test.step("typed coordinates are taken as they are, and a name nobody knows is not", async () => {
      // The form stays open after posting, ready for the next signal.
      await place.fill("Nowhere-in-particular");
      await form.getByRole("textbox", { name: "Title", exact: true }).click();
      await expect(form.getByText(/Choose a place from the suggestions, or type coordinates/).first()).toBeVisible();
      await expect(place).toHaveAttribute("aria-invalid", "true");
      await place.fill("52.52, 13.405");
      await expect(form.getByText("Set to 52.52,13.405.")).toBeVisible();
      await expect(place).not.toHaveAttribute("aria-invalid", "true");
    });
  } finally {
    await context.close();
  }
});
