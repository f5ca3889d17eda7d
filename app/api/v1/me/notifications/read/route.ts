import { api, json } from "@/server/http/handler";
import { requireActor } from "@/server/services/access";
import { markNotificationsRead, markReadSchema } from "@/server/services/notifications";

export const POST = api(async ({ ctx, actor, body }) => {
  const a = requireActor(actor);
  return json(await markNotificationsRead(ctx, a, await body(markReadSchema)));
});
