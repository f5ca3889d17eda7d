// Capacity calendars in the browser: a workshop offers 50 face shields a week for three weeks; a maker
// sees the weeks on the card and the signal's page, books part of next week, and is told, without losing
// the form, when a week has less room than asked.
import { expect, test } from "@playwright/test";
import { DEMO, EAR_SAVER, signInApi, signedInContext, unique } from "./support";

const WEEK_MS = 7 * 24 * 3_600_000;

test("a maker books part of next week of a weekly capacity, and an overbooking is refused with what is free", async ({ browser, playwright, baseURL }) => {
  const workshop = await playwright.request.newContext({ baseURL });
  await signInApi(workshop, DEMO.marta);
  const specs = (await (await workshop.get("/api/v1/resource-specs", { params: { q: "Ear saver" } })).json()).items as Array<{ id: string; name: string }>;
  const title = unique("Ear savers, 50 a week");
  const res = await workshop.post("/api/v1/boards/commons/signals", {
    data: {
      kind: "capacity",
      resourceSpecId: specs.find((s) => s.name === EAR_SAVER)!.id,
      quantity: 150,
      title,
      availableUntil: new Date(Date.now() + 3 * WEEK_MS).toISOString(),
      rate: { quantity: 50, period: "week" },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const signal = await res.json();
  await workshop.dispose();
  const nextWeek = signal.calendar[1] as { week: string };

  const { context, page } = await signedInContext(browser, DEMO.ada);
  try {
    await page.goto("/boards/commons?sort=new");
    const card = page.getByTestId("signal-card").filter({ hasText: title });
    await expect(card.getByTestId("rate-summary")).toHaveText("50 each a week · this week 50 free, next week 50 free");

    await page.goto(`/signals/${signal.id}`);
    const calendar = page.getByTestId("capacity-calendar");
    await expect(calendar.locator("tbody tr")).toHaveCount(signal.calendar.length);
    const row = calendar.locator(`tr[data-week="${nextWeek.week}"]`);
    await expect(row.getByTestId("week-free")).toHaveText("50");

    const region = page.getByRole("region", { name: "Claim", exact: true });
    const weeks = region.getByTestId("booking-weeks");
    const nextWeekBox = weeks.getByRole("spinbutton").nth(1);
    await nextWeekBox.fill("30");
    await region.getByRole("button", { name: "Claim" }).click();
    await expect(region.getByRole("status")).toHaveText("You claimed 30 each.");
    await expect(row.getByTestId("week-free")).toHaveText("20");
    await expect(row.getByRole("meter")).toHaveAttribute("aria-valuenow", "30");

    // Lena books 15 of the same week meanwhile, from the API: Ada's page still says 20 until it hears of it.
    const lena = await playwright.request.newContext({ baseURL });
    await signInApi(lena, DEMO.lena);
    expect((await lena.post(`/api/v1/signals/${signal.id}/claims`, { data: { bookings: [{ week: nextWeek.week, quantity: 15 }] } })).status()).toBe(201);
    await lena.dispose();
    await expect(row.getByTestId("week-free")).toHaveText("5"); // live, without a reload

    await weeks.getByRole("spinbutton").nth(1).fill("10");
    await region.getByRole("button", { name: "Claim" }).click();
    await expect(region.getByRole("alert")).toContainText("has only 5 each free now.");
    await expect(row.getByTestId("week-free")).toHaveText("5");
  } finally {
    await context.close();
  }
});
