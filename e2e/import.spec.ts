// Importing signals from a CSV file in the browser: a member finds the import page from the board, picks
// a file with mistakes and sees them by row before anything is written, picks a good file, watches it
// import, and finds the new signals on the board; picking it again finds nothing new. Also at 390 px.
import { expect, test, type Page } from "@playwright/test";
import { DEMO, EAR_SAVER, expectNoHorizontalScroll, signalCard, signedInContext, unique } from "./support";

const HEADER = "kind,resource,unit,quantity,title,note,place,lat,lng,due_at,available_from,available_until,on_behalf_of,external_id";
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

function csvFile(name: string, lines: string[]) {
  return { name, mimeType: "text/csv", buffer: Buffer.from([HEADER, ...lines].join("\n") + "\n") };
}

function badFile(tag: string) {
  return csvFile("mistakes.csv", [
    `need,"${EAR_SAVER}",,50,${tag} fine row,,,,,${inDays(7)},,,,${tag}-ok`,
    `offer,"${EAR_SAVER}",,10,${tag} wrong kind,,,,,,,,,`,
    `need,"${EAR_SAVER}",,2.5,${tag} half a strap,,,,,${inDays(7)},,,,`,
  ]);
}

async function pick(page: Page, file: ReturnType<typeof csvFile>) {
  await page.getByLabel("CSV file").setInputFiles(file);
}

test("a member previews a file's mistakes, imports a good file with progress, and the board shows the new signals", async ({ browser }) => {
  const { context, page } = await signedInContext(browser, DEMO.ada);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("/boards/commons");
  await page.getByRole("link", { name: "Import from CSV" }).click();
  await expect(page.getByRole("heading", { name: "Import signals from CSV" })).toBeVisible();

  const tag = unique("Csv");
  await pick(page, badFile(tag));
  const problems = page.getByTestId("import-problems");
  await expect(problems).toContainText("This file cannot be imported: 2 problems. Nothing was written.");
  await expect(problems).toContainText("Row 3, kind: Must be one of need, capacity, stock, order");
  await expect(problems).toContainText('Row 4, quantity: Must be a whole number: "each" is counted, not measured');
  // The preview marks the rows where they are.
  const preview = page.getByTestId("csv-preview");
  await expect(preview.locator('tr[data-row="2"]')).toContainText(`${tag} fine row`);
  await expect(preview.getByTestId("row-problems")).toHaveCount(2);
  await expect(page.getByRole("button", { name: /^Import \d/ })).toHaveCount(0);

  const good = csvFile("good.csv", [
    `need,"${EAR_SAVER}",,40,${tag} straps for the ward,From the spreadsheet,Berlin,52.52,13.405,${inDays(10)},,,,${tag}-1`,
    `stock,"${EAR_SAVER}",,120,${tag} straps on the shelf,,Lyon,,,,,${inDays(30)},,${tag}-2`,
    `need,"${EAR_SAVER}",,15,${tag} straps for the school,,,,,${inDays(5)},,,,${tag}-3`,
  ]);
  await pick(page, good);
  await expect(page.getByRole("status").filter({ hasText: "The file checks out" })).toContainText("3 rows, 3 new signals");
  // Hold the real import back until the progress bar has been seen, then let it through. (A predicate, not
  // a glob: the request carries a query string, which a glob on the path does not match.)
  let release = () => {};
  const released = new Promise<void>((r) => (release = r));
  await page.route(
    (url) => url.pathname.endsWith("/import/signals") && url.searchParams.get("dryRun") !== "true",
    async (route) => {
      await released;
      await route.continue();
    },
  );
  await page.getByRole("button", { name: "Import 3 signals" }).click();
  await expect(page.getByTestId("import-progress")).toBeVisible();
  release();
  await expect(page.getByRole("status").filter({ hasText: /^Imported 3 signals/ })).toBeVisible();
  await page.unrouteAll();
  await expect(page.getByTestId("import-progress")).toHaveCount(0);

  await page.getByRole("link", { name: "Back to the board" }).click();
  await expect(page).toHaveURL(/\/boards\/commons$/);
  for (const title of [`${tag} straps for the ward`, `${tag} straps on the shelf`, `${tag} straps for the school`]) {
    await expect(signalCard(page, title)).toBeVisible();
  }

  // The same file again: every row is already on the board, and nothing new is offered.
  await page.goto("/boards/commons/import");
  await pick(page, good);
  await expect(page.getByRole("status").filter({ hasText: "The file checks out" })).toContainText("3 already on the board");
  await expect(page.getByRole("button", { name: "Nothing new to import" })).toBeDisabled();
  expect(errors).toEqual([]);
  await context.close();
});

test("the import page and its preview read well 390 px wide", async ({ browser }) => {
  const { context, page } = await signedInContext(browser, DEMO.ada);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/boards/commons/import");
  await pick(page, badFile(unique("Phone")));
  await expect(page.getByTestId("import-problems")).toBeVisible();
  await expect(page.getByTestId("csv-preview")).toBeVisible();
  // The wide table scrolls inside its own box; the page itself does not scroll sideways.
  await expectNoHorizontalScroll(page);
  const box = (await page.getByTestId("import-problems").boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await context.close();
});

test("a visitor who is not signed in is asked to sign in, and can still download the board as CSV", async ({ page }) => {
  await page.goto("/boards/commons/import");
  await expect(page.getByTestId("sign-in-prompt")).toContainText("Sign in to import signals");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "signals", exact: true }).click()]);
  expect(download.suggestedFilename()).toBe("commons-signals.csv");
});
