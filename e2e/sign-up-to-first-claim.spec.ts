// A newcomer's first visit: create an account, join the commons board by accepting its covenant, claim
// part of a need, and follow the claim from "My claims". Plus the two ways it can go wrong for them:
// asking for more than is left, and a mistyped password.
import { expect, test } from "@playwright/test";
import { DEMO, expectLive, postSignalApi, signalCard, signInApi, unique } from "./support";

test("a new person signs up, joins the commons and makes a first claim", async ({ page, playwright, baseURL }) => {
  // A clinic (Marta) has asked for 12 ear savers: the newcomer will fill part of it.
  const clinic = await playwright.request.newContext({ baseURL });
  await signInApi(clinic, DEMO.marta);
  const need = await postSignalApi(clinic, { title: unique("Ear savers for the vaccination desk"), quantity: 12 });
  await clinic.dispose();

  const name = unique("Rosa Newcomer");
  const email = `${unique("rosa").replace(/\s+/g, "-")}@example.test`;

  await test.step("an anonymous visitor can read the board but is asked to sign in to claim", async () => {
    await page.goto("/boards/commons");
    await expect(page.getByTestId("signal-list")).toBeVisible();
    const prompt = page.getByTestId("sign-in-prompt");
    await expect(prompt).toContainText("Sign in to post or claim");
    await prompt.getByRole("link", { name: "create an account" }).click();
  });

  await test.step("signs up and lands back on the board, signed in", async () => {
    await expect(page).toHaveURL(/\/sign-up\?next=%2Fboards%2Fcommons$/);
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a-long-enough-passphrase");
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect(page).toHaveURL(/\/boards\/commons$/);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(page.getByTestId("signed-in-as")).toHaveText(name);
    await expect(page.getByRole("banner").getByRole("link", { name: "Sign in", exact: true })).toHaveCount(0);
  });

  await test.step("joins the board by accepting its covenant", async () => {
    await expect(page.getByTestId("sign-in-prompt")).toHaveCount(0);
    await expect(page.getByTestId("join-covenant")).not.toBeEmpty();
    const join = page.getByRole("button", { name: "Join this board" });
    await expect(join).toBeDisabled();
    await page.getByLabel("I accept the covenant").check();
    await join.click();
    await expect(page.getByRole("button", { name: "Post a signal" })).toBeVisible();
    await expect(page.getByText("You are a member")).toBeVisible();
    await expect(page.getByTestId("join-covenant")).toHaveCount(0);
  });

  await test.step("finds the need and claims 5 of the 12", async () => {
    await expectLive(page);
    const filters = page.getByRole("search", { name: "Filter signals" });
    await filters.getByLabel("Kind").selectOption({ label: "Needs" });
    await filters.getByLabel("Search").fill(need.title);
    const card = signalCard(page, need.title);
    await expect(card).toBeVisible();
    await expect(page.getByTestId("signal-card")).toHaveCount(1);
    await card.getByRole("link", { name: need.title }).click();

    await expect(page.getByRole("heading", { level: 1, name: need.title })).toBeVisible();
    await expect(page.getByTestId("signal-remaining")).toHaveText("12 of 12 each remaining");
    const claim = page.getByRole("region", { name: "Claim", exact: true });
    await claim.getByLabel("Quantity").fill("5");
    await claim.getByLabel("Note").fill("Printing them tonight.");
    await claim.getByRole("button", { name: "Claim" }).click();
    await expect(claim.getByRole("status")).toHaveText("You claimed 5 each.");
    await expect(page.getByTestId("signal-remaining")).toHaveText("7 of 12 each remaining");
    const row = page.getByTestId("claim-row").filter({ hasText: name });
    await expect(row).toHaveAttribute("data-status", "claimed");
    await expect(row).toContainText("Printing them tonight.");
  });

  await test.step("asking for more than is left is refused with what is left, and changes nothing", async () => {
    const claim = page.getByRole("region", { name: "Claim", exact: true });
    await claim.getByLabel("Quantity").fill("8");
    await claim.getByRole("button", { name: "Claim" }).click();
    await expect(claim.getByRole("alert")).toHaveText("Only 7 each left");
    await expect(page.getByTestId("signal-remaining")).toHaveText("7 of 12 each remaining");
    await expect(page.getByTestId("claim-row")).toHaveCount(1);
  });

  await test.step("finds the claim in My claims and starts work on it", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My claims" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "My claims" })).toBeVisible();
    const row = page.getByTestId("claim-row").filter({ has: page.getByRole("link", { name: need.title }) });
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute("data-status", "claimed");
    await expect(row).toContainText("You claimed 5 each");
    await row.getByRole("button", { name: "Start work" }).click();
    await expect(row).toHaveAttribute("data-status", "in_progress");
    await expect(row.getByText("In progress", { exact: true })).toBeVisible();
    await expect(row.getByRole("button", { name: "Start work" })).toHaveCount(0);
    await expect(row.getByRole("button", { name: "Mark shipped" })).toBeVisible();

    // It stuck: after a reload the server still has it in progress.
    await page.reload();
    await expect(page.getByTestId("claim-row").filter({ has: page.getByRole("link", { name: need.title }) })).toHaveAttribute(
      "data-status",
      "in_progress",
    );
  });
});

test("a wrong password is refused with a clear message and nobody is signed in", async ({ page }) => {
  await page.goto("/sign-in");
  const form = page.getByRole("region", { name: "Sign in" });
  await form.getByLabel("Email").fill(DEMO.lena.email);
  await form.getByLabel("Password").fill("not-the-password");
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(form.getByRole("alert")).toHaveText("Email or password is wrong");
  await expect(form.getByLabel("Email")).toHaveValue(DEMO.lena.email);
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  const me = await page.request.get("/api/v1/me");
  expect(me.status()).toBe(401);
});
