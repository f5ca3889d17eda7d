import { api, json } from "@/server/http/handler";
import { getBoard } from "@/server/services/boards";

export const GET = api<{ slug: string }>(async ({ ctx, actor, params }) => json(await getBoard(ctx, actor, params.slug)));
