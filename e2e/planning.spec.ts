// A planning session from snapshot to adoption in three browsers: Lena (a steward) opens a session and
// runs the planner; Ada and Marta each answer their own lines (Ada accepts, Marta is told a decline needs
// a reason and then changes her line) while Lena's page shows the coverage move live; Lena adopts, and
// the plan's claims show on the need's page. Holds for any correct planner: it reads the lines it got.
// Then a session closed without adopting, followed live by a maker's open page.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO, signedInContext, unique } from "./support";

type Line = { id: string; quantity: number; source: { owner: { name: string } } };

async function post(request: APIRequestContext, path: string, data?: unknown) {
  const res = await request.post(`/api/v1${path}`, { data });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return res.json();
}

const accepted = (page: Page) => page.getByTestId("coverage-accepted");

test("three people run a planning session from snapshot to adoption, live", async ({ browser }) => {
  const lena = await signedInContext(browser, DEMO.lena);
  const ada = await signedInContext(browser, DEMO.ada);
  const marta = await signedInContext(browser, DEMO.marta);
  try {
    const slug = unique("plan").toLowerCase().replace(/[^a-z0-9]+/g, "-");
    await post(lena.context.request, "/boards", { slug, name: `Plan ${slug}` });
    for (const m of [ada, marta]) await post(m.context.request, `/boards/${slug}/members`);
    const specName = unique("Visor frame");
    const spec = await post(lena.context.request, "/resource-specs", { name: specName, unit: "each" });
    await post(ada.context.request, `/boards/${slug}/signals`, { kind: "stock", resourceSpecId: spec.id, quantity: 12, title: "Ada's frames" });
    await post(marta.context.request, `/boards/${slug}/signals`, { kind: "stock", resourceSpecId: spec.id, quantity: 8, title: "Marta's frames" });
    const need = await post(lena.context.request, `/boards/${slug}/signals`, { kind: "need", resourceSpecId: spec.id, quantity: 15, title: "Clinic frames" });

    // Lena opens the session in the browser and runs the planner.
    const page = lena.page;
    const snapshotFetches: string[] = [];
    page.on("request", (r) => void (r.url().endsWith("/snapshot") && snapshotFetches.push(r.url())));
    await page.goto(`/boards/${slug}/planning`);
    const form = page.getByRole("form", { name: "Open a planning session" });
    await form.getByLabel("Title").fill("Frames this month");
    await form.getByLabel(`${specName} (each)`).check();
    await form.getByRole("button", { name: "Open session and take the snapshot" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Frames this month");
    const sessionId = page.url().split("/").at(-1)!;
    await page.getByRole("button", { name: "Run planner" }).click();
    await expect(page.getByTestId("coverage-suggested")).toHaveText("15");
    await expect(accepted(page)).toHaveText("0");
    // The snapshot (megabytes at scale) is fetched only when its section is opened.
    expect(snapshotFetches).toEqual([]);
    await page.getByText("The snapshot everyone plans from: 15 demanded, 20 free").click();
    await expect(page.getByRole("table", { name: "Needs in the snapshot" })).toContainText("Clinic frames");
    await expect(page.getByRole("table", { name: "Supply in the snapshot" })).toContainText("Marta's frames");
    expect(snapshotFetches).toHaveLength(1);
    const lines = (await (await lena.context.request.get(`/api/v1/planning-sessions/${sessionId}/lines`)).json()).items as Line[];
    const adaLines = lines.filter((l) => l.source.owner.name === DEMO.ada.name);
    const martaLines = lines.filter((l) => l.source.owner.name === DEMO.marta.name);
    // All 15 must be met and neither stock holds 15: both makers have lines.
    expect(adaLines.length).toBeGreaterThan(0);
    expect(martaLines.length).toBeGreaterThan(0);

    // Ada accepts all of hers; Lena's page follows without a reload.
    await ada.page.goto(`/boards/${slug}/planning/${sessionId}`);
    const adaMine = ada.page.getByTestId("my-line");
    await expect(adaMine).toHaveCount(adaLines.length);
    for (let i = 0; i < adaLines.length; i++) {
      await adaMine.nth(i).getByRole("button", { name: "Accept" }).click();
      await expect(adaMine.nth(i)).toContainText("Accepted");
    }
    const adaTotal = adaLines.reduce((a, l) => a + l.quantity, 0);
    await expect(accepted(page)).toHaveText(String(adaTotal));

    // Marta tries to decline without a reason, then takes one unit off her first line instead.
    await marta.page.goto(`/boards/${slug}/planning/${sessionId}`);
    const first = marta.page.getByTestId("my-line").first();
    await first.getByRole("button", { name: "Decline" }).click();
    await first.getByRole("button", { name: "Decline line" }).click();
    await expect(first.getByText("Say why you decline")).toBeVisible();
    await first.getByRole("button", { name: "Change" }).click();
    await first.getByLabel("Quantity").fill(String(martaLines[0]!.quantity - 1));
    await first.getByRole("button", { name: "Save change" }).click();
    await expect(marta.page.getByTestId("my-line").first()).toContainText("Changed");
    await expect(accepted(page)).toHaveText(String(adaTotal + martaLines[0]!.quantity - 1));
    await expect(page.getByTestId("coverage-answered")).toHaveText(`${adaLines.length + 1} of ${lines.length} lines answered`);

    // Lena adopts; the claims are on the need's page, made by Ada and Marta.
    await page.getByRole("button", { name: "Adopt plan" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Adopted" })).toBeVisible();
    await page.goto(`/signals/${need.id}`);
    await expect(page.getByText(`${DEMO.ada.name} claimed`).first()).toBeVisible();
    await expect(page.getByText(`${DEMO.marta.name} claimed`).first()).toBeVisible();
  } finally {
    await Promise.all([lena, ada, marta].map((c) => c.context.close()));
  }
});

test("a steward closes a session without adopting it; a maker's open page follows live", async ({ browser }) => {
  const lena = await signedInContext(browser, DEMO.lena);
  const ada = await signedInContext(browser, DEMO.ada);
  try {
    const slug = unique("close").toLowerCase().replace(/[^a-z0-9]+/g, "-");
    await post(lena.context.request, "/boards", { slug, name: `Close ${slug}` });
    await post(ada.context.request, `/boards/${slug}/members`);
    const spec = await post(lena.context.request, "/resource-specs", { name: unique("Gown"), unit: "each" });
    await post(ada.context.request, `/boards/${slug}/signals`, { kind: "stock", resourceSpecId: spec.id, quantity: 5, title: "Ada's gowns" });
    await post(lena.context.request, `/boards/${slug}/signals`, { kind: "need", resourceSpecId: spec.id, quantity: 5, title: "Ward gowns" });
    const deadline = new Date(Date.now() + 48 * 3600_000).toISOString();
    const session = await post(lena.context.request, `/boards/${slug}/planning-sessions`, { title: "Gowns", resourceSpecIds: [spec.id], horizonWeeks: 2, deadline });
    await post(lena.context.request, `/planning-sessions/${session.id}/runs`);

    await ada.page.goto(`/boards/${slug}/planning/${session.id}`);
    await expect(ada.page.getByTestId("my-line").getByRole("button", { name: "Accept" })).toBeVisible();

    const page = lena.page;
    await page.goto(`/boards/${slug}/planning/${session.id}`);
    const close = page.getByRole("button", { name: "Close without adopting" });
    // Cancelling the confirmation leaves the session open.
    page.once("dialog", (d) => void d.dismiss());
    await close.click();
    await expect(page.getByRole("button", { name: "Run planner" })).toBeVisible();
    page.once("dialog", (d) => void d.accept());
    await close.click();
    // The notice names who closed it, for everyone who opens the session later.
    await expect(page.getByRole("status").filter({ hasText: `Closed by ${DEMO.lena.name} on ` })).toContainText("without adopting a plan");
    await expect(page.getByRole("button", { name: "Run planner" })).toHaveCount(0);

    // Ada's page, open all along, shows the session closed and no longer offers to answer.
    await expect(ada.page.getByRole("heading", { level: 1 })).toContainText("closed");
    await expect(ada.page.getByRole("status").filter({ hasText: `Closed by ${DEMO.lena.name} on ` })).toBeVisible();
    await expect(ada.page.getByTestId("my-line").getByRole("button", { name: "Accept" })).toHaveCount(0);
  } finally {
    await Promise.all([lena, ada].map((c) => c.context.close()));
  }
});

test("a session with more lines than a page shows the first 500 and loads the rest on demand", async ({ browser }) => {
  const lena = await signedInContext(browser, DEMO.lena);
  const ada = await signedInContext(browser, DEMO.ada);
  try {
    const request = lena.context.request;
    const slug = unique("many").toLowerCase().replace(/[^a-z0-9]+/g, "-");
    await post(request, "/boards", { slug, name: `Many ${slug}` });
    const specName = unique("Swab");
    const spec = await post(request, "/resource-specs", { name: specName, unit: "each" });
    // 520 needs of one swab each (one line each: a counted unit is not split), and stock for all of them.
    const csv = ["kind,resource,quantity,title", ...Array.from({ length: 520 }, (_, i) => `need,${specName},1,Ward ${i + 1}`)].join("\n");
    const imported = await request.post(`/api/v1/boards/${slug}/import/signals`, { headers: { "content-type": "text/csv" }, data: csv });
    expect(imported.status(), await imported.text()).toBe(201);
    // Nobody fills their own needs: the stock is Ada's.
    await post(ada.context.request, `/boards/${slug}/members`);
    await post(ada.context.request, `/boards/${slug}/signals`, { kind: "stock", resourceSpecId: spec.id, quantity: 600, title: "Ada's store" });
    const deadline = new Date(Date.now() + 48 * 3600_000).toISOString();
    const session = await post(request, `/boards/${slug}/planning-sessions`, { title: "Swabs", resourceSpecIds: [spec.id], horizonWeeks: 2, deadline });
    expect(await post(request, `/planning-sessions/${session.id}/runs`)).toMatchObject({ met: 520 });

    const page = lena.page;
    await page.goto(`/boards/${slug}/planning/${session.id}`);
    await expect(page.getByRole("heading", { name: "All lines (520)" })).toBeVisible();
    await expect(page.getByTestId("plan-line")).toHaveCount(500);
    await expect(page.getByText("500 of 520 shown")).toBeVisible();
    await page.getByRole("button", { name: "Show more lines" }).click();
    await expect(page.getByTestId("plan-line")).toHaveCount(520);
    await expect(page.getByRole("button", { name: "Show more lines" })).toHaveCount(0);
    await expect(page.getByTestId("plan-line").last()).toContainText("Ward");
  } finally {
    await Promise.all([lena, ada].map((c) => c.context.close()));
  }
});
