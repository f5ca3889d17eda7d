import { z } from "zod";
import { api, json } from "@/server/http/handler";
import { requireActor } from "@/server/services/access";
import { listNotifications } from "@/server/services/notifications";

const querySchema = z.object({ unread: z.enum(["1", "0", "true", "false"]).optional() });

export const GET = api(async ({ ctx, actor, query }) => {
  const a = requireActor(actor);
  const { unread } = query(querySchema);
  return json(await listNotifications(ctx, a, unread === "1" || unread === "true"));
});
