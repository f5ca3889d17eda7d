// A board left open on a workshop laptop whose network drops: the indicator must stop claiming "Live",
// and when the network comes back the board catches up on what happened meanwhile, without a reload.
import { expect, test } from "@playwright/test";
import { DEMO, expectLive, expectSameWindow, liveStatus, markWindow, postSignalApi, signalCard, signedInContext, signInApi, unique } from "./support";

test("a board that loses its connection says so and catches up when it comes back", async ({ browser, playwright, baseURL }) => {
  const viewer = await signedInContext(browser, DEMO.lena);
  // Someone elsewhere (Ada, from her own machine through the API) keeps posting while Lena is offline.
  const elsewhere = await playwright.request.newContext({ baseURL });
  await signInApi(elsewhere, DEMO.ada);
  const { page, context } = viewer;

  try {
    await page.goto("/boards/commons");
    await expectLive(page);
    await expect(page.getByTestId("signal-list")).toBeVisible();
    const mark = await markWindow(page);

    await test.step("going offline takes the board out of Live", async () => {
      await context.setOffline(true);
      await expect(liveStatus(page)).not.toHaveAttribute("data-status", "live", { timeout: 20_000 });
      await expect(liveStatus(page)).not.toContainText("Live");
      await expect(liveStatus(page)).toHaveText(/Offline|Connecting…/);
    });

    const title = unique("Ear savers posted while you were away");
    await test.step("a need is posted while the board is offline", async () => {
      const signal = await postSignalApi(elsewhere, { title, quantity: 30 });
      expect(signal.title).toBe(title);
      // Confirm the server has it, so its absence on the page is the page's doing.
      const listed = await elsewhere.get("/api/v1/boards/commons/signals", { params: { q: title } });
      expect(((await listed.json()).items as Array<{ id: string }>).map((s) => s.id)).toContain(signal.id);
      await expect(signalCard(page, title)).toHaveCount(0);
      await expect(liveStatus(page)).not.toHaveAttribute("data-status", "live");
    });

    await test.step("back online, the board is Live again and shows the missed need without a reload", async () => {
      await context.setOffline(false);
      await expectLive(page, 30_000);
      const card = signalCard(page, title);
      await expect(card).toBeVisible({ timeout: 5_000 });
      await expect(card.getByTestId("signal-remaining")).toHaveText("30 of 30 each remaining");
      await expect(card.getByText(`by ${DEMO.ada.name}`)).toBeVisible();
      await expect(page.getByTestId("signal-card").filter({ hasText: title })).toHaveCount(1);
      await expectSameWindow(page, mark);
    });
  } finally {
    await elsewhere.dispose();
    await context.close();
  }
});
