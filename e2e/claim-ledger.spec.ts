// A delivered claim shows its ledger entries on the signal page, live: Marta (a clinic) asks for ear
// savers for her clinic, Ada claims them for her makerspace and ships; with the signal page open, Marta
// confirms delivery and sees the transfer appear under the claim without reloading.
import { expect, test } from "@playwright/test";
import { DEMO, EAR_SAVER, expectLive, expectSameWindow, markWindow, signedInContext, unique } from "./support";

test("confirming a delivery shows the claim's ledger transfer on the signal page", async ({ browser }) => {
  const marta = await signedInContext(browser, DEMO.marta);
  const ada = await signedInContext(browser, DEMO.ada);
  try {
    const orgOf = async (request: typeof marta.context.request) => {
      const me = await (await request.get("/api/v1/me")).json();
      expect(me.organizations.length, "the demo person belongs to an organization").toBeGreaterThan(0);
      return me.organizations[0].id as string;
    };
    const clinicOrg = await orgOf(marta.context.request);
    const makerOrg = await orgOf(ada.context.request);
    const specs = (await (await marta.context.request.get("/api/v1/resource-specs", { params: { q: "Ear saver" } })).json()).items;
    const spec = specs.find((s: { name: string }) => s.name === EAR_SAVER);
    const need = await marta.context.request.post("/api/v1/boards/commons/signals", {
      data: { kind: "need", resourceSpecId: spec.id, quantity: 6, title: unique("Ear savers, ledger"), onBehalfOf: clinicOrg },
    });
    expect(need.status(), await need.text()).toBe(201);
    const signal = await need.json();
    const claim = await ada.context.request.post(`/api/v1/signals/${signal.id}/claims`, { data: { quantity: 3, onBehalfOf: makerOrg } });
    expect(claim.status(), await claim.text()).toBe(201);
    const claimId = (await claim.json()).id;
    expect((await ada.context.request.post(`/api/v1/claims/${claimId}/transition`, { data: { to: "shipped" } })).status()).toBe(200);

    await marta.page.goto(`/signals/${signal.id}`);
    await expectLive(marta.page);
    const row = marta.page.locator(`[data-testid="claim-row"][data-claim-id="${claimId}"]`);
    await expect(row).toHaveAttribute("data-status", "shipped");
    await expect(row.getByTestId("claim-ledger-events")).toHaveCount(0);
    const mark = await markWindow(marta.page);

    const delivered = await marta.context.request.post(`/api/v1/claims/${claimId}/transition`, { data: { to: "delivered" } });
    expect(delivered.status(), await delivered.text()).toBe(200);

    await expect(row).toHaveAttribute("data-status", "delivered");
    const ledger = row.getByTestId("claim-ledger-events");
    await expect(ledger.locator('[data-action="transfer"]')).toContainText(/transferred 3 each to/);
    await expectSameWindow(marta.page, mark);
  } finally {
    await marta.context.close();
    await ada.context.close();
  }
});
