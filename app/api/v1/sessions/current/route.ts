import { api, json } from "@/server/http/handler";
import { currentSession } from "@/server/services/current-session";

/**
 * Who the browser is signed in as: 200 with `{user}` or `{user: null}`. The page asks this on every
 * visit, and an anonymous visit is not an error (GET /me still answers 401, for machines).
 */
export const GET = api(async ({ ctx, actor }) => json({ user: await currentSession(ctx, actor) }));
