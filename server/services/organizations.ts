import type { OrganizationDto } from "../domain/dto";
import { DomainError } from "../domain/errors";
import type { CreateOrganizationInput } from "../domain/schemas";
import type { Actor, ServiceContext } from "./context";
import { verificationsOf } from "./organization-verifications";

const orgSelect = {
  id: true,
  name: true,
  kind: true,
  locationName: true,
  lat: true,
  lng: true,
  createdAt: true,
  members: { select: { role: true, user: { select: { id: true, name: true } } }, orderBy: { createdAt: "asc" } },
} as const;

type OrgRow = {
  id: string;
  name: string;
  kind: string;
  locationName: string | null;
  lat: number | null;
  lng: number | null;
  createdAt: Date;
  members: Array<{ role: "admin" | "member"; user: { id: string; name: string } }>;
};

function toDto(o: OrgRow, verifications: OrganizationDto["verifications"] = []): OrganizationDto {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    location: o.lat !== null && o.lng !== null ? { name: o.locationName, lat: o.lat, lng: o.lng } : null,
    createdAt: o.createdAt.toISOString(),
    members: o.members.map((m) => ({ ...m.user, role: m.role })),
    verifications,
  };
}

/** Creates an organization (VF Organization); its creator is its admin and can act on its behalf. */
export async function createOrganization(ctx: ServiceContext, actor: Actor, input: CreateOrganizationInput) {
  const org = await ctx.prisma.organization.create({
    data: {
      name: input.name,
      kind: input.kind,
      locationName: input.location?.name ?? null,
      lat: input.location?.lat ?? null,
      lng: input.location?.lng ?? null,
      members: { create: { userId: actor.userId, role: "admin" } },
    },
    select: orgSelect,
  });
  return toDto(org);
}

/** An organization, with the verifications of the boards the viewer can read (ADR 030). */
export async function getOrganization(ctx: ServiceContext, actor: Actor | null, id: string) {
  const org = await ctx.prisma.organization.findUnique({ where: { id }, select: orgSelect });
  if (!org) throw new DomainError("NOT_FOUND", "No such organization");
  const verifications = await verificationsOf(ctx.prisma, [org.id], actor);
  return toDto(org, verifications.get(org.id) ?? []);
}
