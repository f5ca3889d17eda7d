import type { MeDto } from "../domain/dto";
import { DomainError } from "../domain/errors";
import type { Actor, ServiceContext } from "./context";

export async function getMe(ctx: ServiceContext, actor: Actor): Promise<MeDto> {
  const user = await ctx.prisma.user.findUnique({
    where: { id: actor.userId },
    select: {
      id: true,
      email: true,
      name: true,
      orgs: {
        select: {
          role: true,
          organization: { select: { id: true, name: true, kind: true, locationName: true, lat: true, lng: true } },
        },
        orderBy: { createdAt: "asc" },
      },
      boards: { select: { role: true, board: { select: { slug: true, name: true } } }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!user) throw new DomainError("UNAUTHENTICATED", "Account no longer exists");
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    organizations: user.orgs.map((m) => ({ ...m.organization, role: m.role })),
    boards: user.boards.map((m) => ({ ...m.board, role: m.role })),
  };
}
