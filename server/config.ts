// Process configuration, read once from the environment and validated, so a typo fails at start-up with
// a clear message instead of surfacing later as odd behaviour.
import path from "node:path";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATA_DIR: z.string().default("./data"),
  SEED_DEMO: bool.default(true),
  /** Hours for a signal's freshness to halve without a refresh (pheromone evaporation). */
  SIGNAL_HALF_LIFE_HOURS: z.coerce.number().positive().default(168),
  /** Hours a claim may sit in claimed/in_progress without progress before it lapses. */
  CLAIM_LAPSE_HOURS: z.coerce.number().positive().default(72),
  /** How often the background sweep expires evaporated signals and lapses stale claims. */
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
  SESSION_TTL_DAYS: z.coerce.number().positive().default(30),
  /** Failed sign-ins allowed per email+IP per minute before 429. */
  SIGNIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().positive().default(10),
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (otherwise it is ignored). */
  TRUST_PROXY: bool.default(false),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Serve the pre-built app (`next build`) instead of the dev server. */
  NEXT_DEV: bool.optional(),
  /**
   * The address people reach the app at (`https://board.example.org`). When set, browser writes must come
   * from exactly this origin; when unset, from the origin each request was addressed to (ADR 008).
   */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: "PUBLIC_URL must be an http:// or https:// URL" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

export type AppConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  return {
    ...c,
    // "memory://" keeps the embedded database in memory (tests); anything else is a folder.
    dataDir: c.DATA_DIR.startsWith("memory://") ? c.DATA_DIR : path.resolve(c.DATA_DIR),
    databaseKind: c.DATABASE_URL ? ("postgres" as const) : ("pglite" as const),
    publicOrigin: c.PUBLIC_URL ? new URL(c.PUBLIC_URL).origin : null,
  };
}
