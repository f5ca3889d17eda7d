// Paging a board's list stays consistent while the board changes (ADR 015): other people claim, reinforce,
// refresh, edit, withdraw and publish between (and while) pages are read, and the clock moves so that
// signals fall due and offers end mid-listing. For every sort, and with filters, the pages together hold
// exactly the signals that matched when the first page was read, each once.
import { describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/server";
import { expectError, expectStatus, newBoard, newMembers, postSignal, prng, useApp, type Member } from "../support/fixtures";

const MINUTE = 60_000;
const CITIES = [
  { name: "Berlin", lat: 52.52, lng: 13.405 },
  { name: "Potsdam", lat: 52.39, lng: 13.06 },
  { name: "Leipzig", lat: 51.34, lng: 12.37 },
  { name: "Hamburg", lat: 53.55, lng: 9.99 },
  { name: "Munich", lat: 48.14, lng: 11.58 },
];

describe.each(DB_KINDS)("consistent paging on %s", (kind) => {
  let clockOffsetMs = 0;
  const serverNow = () => Date.now() + clockOffsetMs;
  const h = useApp(kind, { now: () => new Date(serverNow()) });
  const inMinutes = (m: number) => new Date(serverNow() + m * MINUTE).toISOString();

  /** A board of `n` signals of all kinds, owned by several members, with dates that fall due within the hour. */
  async function busyBoard(n: number, seed: number) {
    const b = await newBoard(h.api);
    const owners = [b.steward, ...(await newMembers(h.api, b.slug, 3))];
    const others = await newMembers(h.api, b.slug, 4);
    const rnd = prng(seed);
    const signals: Array<{ id: string; kind: string; owner: Member; quantity: number }> = [];
    for (let i = 0; i < n; i++) {
      const k = (["need", "order", "capacity", "stock"] as const)[i % 4];
      const owner = owners[i % owners.length]!;
      const soon = Math.round(5 + rnd() * 55); // falls due (or ends) while the pages are read
      const date = rnd() < 0.5 ? inMinutes(soon) : rnd() < 0.5 ? inMinutes(60 * 24 * rnd() * 20) : undefined;
      const quantity = 5 + Math.floor(rnd() * 40);
      const s = await postSignal(owner, b.slug, {
        kind: k,
        resourceSpecId: b.spec.id,
        quantity,
        title: `${rnd() < 0.5 ? "Visor" : "Gown"} batch ${i}`,
        location: rnd() < 0.8 ? CITIES[Math.floor(rnd() * CITIES.length)] : undefined,
        ...(k === "need" || k === "order" ? { dueAt: date } : { availableUntil: date }),
      });
      signals.push({ id: s.id, kind: k, owner, quantity });
    }
    return { ...b, owners, others, signals };
  }

  type Board = Awaited<ReturnType<typeof busyBoard>>;

  /** Other people's writes, one after another, until stopped: claims, reinforcements, refreshes, edits, withdrawals, new signals. */
  function churn(b: Board, seed: number) {
    const rnd = prng(seed);
    let stop = false;
    let writes = 0;
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const run = (async () => {
      while (!stop) {
        const s = pick(b.signals);
        const request = s.kind === "need" || s.kind === "order";
        const roll = rnd();
        let r;
        if (roll < 0.3) r = await pick(b.others).api.post(`/signals/${s.id}/claims`, { quantity: 1 + Math.floor(rnd() * 4) });
        else if (roll < 0.45) r = await pick(b.others).api.post(`/signals/${s.id}/reinforce`);
        else if (roll < 0.6) r = await s.owner.api.post(`/signals/${s.id}/refresh`);
        else if (roll < 0.8)
          r = await s.owner.api.patch(`/signals/${s.id}`, {
            title: `${rnd() < 0.5 ? "Visor" : "Gown"} edited ${writes}`,
            quantity: s.quantity + Math.floor(rnd() * 30),
            location: CITIES[Math.floor(rnd() * CITIES.length)],
            ...(request ? { dueAt: inMinutes(rnd() * 600) } : { availableUntil: inMinutes(rnd() * 600) }),
          });
        else if (roll < 0.85) r = await s.owner.api.post(`/signals/${s.id}/withdraw`);
        else r = await postSignal(s.owner, b.slug, { kind: s.kind, resourceSpecId: b.spec.id, quantity: 3, title: "Visor, new" });
        if (r && "status" in r && r.status >= 500) throw new Error(`write failed: ${r.status} ${JSON.stringify(r.body)}`);
        writes++;
      }
    })();
    return {
      async stop() {
        stop = true;
        await run;
        return writes;
      },
    };
  }

  /** Every id of a list read as one page, and the ids of the same list read page by page while `between` runs. */
  async function pageThrough(b: Board, query: string, limit: number, between: () => Promise<void>) {
    const whole = await h.api.get(`/boards/${b.slug}/signals?${query}&limit=200`);
    expectStatus(whole, 200);
    expect(whole.body.nextCursor).toBeNull();
    const expected: string[] = whole.body.items.map((s: any) => s.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r: any = await h.api.get(`/boards/${b.slug}/signals?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
      expectStatus(r, 200);
      expect(r.body.items.length).toBeLessThanOrEqual(limit);
      seen.push(...r.body.items.map((s: any) => s.id));
      cursor = r.body.nextCursor;
      pages++;
      if (cursor) await between();
    } while (cursor && pages < 100);
    return { expected, seen, pages };
  }

  it("every sort and filter: the pages hold exactly what matched at the first page, each once, while others write and time passes", async () => {
    const b = await busyBoard(60, kind === "pglite" ? 1 : 2);
    const queries = [
      "sort=intensity",
      "sort=due",
      "sort=new",
      "sort=distance&near=52.52,13.405",
      "sort=intensity&kind=need,capacity&q=visor",
      "sort=intensity&near=52.52,13.405&radiusKm=150&status=open,claimed,withdrawn",
    ];
    let totalWrites = 0;
    try {
      for (const [i, query] of queries.entries()) {
        // Nobody writes between the whole list and the first page; from then on others write all along.
        const writers: Array<ReturnType<typeof churn>> = [];
        let reorderedBetweenPages = 0;
        const { expected, seen, pages } = await pageThrough(b, query, 7, async () => {
          if (writers.length === 0) writers.push(churn(b, 100 + i));
          // Let some writes land, and move the clock: dates fall due, offers end, heat decays.
          await new Promise((r) => setTimeout(r, 40));
          clockOffsetMs += 3 * MINUTE;
          reorderedBetweenPages++;
        });
        for (const w of writers) totalWrites += await w.stop();
        expect(expected.length, query).toBeGreaterThan(7);
        expect(pages, query).toBe(Math.ceil(expected.length / 7));
        expect(new Set(seen).size, `${query}: no signal twice`).toBe(seen.length);
        expect([...seen].sort(), `${query}: none skipped, none added`).toEqual([...expected].sort());
        expect(reorderedBetweenPages).toBeGreaterThan(0);
      }
    } finally {
      clockOffsetMs = 0;
    }
    expect(totalWrites).toBeGreaterThan(20);
  });

  it("the first page is the order of the whole list; a later page continues it when nothing changed", async () => {
    const b = await busyBoard(24, 3);
    for (const query of ["sort=intensity", "sort=due", "sort=new", "sort=distance&near=51,12"]) {
      const whole = (await h.api.get(`/boards/${b.slug}/signals?${query}&limit=200`)).body.items.map((s: any) => s.id);
      const { seen } = await pageThrough(b, query, 5, async () => {});
      expect(seen, query).toEqual(whole);
    }
  });

  it("a cursor belongs to its list: other filters 400; older than an hour or from the previous version 410 CURSOR_EXPIRED", async () => {
    const b = await busyBoard(12, 4);
    const first = await h.api.get(`/boards/${b.slug}/signals?sort=intensity&limit=5`);
    const cursor = first.body.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    expectError(await h.api.get(`/boards/${b.slug}/signals?sort=new&limit=5&cursor=${cursor}`), 400, "VALIDATION_FAILED", ["cursor"]);
    expectError(await h.api.get(`/boards/${b.slug}/signals?sort=intensity&kind=need&limit=5&cursor=${cursor}`), 400, "VALIDATION_FAILED", ["cursor"]);
    expectError(await h.api.get(`/boards/${b.slug}/signals?sort=intensity&limit=5&cursor=o5`), 410, "CURSOR_EXPIRED");
    expectStatus(await h.api.get(`/boards/${b.slug}/signals?sort=intensity&limit=9&cursor=${cursor}`), 200); // the limit may change
    try {
      clockOffsetMs = 61 * MINUTE;
      expectError(await h.api.get(`/boards/${b.slug}/signals?sort=intensity&limit=5&cursor=${cursor}`), 410, "CURSOR_EXPIRED");
    } finally {
      clockOffsetMs = 0;
    }
    // A forged watermark ahead of the board is not a cursor this server made.
    const forged = JSON.parse(Buffer.from(cursor, "base64url").toString());
    forged.w += 1000;
    const text = Buffer.from(JSON.stringify(forged)).toString("base64url");
    expectError(await h.api.get(`/boards/${b.slug}/signals?sort=intensity&limit=5&cursor=${text}`), 400, "VALIDATION_FAILED", ["cursor"]);
  });
});
