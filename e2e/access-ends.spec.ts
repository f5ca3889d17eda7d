// Sockets follow the session, in the browser (ADR 011): signing out in one tab ends the live stream of a
// members-only board open in another tab of the same browser, which then says the board is no longer
// available; a public board open in a third tab goes on updating live, now as an anonymous reader.
import { expect, request as newRequest, test } from "@playwright/test";
import { DEMO, expectLive, liveStatus, postSignalApi, signalCard, signedInContext, signInApi, unique } from "./support";

test("signing out in one tab: a members-only board elsewhere becomes unavailable, a public one stays live", async ({ browser, baseURL }) => {
  const ada = await signedInContext(browser, DEMO.ada);
  const lena = await newRequest.newContext({ baseURL });
  await signInApi(lena, DEMO.lena);
  const slug = `crew-${Date.now().toString(36)}`;
  const name = unique("Night shift crew");
  const created = await ada.context.request.post("/api/v1/boards", { data: { slug, name, visibility: "members" } });
  expect(created.status(), await created.text()).toBe(201);

  try {
    const crewPage = ada.page;
    const openPage = await ada.context.newPage();
    const outPage = await ada.context.newPage();

    await test.step("Ada watches her members-only board and the public commons board, each live", async () => {
      await crewPage.goto(`/boards/${slug}`);
      await openPage.goto("/boards/commons");
      await expectLive(crewPage);
      await expectLive(openPage);
      await expect(crewPage.getByRole("heading", { name })).toBeVisible();
    });

    await test.step("she signs out in a third tab", async () => {
      await outPage.goto("/boards");
      await outPage.getByRole("button", { name: "Sign out" }).click();
      await expect(outPage.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
    });

    await test.step("the members-only board's tab says it is no longer available, without a reload", async () => {
      const gone = crewPage.getByTestId("board-gone");
      await expect(gone).toBeVisible({ timeout: 10_000 });
      await expect(gone).toContainText(`“${name}” is no longer available to you`);
      await expect(crewPage.getByTestId("signal-list")).toHaveCount(0);
      await expect(liveStatus(crewPage)).toHaveCount(0);
    });

    await test.step("the public board's tab stays live and shows what others post", async () => {
      const title = unique("Ear savers after sign-out");
      await postSignalApi(lena, { title, quantity: 12 });
      await expect(signalCard(openPage, title)).toBeVisible({ timeout: 10_000 });
      await expectLive(openPage);
    });
  } finally {
    await lena.dispose();
    await ada.context.close();
  }
});
