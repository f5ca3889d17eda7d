// Organizations (ADRs 030, 031), on a phone-sized screen: the directory lists and searches organizations
// and opens one; Ada, steward of the commons board, verifies a new clinic and Lena, with the board open in
// another browser, sees the "Verified" badge appear on the clinic's card without reloading; after Ada's
// makerspace delivers to the clinic through a claim, its page shows where that contribution went.
import { expect, test } from "@playwright/test";
import { DEMO, EAR_SAVER, expectLive, expectNoHorizontalScroll, expectSameWindow, markWindow, signalCard, signedInContext, unique } from "./support";

const PHONE = { width: 390, height: 844 };

test("directory, live verification badge and the lineage of a delivery", async ({ browser }) => {
  const marta = await signedInContext(browser, DEMO.marta);
  const ada = await signedInContext(browser, DEMO.ada);
  const lena = await signedInContext(browser, DEMO.lena);
  await Promise.all([marta, ada, lena].map((p) => p.page.setViewportSize(PHONE)));
  try {
    const clinicName = unique("Clínica Sant Pau ward");
    const created = await marta.context.request.post("/api/v1/organizations", {
      data: { name: clinicName, kind: "clinic", location: { name: "Barcelona", lat: 41.41, lng: 2.17 } },
    });
    expect(created.status(), await created.text()).toBe(201);
    const clinic = await created.json();

    await test.step("the directory lists and searches organizations and opens one", async () => {
      await marta.page.goto("/");
      await marta.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Organizations" }).click();
      await expect(marta.page.getByRole("heading", { name: "Organizations" })).toBeVisible();
      await expect(marta.page.getByRole("link", { name: "New organization" })).toHaveAttribute("href", "/organizations/new");
      await expect(marta.page.getByTestId("organization-list").getByRole("listitem").first()).toBeVisible();
      await marta.page.getByLabel("Search by name").fill(clinicName);
      const list = marta.page.getByTestId("organization-list");
      await expect(list.getByRole("listitem")).toHaveCount(1);
      await expectNoHorizontalScroll(marta.page);
      await list.getByRole("link", { name: clinicName }).click();
      await expect(marta.page.getByRole("heading", { name: clinicName, level: 1 })).toBeVisible();
      await expect(marta.page.getByText("No board has verified this organization yet.")).toBeVisible();
    });

    const spec = (await (await marta.context.request.get("/api/v1/resource-specs", { params: { q: "Ear saver" } })).json()).items.find(
      (s: { name: string }) => s.name === EAR_SAVER,
    );
    const title = unique("Ear savers for the new ward");
    await lena.page.goto("/boards/commons");
    await expectLive(lena.page);
    const need = await marta.context.request.post("/api/v1/boards/commons/signals", {
      data: { kind: "need", resourceSpecId: spec.id, quantity: 6, title, onBehalfOf: clinic.id },
    });
    expect(need.status(), await need.text()).toBe(201);
    const card = signalCard(lena.page, title);
    await expect(card).toBeVisible();
    await expect(card.getByTestId("verified-badge")).toHaveCount(0);
    const mark = await markWindow(lena.page);

    await test.step("a steward verifies the clinic for the board; the other browser's card shows it live", async () => {
      await ada.page.goto(`/organizations/${clinic.id}`);
      await ada.page.getByRole("button", { name: "Verify for Commons board" }).click();
      await expect(ada.page.getByTestId("organization-verifications")).toContainText("Commons board");
      await expect(ada.page.getByRole("button", { name: /Withdraw verification/ })).toBeVisible();
      await expectNoHorizontalScroll(ada.page);
      const badge = card.getByTestId("verified-badge");
      await expect(badge).toHaveText("✓ Verified");
      await expect(badge).toHaveAttribute("title", `${clinicName} is verified by the stewards of Commons board`);
      await expectSameWindow(lena.page, mark);
      await expectNoHorizontalScroll(lena.page);
    });

    await test.step("a delivery through the ledger shows under 'Where our contribution went'", async () => {
      const me = await (await ada.context.request.get("/api/v1/me")).json();
      const makerOrg = me.organizations[0];
      const signal = await need.json();
      const claim = await ada.context.request.post(`/api/v1/signals/${signal.id}/claims`, { data: { quantity: 4, onBehalfOf: makerOrg.id } });
      expect(claim.status(), await claim.text()).toBe(201);
      const claimId = (await claim.json()).id;
      expect((await ada.context.request.post(`/api/v1/claims/${claimId}/transition`, { data: { to: "shipped" } })).status()).toBe(200);
      expect((await marta.context.request.post(`/api/v1/claims/${claimId}/transition`, { data: { to: "delivered" } })).status()).toBe(200);

      await ada.page.goto(`/organizations/${makerOrg.id}`);
      const section = ada.page.getByRole("region", { name: "Where our contribution went" });
      const item = section.getByTestId("lineage-item").filter({ hasText: EAR_SAVER });
      await expect(item).toContainText(`${makerOrg.name} gave ${clinicName}`);
      await expectNoHorizontalScroll(ada.page);
    });
  } finally {
    await Promise.all([marta, ada, lena].map((p) => p.context.close()));
  }
});
