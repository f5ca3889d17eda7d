// Two people on the same board at the same time: what one does, the other sees at once, without
// reloading. Ada (a maker) posts a need; Marta (a clinic) sees it arrive, claims part and starts work;
// Ada sees the claim land on her card and, as the receiver of the need, confirms delivery; Marta sees that.
import { expect, test } from "@playwright/test";
import {
  DEMO,
  EAR_SAVER,
  expectLive,
  expectSameWindow,
  markWindow,
  signalCard,
  signedInContext,
  unique,
  viewerCount,
} from "./support";

test("a need posted on one screen is claimed on another and both follow it live", async ({ browser }) => {
  const a = await signedInContext(browser, DEMO.ada);
  const b = await signedInContext(browser, DEMO.marta);
  const title = unique("Ear savers for ward 3");

  try {
    await test.step("both people open the commons board and see it live", async () => {
      await Promise.all([a.page.goto("/boards/commons"), b.page.goto("/boards/commons")]);
      await expectLive(a.page);
      await expectLive(b.page);
      await expect(a.page.getByTestId("signal-list")).toBeVisible();
      await expect(b.page.getByTestId("signal-list")).toBeVisible();
    });

    await test.step("each sees at least two people viewing", async () => {
      await expect.poll(() => viewerCount(a.page), { message: "Ada's viewer count" }).toBeGreaterThanOrEqual(2);
      await expect.poll(() => viewerCount(b.page), { message: "Marta's viewer count" }).toBeGreaterThanOrEqual(2);
    });

    const markA = await markWindow(a.page);
    const markB = await markWindow(b.page);
    await expect(signalCard(b.page, title)).toHaveCount(0);

    await test.step("Ada posts a need through the form", async () => {
      await a.page.getByRole("button", { name: "Post a signal" }).click();
      const form = a.page.getByRole("region", { name: "Post a signal" });
      await expect(form.getByLabel("Kind")).toHaveValue("need");
      await form.getByRole("combobox", { name: "Resource", exact: true }).selectOption({ label: `${EAR_SAVER} (each)` });
      await form.getByLabel("Quantity").fill("40");
      await form.getByRole("textbox", { name: "Title", exact: true }).fill(title);
      await form.getByLabel("Note").fill("Straps for the night shift, any colour.");
      await form.getByRole("button", { name: "Post signal" }).click();
      await expect(form.getByRole("status")).toContainText(`Signal posted: ${title}`);
    });

    const cardOnB = signalCard(b.page, title);
    await test.step("Marta's board shows the new need within seconds, without reloading", async () => {
      await expect(cardOnB).toBeVisible({ timeout: 5_000 });
      await expect(cardOnB.getByTestId("signal-remaining")).toHaveText("40 of 40 each remaining");
      await expect(cardOnB.getByText(`by ${DEMO.ada.name}`)).toBeVisible();
      await expectSameWindow(b.page, markB);
    });

    await test.step("Marta opens the need and claims 15 of the 40", async () => {
      await cardOnB.getByRole("link", { name: title }).click();
      await expect(b.page).toHaveURL(/\/signals\/[^/]+$/);
      await expect(b.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      await expectLive(b.page);
      const claim = b.page.getByRole("region", { name: "Claim", exact: true });
      await claim.getByLabel("Quantity").fill("15");
      await claim.getByRole("button", { name: "Claim" }).click();
      await expect(claim.getByRole("status")).toHaveText("You claimed 15 each.");
      await expect(b.page.getByTestId("signal-remaining")).toHaveText("25 of 40 each remaining");
    });

    const cardOnA = signalCard(a.page, title);
    await test.step("Ada's card shows the claim and the new remaining quantity live", async () => {
      await expect(cardOnA.getByTestId("signal-remaining")).toHaveText("25 of 40 each remaining", { timeout: 5_000 });
      const claims = cardOnA.getByTestId("signal-claims");
      await expect(claims).toContainText(DEMO.marta.name);
      await expect(claims).toContainText("15 each");
      await expect(claims).toContainText("Claimed");
      await expectSameWindow(a.page, markA);
    });

    const rowOnB = b.page.getByTestId("claim-row");
    await test.step("Marta starts work; Ada's card follows", async () => {
      const markSignalB = await markWindow(b.page);
      await expect(rowOnB).toHaveCount(1);
      await rowOnB.getByRole("button", { name: "Start work" }).click();
      await expect(rowOnB).toHaveAttribute("data-status", "in_progress");
      await expect(rowOnB.getByText("In progress", { exact: true })).toBeVisible();
      await expect(cardOnA.getByTestId("signal-claims")).toContainText("In progress", { timeout: 5_000 });
      await expectSameWindow(a.page, markA);
      await expectSameWindow(b.page, markSignalB);
    });

    await test.step("Ada, who asked, confirms delivery; Marta sees it without reloading", async () => {
      const markSignalB = await markWindow(b.page);
      await cardOnA.getByRole("link", { name: title }).click();
      await expect(a.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      const rowOnA = a.page.getByTestId("claim-row");
      await expect(rowOnA).toHaveAttribute("data-status", "in_progress");
      await expect(rowOnA).toContainText(DEMO.marta.name);
      // Ada receives: she can confirm delivery but cannot start or release Marta's work.
      await expect(rowOnA.getByRole("button", { name: "Start work" })).toHaveCount(0);
      await expect(rowOnA.getByRole("button", { name: "Release" })).toHaveCount(0);
      await rowOnA.getByRole("button", { name: "Confirm delivered" }).click();
      await expect(rowOnA).toHaveAttribute("data-status", "delivered");

      await expect(rowOnB).toHaveAttribute("data-status", "delivered", { timeout: 5_000 });
      await expect(rowOnB.getByText("Delivered", { exact: true })).toBeVisible();
      await expect(rowOnB.getByRole("button", { name: "Mark shipped" })).toHaveCount(0);
      const delivered = b.page.getByRole("term").filter({ hasText: "Delivered:" }).locator("xpath=following-sibling::dd[1]");
      await expect(delivered).toHaveText("15 each");
      await expectSameWindow(b.page, markSignalB);
    });
  } finally {
    await a.context.close();
    await b.context.close();
  }
});
