// Matching in the browser (ADRs 034, 035): a need's Matches section ranks the capacity and stock that could
// fill it and says why; a maker's "Suggested for you" shows a need another person posts while the page is
// open, and the bell in the header counts the notification of it, live.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { unique } from "./support";

const BERLIN = { name: "Berlin", lat: 52.52, lng: 13.405 };
const POTSDAM = { name: "Potsdam", lat: 52.3906, lng: 13.0645 };
const HAMBURG = { name: "Hamburg", lat: 53.5511, lng: 9.9937 };
const PASSWORD = "correct horse battery staple";

/** A new person, signed in on `request` (session cookie) and a member of the commons board. */
async function newPerson(request: APIRequestContext, name: string) {
  const email = `${unique("p").replace(" ", "-")}@example.test`;
  const account = await request.post("/api/v1/accounts", { data: { email, password: PASSWORD, name } });
  expect(account.status(), await account.text()).toBe(201);
  expect((await request.post("/api/v1/sessions", { data: { email, password: PASSWORD } })).status()).toBe(201);
  expect((await request.post("/api/v1/boards/commons/members")).status()).toBe(201);
  return (await account.json()) as { id: string };
}

async function post(request: APIRequestContext, path: string, data: unknown) {
  const res = await request.post(`/api/v1${path}`, { data });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}

test("a need's Matches section lists the ranked candidates with their reasons", async ({ browser, playwright, baseURL }) => {
  const clinic = await playwright.request.newContext({ baseURL });
  const near = await playwright.request.newContext({ baseURL });
  const far = await playwright.request.newContext({ baseURL });
  await newPerson(clinic, "Clinic");
  await newPerson(near, "Potsdam Lab");
  await newPerson(far, "Hamburg Lab");
  const spec = await post(clinic, "/resource-specs", { name: unique("Face shield"), unit: "each" });
  const need = await post(clinic, "/boards/commons/signals", {
    kind: "need", resourceSpecId: spec.id, quantity: 100, title: unique("Shields for the ward"), location: BERLIN,
    dueAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
  });
  const nearTitle = unique("Shields in Potsdam");
  const farTitle = unique("Shields in Hamburg");
  await post(far, "/boards/commons/signals", { kind: "stock", resourceSpecId: spec.id, quantity: 30, title: farTitle, location: HAMBURG });
  await post(near, "/boards/commons/signals", { kind: "stock", resourceSpecId: spec.id, quantity: 100, title: nearTitle, location: POTSDAM });

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/signals/${need.id}`);
  const section = page.getByRole("region", { name: "Matches" });
  const matches = section.getByTestId("match");
  await expect(matches).toHaveCount(2);
  await expect(matches.nth(0).getByRole("link")).toHaveText(nearTitle);
  await expect(matches.nth(0).getByTestId("match-reason")).toHaveText(["same resource", "100 each in stock", "covers all 100 still needed", "27 km away", "no past claims yet"]);
  await expect(matches.nth(1).getByRole("link")).toHaveText(farTitle);
  await expect(matches.nth(1).getByTestId("match-reason")).toContainText(["covers 30 of 100 still needed", "255 km away"]);
  await matches.nth(0).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nearTitle);
  await Promise.all([context.close(), clinic.dispose(), near.dispose(), far.dispose()]);
});

test("a maker's Suggested for you and the bell show a need another person posts while the page is open", async ({ browser, playwright, baseURL }) => {
  const context = await browser.newContext();
  await newPerson(context.request, "Berlin Maker");
  const org = await post(context.request, "/organizations", { name: unique("Berlin Makerspace"), kind: "makerspace", location: BERLIN });
  const spec = await post(context.request, "/resource-specs", { name: unique("Ear saver"), unit: "each" });
  await post(context.request, "/boards/commons/signals", { kind: "capacity", resourceSpecId: spec.id, quantity: 500, title: unique("We print ear savers"), onBehalfOf: org.id });
  await post(context.request, "/me/subscriptions", { resourceSpecIds: [spec.id], near: { lat: BERLIN.lat, lng: BERLIN.lng }, radiusKm: 50 });

  const page = await context.newPage();
  await page.goto("/suggestions");
  await expect(page.getByRole("heading", { name: "Suggested for you" })).toBeVisible();
  await expect(page.getByText("No open needs near you fit what you offer right now.")).toBeVisible();
  await expect(page.getByTestId("notification-count")).toHaveCount(0);

  const clinic = await playwright.request.newContext({ baseURL });
  await newPerson(clinic, "Potsdam Clinic");
  const title = unique("Ear savers for nurses");
  await post(clinic, "/boards/commons/signals", { kind: "need", resourceSpecId: spec.id, quantity: 40, title, location: POTSDAM });

  const suggestion = page.getByTestId("suggestion").filter({ hasText: title });
  await expect(suggestion).toBeVisible(); // live, without a reload
  await expect(suggestion).toContainText("27 km away");
  await expect(page.getByTestId("notification-count")).toHaveText("1");
  await page.getByTestId("notification-bell").click();
  await expect(page.getByTestId("notification").first()).toContainText("New need: 40 each");
  await page.getByRole("button", { name: "Mark all read" }).click();
  await expect(page.getByTestId("notification-count")).toHaveCount(0);
  await Promise.all([context.close(), clinic.dispose()]);
});
