import { api, json } from "@/server/http/handler";
import { inventoryQuerySchema } from "@/server/domain/ledger-schemas";
import { listInventory } from "@/server/services/ledger-inventory";

export const GET = api<{ slug: string }>(async ({ ctx, actor, params, query }) =>
  json(await listInventory(ctx, actor, params.slug, query(inventoryQuerySchema))),
);
