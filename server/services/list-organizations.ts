// GET /organizations: the directory (ADR 030). Organizations are global and each one's page is public, so
// the directory shows no more than that page: name, kind, place, and the verifications of boards the
// viewer can read. Never members; `board=` (a board the viewer can read, else 404) narrows the list to
// organizations active there: signals posted or claimed for them, or ledger events on either side.
// Paged by (name, id) with an opaque cursor, like the board's list: stable while organizations are added.
import { z } from "zod";
import type { OrganizationPage } from "../domain/dto";
import { DomainError } from "../domain/errors";
import type { ListOrganizationsQuery } from "../domain/organization-schemas";
import type { Prisma } from "../db/generated/client";
import { likeLiteral } from "../db/like";
import type { Actor, ServiceContext } from "./context";
import { loadReadableBoard } from "./access";
import { verificationsOf } from "./organization-verifications";

const cursorSchema = z.object({ n: z.string().max(200), i: z.uuid() });

function decodeCursor(text: string | undefined) {
  if (!text) return null;
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
  } catch {
    throw new DomainError("VALIDATION_FAILED", "Invalid cursor: not a cursor", { cursor: ["use the nextCursor of a previous page of this same list"] });
  }
}

const encodeCursor = (last: { name: string; id: string }) => Buffer.from(JSON.stringify({ n: last.name, i: last.id })).toString("base64url");

export async function listOrganizations(ctx: ServiceContext, actor: Actor | null, query: ListOrganizationsQuery): Promise<OrganizationPage> {
  const board = query.board ? (await loadReadableBoard(ctx.prisma, query.board, actor)).board : null;
  const after = decodeCursor(query.cursor);
  const where: Prisma.OrganizationWhereInput[] = [];
  if (query.q) where.push({ name: { contains: likeLiteral(query.q), mode: "insensitive" } });
  if (query.kind) where.push({ kind: query.kind });
  if (board)
    where.push({
      OR: [
        { signals: { some: { boardId: board.id } } },
        { claims: { some: { signal: { boardId: board.id } } } },
        { providedEvents: { some: { boardId: board.id } } },
        { receivedEvents: { some: { boardId: board.id } } },
      ],
    });
  if (after) where.push({ OR: [{ name: { gt: after.n } }, { name: after.n, id: { gt: after.i } }] });
  const rows = await ctx.prisma.organization.findMany({
    where: { AND: where },
    select: { id: true, name: true, kind: true, locationName: true, lat: true, lng: true, createdAt: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const verifications = await verificationsOf(ctx.prisma, page.map((o) => o.id), actor, board?.id);
  return {
    items: page.map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      location: o.lat !== null && o.lng !== null ? { name: o.locationName, lat: o.lat, lng: o.lng } : null,
      createdAt: o.createdAt.toISOString(),
      verifications: verifications.get(o.id) ?? [],
    })),
    nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!) : null,
  };
}
