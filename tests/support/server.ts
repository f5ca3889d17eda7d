// Starts the real app (Next production build + Socket.IO + services) in this test process, on a random
// port, against an in-memory PGlite or a real PostgreSQL database. Needs `next build` to have run.
import { loadConfig } from "../../server/config";
import { startServer, type RunningServer } from "../../server/app-server";
import { startPostgres, type TestPostgres } from "./postgres";

export type DbKind = "pglite" | "postgres";
export const DB_KINDS: DbKind[] = ["pglite", "postgres"];

export interface TestApp extends RunningServer {
  dbKind: DbKind;
  postgres?: TestPostgres;
  stop(): Promise<void>;
}

/**
 * Every test client signs up and in from the loopback: thousands of accounts from one address in a run.
 * The per-address limits are raised for the harness; the tests of those limits set their own values.
 */
export const HARNESS_LIMITS = {
  SIGNIN_ATTEMPTS_PER_ADDRESS_PER_HOUR: "1000000",
  SIGNUPS_PER_ADDRESS_PER_HOUR: "1000000",
  INTAKE_REQUESTS_PER_ADDRESS_PER_HOUR: "1000000",
  PASSWORD_HASH_QUEUE: "10000",
};

export async function startTestApp(
  dbKind: DbKind,
  opts: { env?: Record<string, string>; withoutNext?: boolean; now?: () => Date } = {},
): Promise<TestApp> {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  let postgres: TestPostgres | undefined;
  let databaseUrl = "";
  if (dbKind === "postgres") {
    postgres = await startPostgres();
    databaseUrl = await postgres.createDatabase("stigmergy_test");
  }
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    NODE_ENV: "production",
    DATA_DIR: "memory://",
    DATABASE_URL: databaseUrl,
    SEED_DEMO: "false",
    SWEEP_INTERVAL_MS: "0",
    LOG_LEVEL: "warn",
    ...HARNESS_LIMITS,
    ...opts.env,
  });
  const server = await startServer({ config, dev: false, withoutNext: opts.withoutNext, now: opts.now });
  return {
    ...server,
    dbKind,
    postgres,
    async stop() {
      await server.close();
      await postgres?.stop();
    },
  };
}
