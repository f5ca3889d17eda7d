import { api, json } from "@/server/http/handler";
import { verifyLedger } from "@/server/services/ledger-verify";

export const GET = api<{ slug: string }>(async ({ ctx, actor, params }) => json(await verifyLedger(ctx, actor, params.slug)));
