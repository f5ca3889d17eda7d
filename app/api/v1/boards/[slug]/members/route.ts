import { api, json } from "@/server/http/handler";
import { joinBoard } from "@/server/services/boards";
import { listMembers } from "@/server/services/list-members";
import { requireActor } from "@/server/services/access";

/** Joining a board accepts its covenant. */
export const POST = api<{ slug: string }>(async ({ ctx, actor, params }) =>
  json(await joinBoard(ctx, requireActor(actor), params.slug), 201),
);

/** The board's members, for its members only. */
export const GET = api<{ slug: string }>(async ({ ctx, actor, params }) =>
  json({ items: await listMembers(ctx, actor, params.slug) }),
);
