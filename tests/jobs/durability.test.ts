// Nothing acknowledged is lost (PRODUCT principle 3): the server is SIGKILLed in the middle of a stream of
// claims, restarted on the same data (the embedded database's folder, or the same PostgreSQL), and must
// start with no manual step (no stale lock), still hold every claim it answered 201, and keep an event
// log without a gap that agrees with the claims. It runs the built server as `npm start` does.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, newMember, newSpec } from "../support/api-client";
import { ROOT, startAppProcess, type AppProcess } from "../support/app-process";
import { startPostgres, type TestPostgres } from "../support/postgres";
import { DB_KINDS } from "../support/server";
import { eventsFromApi, range, waitUntil } from "../support/socket";
import { staleReason } from "../../scripts/build-state.mjs";

const CLAIMERS = 6;
/** Claims answered 201 before the kill: enough that the kill lands in a busy stream. */
const ACKED_BEFORE_KILL = 120;

describe.each(DB_KINDS)("a server killed mid-stream on %s", (kind) => {
  let tmp: string;
  let postgres: TestPostgres | undefined;
  let env: Record<string, string>;
  const apps: AppProcess[] = [];

  beforeAll(async () => {
    const stale = staleReason(ROOT);
    if (stale) throw new Error(`these tests run the production build, which is not current (${stale}): run \`npm run build\` first`);
    tmp = await mkdtemp(path.join(tmpdir(), "sb-durability-"));
    if (kind === "postgres") {
      postgres = await startPostgres();
      env = { DATABASE_URL: await postgres.createDatabase("durability"), SEED_DEMO: "false" };
    } else {
      env = { DATA_DIR: path.join(tmp, "data"), SEED_DEMO: "false" };
    }
  });
  afterAll(async () => {
    for (const a of apps) await a.stop("SIGKILL");
    await postgres?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it("restarts cleanly with every answered claim and a gap-free log", async () => {
    const first = await startAppProcess({ env });
    apps.push(first);
    await first.ready(180_000);
    const api = new ApiClient(first.url);
    const owner = await newMember(api);
    const slug = `durable-${Date.now().toString(36)}`;
    expect((await owner.api.post("/boards", { slug, name: "Durable board" })).status).toBe(201);
    const spec = await newSpec(owner.api);
    const need = await owner.api.post(`/boards/${slug}/signals`, { kind: "need", resourceSpecId: spec.id, quantity: 100_000 });
    expect(need.status).toBe(201);
    const claimers = await Promise.all(Array.from({ length: CLAIMERS }, () => newMember(api, { boards: [slug] })));

    // Each claimer claims one unit after another until the server dies under it.
    const acked: string[] = [];
    let stopped = false;
    const loops = claimers.map(async (m) => {
      while (!stopped) {
        let r;
        try {
          r = await m.api.post(`/signals/${need.body.id}/claims`, { quantity: 1 });
        } catch {
          return; // the connection died with the server: this claim was never answered
        }
        if (r.status === 201) acked.push(r.body.id);
        else if (!stopped) throw new Error(`claim answered ${r.status}: ${JSON.stringify(r.body)}`);
      }
    });
    await waitUntil(() => acked.length >= ACKED_BEFORE_KILL, 120_000, () => `${ACKED_BEFORE_KILL} answered claims, have ${acked.length}`);
    await first.stop("SIGKILL");
    stopped = true;
    await Promise.all(loops);
    const answered = new Set(acked);
    expect(answered.size).toBe(acked.length);

    // The same data, a new process, no manual step.
    const second = await startAppProcess({ env });
    apps.push(second);
    await second.ready(180_000);
    const after = new ApiClient(second.url).as(owner.token);
    const signal = (await after.get(`/signals/${need.body.id}`)).body;
    const stored = new Set<string>(signal.claims.map((c: { id: string }) => c.id));
    const lost = acked.filter((id) => !stored.has(id));
    expect(lost, `${lost.length} of ${acked.length} answered claims lost`).toEqual([]);
    // Claims committed just before the kill may have gone unanswered; whatever is stored is whole.
    expect(signal.claimedQuantity).toBe(stored.size);

    const { events, lastSeq } = await eventsFromApi(after, slug);
    expect(events.map((e) => e.seq)).toEqual(range(1, lastSeq));
    const claimEvents = events.filter((e) => e.type === "claim.created");
    expect(new Set(claimEvents.map((e) => (e.data as { claim: { id: string } }).claim.id))).toEqual(stored);

    // And it takes writes where the log left off.
    const again = await new ApiClient(second.url, claimers[0]!.token).post(`/signals/${need.body.id}/claims`, { quantity: 1 });
    expect(again.status).toBe(201);
    const tail = await eventsFromApi(after, slug, lastSeq);
    expect(tail.events.map((e) => e.seq)).toEqual([lastSeq + 1]);
    await second.stop();
    expect(second.output()).not.toMatch(/in use by|stale|manual/i);
  }, 600_000);
});
