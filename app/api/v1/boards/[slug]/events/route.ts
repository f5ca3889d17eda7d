import { api, json } from "@/server/http/handler";
import { eventsQuerySchema } from "@/server/domain/schemas";
import { listBoardEvents } from "@/server/services/list-board-events";

export const GET = api<{ slug: string }>(async ({ ctx, actor, params, query }) =>
  json(await listBoardEvents(ctx, actor, params.slug, query(eventsQuerySchema))),
);
