import { api, json } from "@/server/http/handler";
import { placesQuerySchema } from "@/server/domain/schemas";
import { searchPlaces } from "@/server/services/places";

export const GET = api(async ({ ctx, actor, query }) => json({ items: await searchPlaces(ctx, actor, query(placesQuerySchema)) }));
