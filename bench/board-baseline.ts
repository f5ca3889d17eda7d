// The baseline of `bench:board`: the first page's own statement (the SQL the server runs to rank the page,
// from server/services/signal-page-sql.ts), run raw on PGlite against the same data directory, with no
// HTTP, no Prisma and no loading of the page's cards. What the server adds on top is then ours to explain.
// Driven over IPC by bench/board.ts: {type: "run", dataDir, boardSlug, queries, runs} -> {type: "done", ...}.
import { PGlite } from "@electric-sql/pglite";
import { defaultIntensityConfig } from "../server/domain/intensity";
import { listSignalsQuerySchema } from "../server/domain/schemas";
import { pageSql } from "../server/services/signal-page-sql";
import { now } from "./lib/common";

interface RunCmd {
  type: "run";
  dataDir: string;
  boardSlug: string;
  /** Query strings of the pages to time, by label. */
  queries: Record<string, string>;
  runs: number;
  warmup: number;
}

async function run(cmd: RunCmd) {
  const pg = new PGlite(cmd.dataDir);
  await pg.waitReady;
  const board = (await pg.query<{ id: string }>(`SELECT id::text AS id FROM boards WHERE slug = $1`, [cmd.boardSlug])).rows[0]!;
  const times: Record<string, number[]> = {};
  const rows: Record<string, number> = {};
  for (const [label, qs] of Object.entries(cmd.queries)) {
    const query = listSignalsQuerySchema.parse(Object.fromEntries(new URLSearchParams(qs)));
    const statement = () =>
      pageSql({ boardId: board.id, now: new Date(), watermark: null, query, after: null, intensity: defaultIntensityConfig });
    for (let i = 0; i < cmd.warmup; i++) await pg.query(statement().text, statement().values);
    const t: number[] = [];
    for (let i = 0; i < cmd.runs; i++) {
      const s = statement();
      const t0 = now();
      const r = await pg.query(s.text, s.values);
      t.push(now() - t0);
      rows[label] = r.rows.length;
    }
    times[label] = t;
  }
  await pg.close();
  return { times, rows };
}

process.on("disconnect", () => process.exit(0));
process.on("message", (m: unknown) => {
  const cmd = m as RunCmd;
  if (cmd.type !== "run") return;
  run(cmd).then(
    (r) => process.send?.({ type: "done", ...r }, () => process.exit(0)),
    (err) => process.send?.({ type: "error", error: String(err?.stack ?? err) }, () => process.exit(1)),
  );
});
process.send?.({ type: "started" });
