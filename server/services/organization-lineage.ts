// GET /organizations/:id/lineage: where an organization's contribution went (ADR 031). Reads the ledgers
// of the boards the viewer can read (or the ones named, each readable or 404) where the organization took
// part, and follows them with the pure tracing rule of server/domain/lineage.ts.
import type { LineageDto, OrgRef } from "../domain/dto";
import { DomainError } from "../domain/errors";
import { MAX_LINEAGE_HOPS, mergeTraces, roundQuantity, traceLineage, type LineageEvent } from "../domain/lineage";
import type { LineageQuery } from "../domain/organization-schemas";
import type { Actor, ServiceContext } from "./context";
import { coordinationBoards } from "./coordination-boards";
import { readableBoardWhere } from "./organization-verifications";

/** Bounds one request's work: a board whose ledger is longer is traced over its latest events only. */
export const LINEAGE_MAX_EVENTS_PER_BOARD = 50_000;

export async function organizationLineage(ctx: ServiceContext, actor: Actor | null, orgId: string, query: LineageQuery): Promise<LineageDto> {
  const org = await ctx.prisma.organization.findUnique({ where: { id: orgId }, select: { id: true, name: true, kind: true } });
  if (!org) throw new DomainError("NOT_FOUND", "No such organization");
  const named = query.boards.length > 0 ? await coordinationBoards(ctx, actor, query.boards) : null;
  // Only boards whose ledger the organization appears in: the rest have nothing of its to follow.
  const boards = await ctx.prisma.board.findMany({
    where: {
      ...(named ? { id: { in: named.map((b) => b.id) } } : readableBoardWhere(actor)),
      ledgerEvents: { some: { OR: [{ providerId: org.id }, { receiverId: org.id }] } },
    },
    select: { id: true, slug: true, name: true },
    orderBy: { name: "asc" },
  });
  const traces = [];
  for (const board of boards) {
    const rows = await ctx.prisma.economicEvent.findMany({
      where: { boardId: board.id },
      select: { action: true, resourceSpecId: true, quantity: true, providerId: true, receiverId: true },
      orderBy: { seq: "desc" },
      take: LINEAGE_MAX_EVENTS_PER_BOARD,
    });
    const events: LineageEvent[] = rows.reverse().map((r) => ({ ...r, quantity: Number(r.quantity) }));
    traces.push(...traceLineage(events, org.id));
  }
  const merged = mergeTraces(traces).filter((t) => t.produced + t.received + t.given > 0);
  const orgIds = new Set<string>();
  for (const t of merged) {
    for (const f of t.flows) {
      orgIds.add(f.from);
      if (f.to) orgIds.add(f.to);
    }
    for (const h of t.holdings) orgIds.add(h.agentId);
  }
  const [orgs, specs] = [
    await ctx.prisma.organization.findMany({ where: { id: { in: [...orgIds] } }, select: { id: true, name: true, kind: true } }),
    await ctx.prisma.resourceSpec.findMany({ where: { id: { in: merged.map((t) => t.resourceSpecId) } }, select: { id: true, name: true, unit: true } }),
  ];
  const orgOf = new Map<string, OrgRef>(orgs.map((o) => [o.id, o]));
  const ref = (id: string): OrgRef => orgOf.get(id) ?? { id, name: "(unknown)", kind: "other" };
  const specOf = new Map(specs.map((s) => [s.id, s]));
  return {
    organization: org,
    boards: boards.map((b) => ({ slug: b.slug, name: b.name })),
    maxHops: MAX_LINEAGE_HOPS,
    items: merged
      .map((t) => ({
        resourceSpec: specOf.get(t.resourceSpecId) ?? { id: t.resourceSpecId, name: "(unknown)", unit: "" },
        produced: roundQuantity(t.produced),
        received: roundQuantity(t.received),
        given: roundQuantity(t.given),
        consumed: roundQuantity(t.flows.filter((f) => f.to === null).reduce((a, f) => a + f.quantity, 0)),
        beyondHorizon: roundQuantity(t.beyondHorizon),
        flows: t.flows
          .map((f) => ({ from: ref(f.from), to: f.to ? ref(f.to) : null, action: f.action, hop: f.hop, quantity: roundQuantity(f.quantity) }))
          .filter((f) => f.quantity > 0)
          .sort((a, b) => a.hop - b.hop || b.quantity - a.quantity),
        holdings: t.holdings
          .map((h) => ({ agent: ref(h.agentId), quantity: roundQuantity(h.quantity) }))
          .filter((h) => h.quantity > 0)
          .sort((a, b) => b.quantity - a.quantity),
      }))
      .sort((a, b) => a.resourceSpec.name.localeCompare(b.resourceSpec.name)),
  };
}
