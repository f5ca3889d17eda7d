// Membership from the board's page: members see who is on the board, a steward removes a member, a member
// leaves (each asked once more; the page then offers to join again), and the board's last steward is told
// why they cannot leave.
import { expect, test } from "@playwright/test";
import { DEMO, signedInContext, unique } from "./support";

test("members see each other, a steward removes one, a member leaves; the last steward cannot", async ({ browser }) => {
  const ada = await signedInContext(browser, DEMO.ada);
  const lena = await signedInContext(browser, DEMO.lena);
  const marta = await signedInContext(browser, DEMO.marta);
  const slug = `leave-${Date.now().toString(36)}`;
  const name = unique("Mask frames north");
  try {
    const created = await ada.context.request.post("/api/v1/boards", { data: { slug, name, visibility: "public" } });
    expect(created.status(), await created.text()).toBe(201);
    for (const who of [lena, marta]) {
      const joined = await who.context.request.post(`/api/v1/boards/${slug}/members`);
      expect(joined.status(), await joined.text()).toBe(201);
    }

    await test.step("Ada, the steward, sees the three members and removes Marta", async () => {
      await ada.page.goto(`/boards/${slug}`);
      await ada.page.getByText("Members (3)").click();
      const list = ada.page.getByTestId("board-members");
      await expect(list.getByRole("listitem")).toHaveText([/Ada Okafor \(you\)\s*Steward/, /Lena Hoffmann/, /Marta Puig/]);
      await list.getByRole("button", { name: "Remove Marta Puig" }).click();
      await list.getByRole("button", { name: "Yes, remove Marta Puig" }).click();
      await expect(list.getByRole("listitem")).toHaveCount(2);
      await expect(ada.page.getByText("Members (2)")).toBeVisible();
      const board = await marta.context.request.get(`/api/v1/boards/${slug}`);
      expect((await board.json()).myRole).toBeNull();
    });

    const page = lena.page;
    await test.step("Lena sees she is a member of the two-member board, and cannot remove anyone", async () => {
      await page.goto(`/boards/${slug}`);
      await expect(page.getByRole("heading", { name })).toBeVisible();
      await expect(page.getByText("You are a member")).toBeVisible();
      await expect(page.getByText("2 members")).toBeVisible();
      await page.getByText("Members (2)").click();
      await expect(page.getByTestId("board-members").getByRole("listitem")).toHaveText([/Ada Okafor\s*Steward/, /Lena Hoffmann \(you\)/]);
      await expect(page.getByRole("button", { name: /^Remove / })).toHaveCount(0);
    });

    await test.step("she leaves, after saying so twice, with the keyboard", async () => {
      await page.getByRole("button", { name: "Leave this board" }).focus();
      await page.keyboard.press("Enter");
      const question = page.getByRole("group", { name: `Leave “${name}”?` });
      await expect(question).toContainText("You will no longer be able to post or claim here");
      await question.getByRole("button", { name: "Stay" }).click();
      await expect(page.getByText("You are a member")).toBeVisible();

      await page.getByRole("button", { name: "Leave this board" }).click();
      await page.getByRole("button", { name: "Yes, leave the board" }).click();
      await expect(page.getByRole("heading", { name: "Join this board to post and claim" })).toBeVisible();
      await expect(page.getByText("You are a member")).toHaveCount(0);
      await expect(page.getByText("1 member", { exact: true })).toBeVisible();
      await expect(page.getByRole("button", { name: "Leave this board" })).toHaveCount(0);
    });

    await test.step("the server agrees: she is no member, and the board is still there for her to read", async () => {
      const board = await lena.context.request.get(`/api/v1/boards/${slug}`);
      expect(board.status()).toBe(200);
      expect((await board.json()).myRole).toBeNull();
    });

    await test.step("Ada, its only steward, is told she cannot leave, and stays", async () => {
      await ada.page.goto(`/boards/${slug}`);
      await ada.page.getByRole("button", { name: "Leave this board" }).click();
      await ada.page.getByRole("button", { name: "Yes, leave the board" }).click();
      await expect(ada.page.getByText("You are the board's last steward: make someone else a steward before leaving")).toBeVisible();
      await expect(ada.page.getByText("You are a steward")).toBeVisible();
      const board = await ada.context.request.get(`/api/v1/boards/${slug}`);
      expect((await board.json()).myRole).toBe("steward");
    });
  } finally {
    await marta.context.close();
    await lena.context.close();
    await ada.context.close();
  }
});
