// Public intake (ADR 032): a visitor without an account, on a phone-sized screen, asks the commons board
// for supplies; a steward, in another browser context, finds it waiting and accepts it; the need shows on
// the visitor's board without a reload, for the facility, and without the contact details.
import { expect, test } from "@playwright/test";
import { DEMO, EAR_SAVER, expectLive, expectNoHorizontalScroll, signalCard, signedInContext, unique } from "./support";

test.use({ viewport: { width: 390, height: 844 } });

test("a facility without an account requests supplies; a steward accepts; the need appears", async ({ browser }) => {
  const visitor = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await visitor.newPage();
  const steward = await signedInContext(browser, DEMO.ada);
  const facility = unique("Care home Les Tilleuls");
  const title = unique("Ear savers for the care home");
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));

  try {
    await test.step("the board links to the form, which says a steward checks each request", async () => {
      await page.goto("/boards/commons");
      await expectLive(page);
      await page.getByRole("link", { name: /Request supplies/ }).click();
      await expect(page.getByRole("heading", { name: /Request supplies from/ })).toBeVisible();
      await expect(page.getByText("A steward of this board checks each request before it is shown")).toBeVisible();
      await expectNoHorizontalScroll(page);
    });

    await test.step("sending without a way to call back is refused next to the fields", async () => {
      const form = page.getByRole("form", { name: "Request supplies" });
      await form.getByLabel("Facility name").fill(facility);
      await form.getByLabel("Town or address").fill("Lyon");
      await form.getByLabel("What do you need?").selectOption({ label: `${EAR_SAVER} (each)` });
      await form.getByLabel(/How many/).fill("120");
      await form.getByRole("button", { name: "Send request" }).click();
      await expect(form.getByText("Give an email address or a phone number").first()).toBeVisible();
      await expect(form.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    });

    let reference = "";
    await test.step("with a phone number it is sent and the reference shown", async () => {
      const form = page.getByRole("form", { name: "Request supplies" });
      await form.getByLabel("Phone").fill("+33 4 72 00 00 00");
      await form.getByLabel(/Anything the steward should know/).fill("Ask for the head nurse");
      // Keyboard: the send button is reached and pressed without the mouse.
      await form.getByRole("button", { name: "Send request" }).focus();
      await page.keyboard.press("Enter");
      reference = (await page.getByTestId("intake-reference").textContent()) ?? "";
      expect(reference).toMatch(/^REQ-[0-9A-Z]{8}$/);
      await expectNoHorizontalScroll(page);
    });

    await test.step("nothing shows on the board yet", async () => {
      await page.getByRole("link", { name: "Back to the board" }).click();
      await expectLive(page);
      await expect(page.getByText(facility)).toHaveCount(0);
    });

    await test.step("the steward sees it waiting and accepts it", async () => {
      await steward.page.goto("/boards/commons");
      await expect(steward.page.getByTestId("intake-waiting")).toContainText(/[1-9]\d* waiting/);
      await steward.page.getByTestId("intake-waiting").click();
      const card = steward.page.getByTestId("intake-request").filter({ hasText: facility });
      await expect(card).toContainText(reference);
      await expect(card).toContainText("+33 4 72 00 00 00");
      await card.getByLabel("Kind of facility").selectOption("other");
      await card.getByLabel(/Title on the board/).fill(title);
      await card.getByRole("button", { name: "Accept and post the need" }).click();
      await expect(card).toHaveCount(0);
    });

    await test.step("the need appears on the visitor's board, for the facility, without the phone number", async () => {
      const need = signalCard(page, title);
      await expect(need).toBeVisible({ timeout: 10_000 });
      await expect(need).toContainText(facility);
      await expect(page.getByText("+33 4 72 00 00 00")).toHaveCount(0);
      await expectNoHorizontalScroll(page);
    });
    expect(errors).toEqual([]);
  } finally {
    await visitor.close();
    await steward.context.close();
  }
});
