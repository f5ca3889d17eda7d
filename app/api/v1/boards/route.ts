import { api, json } from "@/server/http/handler";
import { createBoardSchema } from "@/server/domain/schemas";
import { createBoard, listBoards } from "@/server/services/boards";
import { requireActor } from "@/server/services/access";

export const GET = api(async ({ ctx, actor }) => json({ items: await listBoards(ctx, actor) }));

export const POST = api(async ({ ctx, actor, body }) => {
  const a = requireActor(actor);
  return json(await createBoard(ctx, a, await body(createBoardSchema)), 201);
});
