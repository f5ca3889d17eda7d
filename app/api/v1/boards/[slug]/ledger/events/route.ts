import { api, json } from "@/server/http/handler";
import { listEconomicEventsQuerySchema, recordEconomicEventSchema } from "@/server/domain/ledger-schemas";
import { listEconomicEvents } from "@/server/services/ledger-list-events";
import { recordEconomicEvent } from "@/server/services/ledger-record";

export const GET = api<{ slug: string }>(async ({ ctx, actor, params, query }) =>
  json(await listEconomicEvents(ctx, actor, params.slug, query(listEconomicEventsQuerySchema))),
);

export const POST = api<{ slug: string }>(async ({ ctx, actor, params, body }) =>
  json(await recordEconomicEvent(ctx, actor, params.slug, await body(recordEconomicEventSchema)), 201),
);
