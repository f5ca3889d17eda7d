import { api, json, requireUuid } from "@/server/http/handler";
import { linkInventorySchema } from "@/server/domain/ledger-schemas";
import { linkSignalInventory } from "@/server/services/ledger-link-inventory";

export const PUT = api<{ id: string }>(async ({ ctx, actor, params, body }) =>
  json(await linkSignalInventory(ctx, actor, requireUuid(params.id, "signal"), await body(linkInventorySchema))),
);
