// Demo network for a first start: created through the real use-cases (so the event log, counters and
// statuses are exactly what real use produces), on a clock walked through the past so that signals have
// varied ages and heat. Runs only against an empty database.
import { allowedTransitions } from "../domain/claim-lifecycle";
import {
  DEMO_PASSWORD,
  demoBoards,
  demoOrgs,
  demoSignals,
  demoSpecs,
  demoUsers,
  type DemoClaim,
  type DemoSignal,
} from "../../prisma/seed-data";
import type { Actor, ServiceContext } from "./context";
import { createAccountUnlimited } from "./create-account";
import { createOrganization } from "./organizations";
import { createBoard, joinBoard } from "./boards";
import { createResourceSpec } from "./resource-specs";
import { createSignal } from "./create-signal";
import { claimSignal } from "./claim-signal";
import { transitionClaim } from "./transition-claim";
import { reinforceSignal, withdrawSignal } from "./change-signal";
import { lapseQuietClaim } from "./sweep";
import { log } from "../log";

const HOUR = 3_600_000;

type Step = { at: number; run: (ctx: ServiceContext) => Promise<unknown> };

/** How many of the demo's accounts (whose password is published in the README) exist in this database. */
export async function countDemoAccounts(ctx: ServiceContext): Promise<number> {
  return ctx.prisma.user.count({ where: { email: { in: demoUsers.map((u) => u.email) } } });
}

export async function seedDemoIfEmpty(ctx: ServiceContext): Promise<boolean> {
  const [users, boards] = await Promise.all([ctx.prisma.user.count(), ctx.prisma.board.count()]);
  if (users > 0 || boards > 0) return false;
  const started = Date.now();
  await seedDemo(ctx);
  log.info({ ms: Date.now() - started }, "demo board seeded");
  return true;
}

export async function seedDemo(base: ServiceContext) {
  const realNow = base.now().getTime();
  let clock = realNow - 700 * HOUR;
  const ctx: ServiceContext = { ...base, now: () => new Date(clock) };

  const actors = new Map<string, Actor>();
  for (const u of demoUsers) {
    const user = await createAccountUnlimited(ctx, { email: u.email, password: DEMO_PASSWORD, name: u.name });
    actors.set(u.key, { userId: user.id, name: user.name });
  }
  const actor = (key: string) => actors.get(key)!;

  const orgIds = new Map<string, string>();
  for (const o of demoOrgs) {
    const org = await createOrganization(ctx, actor(o.adminKey), { name: o.name, kind: o.kind, location: o.location });
    orgIds.set(o.key, org.id);
    if (o.memberKeys.length)
      await ctx.prisma.organizationMember.createMany({
        data: o.memberKeys.map((k) => ({ organizationId: org.id, userId: actor(k).userId, role: "member" as const })),
      });
  }

  for (const b of demoBoards) {
    await createBoard(ctx, actor(b.stewardKey), {
      slug: b.slug,
      name: b.name,
      covenant: b.covenant,
      licence: b.licence,
      visibility: b.visibility,
    });
    for (const k of b.memberKeys) await joinBoard(ctx, actor(k), b.slug);
  }

  const specIds = new Map<string, string>();
  for (const s of demoSpecs) {
    const spec = await createResourceSpec(ctx, actor(demoUsers[0]!.key), {
      name: s.name,
      unit: s.unit,
      divisible: s.divisible,
      category: s.category,
      designUrl: s.designUrl,
      licence: s.licence,
    });
    specIds.set(s.key, spec.id);
  }

  // Every action gets a moment in the past; running them in time order keeps the log's order and its
  // timestamps in agreement.
  const steps: Step[] = [];
  for (const s of demoSignals) steps.push(...signalSteps(s, realNow, actor, orgIds, specIds));
  steps.sort((a, b) => a.at - b.at);
  for (const step of steps) {
    clock = Math.min(step.at, realNow);
    await step.run(ctx);
  }
}

function signalSteps(
  s: DemoSignal,
  now: number,
  actor: (key: string) => Actor,
  orgIds: Map<string, string>,
  specIds: Map<string, string>,
): Step[] {
  const createdAt = now - s.ageHours * HOUR;
  const signal: { id?: string; ownerId: string } = { ownerId: actor(s.ownerKey).userId };
  const steps: Step[] = [];
  const hoursFromNow = (h: number | undefined) => (h === undefined ? undefined : new Date(now + h * HOUR));
  steps.push({
    at: createdAt,
    run: async (ctx) => {
      const created = await createSignal(ctx, actor(s.ownerKey), s.board, {
        kind: s.kind,
        resourceSpecId: specIds.get(s.specKey)!,
        quantity: s.quantity,
        title: s.title,
        note: s.note,
        location: s.orgKey ? await orgLocation(ctx, orgIds.get(s.orgKey)!) : undefined,
        dueAt: hoursFromNow(s.dueInHours),
        availableFrom: hoursFromNow(s.availableFromHours),
        availableUntil: hoursFromNow(s.availableUntilHours),
        onBehalfOf: s.orgKey ? orgIds.get(s.orgKey) : undefined,
      });
      signal.id = created.id;
    },
  });
  (s.reinforcedBy ?? []).forEach((k, i) => {
    steps.push({
      at: createdAt + (i + 1) * Math.min(2 * HOUR, (s.ageHours * HOUR) / 10),
      run: (ctx) => reinforceSignal(ctx, actor(k), signal.id!),
    });
  });
  (s.claims ?? []).forEach((c, i) => steps.push(...claimSteps(c, i, s, createdAt, now, signal, actor, orgIds)));
  if (s.withdrawn)
    steps.push({ at: createdAt + (s.ageHours * HOUR) / 2, run: (ctx) => withdrawSignal(ctx, actor(s.ownerKey), signal.id!) });
  return steps;
}

function claimSteps(
  c: DemoClaim,
  index: number,
  s: DemoSignal,
  createdAt: number,
  now: number,
  signal: { id?: string; ownerId: string },
  actor: (key: string) => Actor,
  orgIds: Map<string, string>,
): Step[] {
  const span = now - createdAt;
  const final = c.path.at(-1) ?? "claimed";
  // Claims still waiting for progress sit in the last day, so the sweep does not lapse the demo at once.
  const claimedAt =
    final === "claimed" || final === "in_progress"
      ? Math.max(createdAt + 60_000, now - (6 + index * 3) * HOUR)
      : createdAt + span * (0.1 + 0.05 * index);
  const claim: { id?: string } = {};
  const steps: Step[] = [
    {
      at: claimedAt,
      run: async (ctx) => {
        const r = await claimSignal(ctx, actor(c.claimerKey), signal.id!, {
          quantity: c.quantity,
          note: c.note,
          promisedAt: c.promisedInHours === undefined ? undefined : new Date(now + c.promisedInHours * HOUR),
          onBehalfOf: c.orgKey ? orgIds.get(c.orgKey) : undefined,
        });
        claim.id = r.claim.id;
      },
    },
  ];
  const gap = Math.max(60_000, (now - claimedAt) / (c.path.length + 1));
  c.path.forEach((to, i) => {
    steps.push({
      at: claimedAt + gap * (i + 1),
      run: async (ctx) => {
        if (to === "lapsed") return lapseQuietClaim(ctx, claim.id!, true);
        const claimer = actor(c.claimerKey);
        const owner = actor(s.ownerKey);
        // Whoever the lifecycle allows to make this move makes it (provider or receiver, by signal kind).
        const allowedFor = (a: Actor) =>
          allowedTransitions({
            kind: s.kind,
            claim: { status: prevStatus(c, i), quantity: c.quantity, claimerId: claimer.userId },
            signalOwnerId: owner.userId,
            actorId: a.userId,
          }).includes(to);
        const by = allowedFor(claimer) ? claimer : owner;
        return transitionClaim(ctx, by, claim.id!, { to });
      },
    });
  });
  return steps;
}

function prevStatus(c: DemoClaim, i: number) {
  return i === 0 ? "claimed" : c.path[i - 1]!;
}

async function orgLocation(ctx: ServiceContext, orgId: string) {
  const o = await ctx.prisma.organization.findUnique({
    where: { id: orgId },
    select: { locationName: true, lat: true, lng: true },
  });
  return o && o.lat !== null && o.lng !== null ? { name: o.locationName ?? undefined, lat: o.lat, lng: o.lng } : undefined;
}
