// Seeds the board of `bench:board` into a fresh DATA_DIR, then exits: one public board with SIGNALS open
// signals of all four kinds, published over the past 25 days by 40 members through the real use-cases (so
// the event log, counters and statuses are what real use produces), on a clock walked through that time.
// About a quarter are partly claimed, a fifth reinforced, a fifth refreshed later; requests fall due from
// hours to weeks after publishing (some are overdue by now), offers end likewise (some have ended); most
// have a place somewhere in Europe. Nothing is fully claimed: every signal stays open.
// Driven over IPC by bench/board.ts: {type: "seed", dataDir, slug, signals} -> {type: "seeded", ...}.
import { loadConfig } from "../server/config";
import { startServer } from "../server/app-server";
import type { Actor, ServiceContext } from "../server/services/context";
import { createAccountUnlimited } from "../server/services/create-account";
import { createBoard, joinBoard } from "../server/services/boards";
import { createResourceSpec } from "../server/services/resource-specs";
import { createSignal } from "../server/services/create-signal";
import { claimSignal } from "../server/services/claim-signal";
import { refreshSignal, reinforceSignal } from "../server/services/change-signal";
import { prng } from "../tests/support/prng";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CITIES: Array<[string, number, number]> = [
  ["Berlin", 52.52, 13.405], ["Barcelona", 41.39, 2.17], ["Lyon", 45.76, 4.84], ["Manchester", 53.48, -2.24],
  ["Milan", 45.46, 9.19], ["Warsaw", 52.23, 21.01], ["Porto", 41.15, -8.61], ["Vienna", 48.21, 16.37],
  ["Ghent", 51.05, 3.72], ["Gothenburg", 57.71, 11.97], ["Brno", 49.2, 16.61], ["Bologna", 44.49, 11.34],
];
const SPECS: Array<[string, string]> = [
  ["Face shield v3, PETG", "each"], ["Isolation gown", "each"], ["PETG filament", "kg"], ["CNC router hours", "h"],
  ["Laser cutter hours", "h"], ["Cotton fabric", "m"], ["Ventilator valve", "each"], ["Hand sanitiser", "l"],
  ["Elastic band 5 mm", "m"], ["3D printer hours", "h"], ["Swab, nasal", "each"], ["Plywood 4 mm", "each"],
  ["Acrylic sheet 3 mm", "each"], ["Sewing hours", "h"], ["Nitrile gloves", "each"], ["Ear saver", "each"],
  ["Door opener", "each"], ["Intubation box", "each"], ["Oat flour", "kg"], ["Courier van hours", "h"],
];

type Step = { at: number; run: (ctx: ServiceContext) => Promise<unknown> };

async function seed(dataDir: string, slug: string, count: number) {
  const started = performance.now();
  const app = await startServer({
    config: loadConfig({ NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, SEED_DEMO: "false", SWEEP_INTERVAL_MS: "0", LOG_LEVEL: "warn" }),
    withoutNext: true,
  });
  const realNow = Date.now();
  let clock = realNow - 25 * DAY - HOUR;
  const ctx: ServiceContext = { ...app.ctx, now: () => new Date(clock) };
  const rnd = prng(20261127);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;

  const members: Actor[] = [];
  for (let i = 0; i < 40; i++) {
    const u = await createAccountUnlimited(ctx, { email: `member${i}@bench.board`, password: "bench-password-2026", name: `Member ${i}` });
    members.push({ userId: u.id, name: u.name });
  }
  await createBoard(ctx, members[0]!, { slug: slug, name: "Bench board", covenant: "", licence: "CC-BY-SA-4.0", visibility: "public" });
  for (const m of members.slice(1)) await joinBoard(ctx, m, slug);
  const specIds: string[] = [];
  for (const [name, unit] of SPECS) specIds.push((await createResourceSpec(ctx, members[0]!, { name, unit, category: "bench" })).id);

  const steps: Step[] = [];
  const span = 25 * DAY;
  let claims = 0;
  let reinforcements = 0;
  let refreshes = 0;
  for (let i = 0; i < count; i++) {
    const at = realNow - span + (i / count) * span;
    const kind = pick(["need", "capacity", "stock", "order"] as const);
    const owner = pick(members);
    const quantity = 10 + Math.floor(rnd() * 490);
    const request = kind === "need" || kind === "order";
    const dated = rnd() < (request ? 0.7 : 0.6);
    const date = dated ? new Date(at + 2 * HOUR + rnd() * 30 * DAY) : undefined;
    const city = rnd() < 0.85 ? pick(CITIES) : null;
    const signal: { id?: string } = {};
    steps.push({
      at,
      run: async (c) => {
        const s = await createSignal(c, owner, slug, {
          kind,
          resourceSpecId: pick(specIds),
          quantity,
          title: `${request ? "Needed" : "Offered"}: batch ${i}`,
          note: rnd() < 0.3 ? `For the ${pick(CITIES)[0]} hub` : undefined,
          location: city ? { name: city[0], lat: city[1] + (rnd() - 0.5) * 0.4, lng: city[2] + (rnd() - 0.5) * 0.6 } : undefined,
          dueAt: request ? date : undefined,
          availableUntil: request ? undefined : date,
        });
        signal.id = s.id;
      },
    });
    // Claims and refreshes come while the signal still takes them: an offer's before its availability ends.
    const until = !request && date ? Math.min(date.getTime() - 60_000, realNow) : realNow;
    const later = () => at + 60_000 + rnd() * Math.min(5 * DAY, until - at - 60_000);
    if (rnd() < 0.25) {
      let left = quantity - 1; // never fully claimed: the signal stays open
      for (let k = 0, n = 1 + Math.floor(rnd() * 3); k < n && left > 0; k++) {
        const q = 1 + Math.floor(rnd() * Math.min(left, quantity / 3));
        left -= q;
        const claimer = pick(members.filter((m) => m !== owner));
        claims++;
        steps.push({ at: later(), run: (c) => claimSignal(c, claimer, signal.id!, { quantity: q }) });
      }
    }
    if (rnd() < 0.2) {
      const by = new Set<Actor>();
      for (let k = 0, n = 1 + Math.floor(rnd() * 5); k < n; k++) by.add(pick(members.filter((m) => m !== owner)));
      for (const m of by) {
        reinforcements++;
        steps.push({ at: later(), run: (c) => reinforceSignal(c, m, signal.id!) });
      }
    }
    if (rnd() < 0.2) {
      refreshes++;
      steps.push({ at: later(), run: (c) => refreshSignal(c, owner, signal.id!) });
    }
  }
  steps.sort((a, b) => a.at - b.at);
  for (const step of steps) {
    clock = Math.min(step.at, realNow);
    await step.run(ctx);
  }
  const lastSeq = (await app.ctx.prisma.board.findUniqueOrThrow({ where: { slug: slug }, select: { lastSeq: true } })).lastSeq;
  await app.close();
  return { signals: count, claims, reinforcements, refreshes, lastSeq, specIds, ms: performance.now() - started };
}

process.on("disconnect", () => process.exit(0));
process.on("message", (m: unknown) => {
  const cmd = m as { type: string; dataDir: string; slug: string; signals: number };
  if (cmd.type !== "seed") return;
  seed(cmd.dataDir, cmd.slug, cmd.signals).then(
    (r) => process.send?.({ type: "seeded", ...r }, () => process.exit(0)),
    (err) => process.send?.({ type: "error", error: String(err?.stack ?? err) }, () => process.exit(1)),
  );
});
process.send?.({ type: "started" });
