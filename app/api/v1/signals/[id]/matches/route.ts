import { api, json, requireUuid } from "@/server/http/handler";
import { findMatches } from "@/server/services/find-matches";

export const GET = api<{ id: string }>(async ({ ctx, actor, params }) => json(await findMatches(ctx, actor, requireUuid(params.id, "signal"))));
