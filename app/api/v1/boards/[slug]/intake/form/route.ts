import { api, json } from "@/server/http/handler";
import { getIntakeForm } from "@/server/services/intake-form";

/** What the public form needs: whether the board takes requests, and its resources to pick from. */
export const GET = api<{ slug: string }>(async ({ ctx, actor, params }) => json(await getIntakeForm(ctx, actor, params.slug)));
