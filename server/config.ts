// Process configuration, read once from the environment and validated, so a typo fails at start-up with
// a clear message instead of surfacing later as odd behaviour.
import path from "node:path";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /**
   * Where to listen. This machine only by default: a fresh start has the demo, whose password is
   * published, so reaching beyond loopback is a choice the operator makes (HOST=0.0.0.0).
   */
  HOST: z.string().default("127.0.0.1"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATA_DIR: z.string().default("./data"),
  /**
   * Seed the demo network (whose password is published) into an empty database. Unset: only on the
   * embedded database, never on PostgreSQL, where a real deployment lives.
   */
  SEED_DEMO: bool.optional().or(z.literal("").transform(() => undefined)),
  /** Hours for a signal's freshness to halve without a refresh (pheromone evaporation). */
  SIGNAL_HALF_LIFE_HOURS: z.coerce.number().positive().default(168),
  /** Hours a claim may sit in claimed/in_progress without progress before it lapses. */
  CLAIM_LAPSE_HOURS: z.coerce.number().positive().default(72),
  /** How often the background sweep expires evaporated signals and lapses stale claims. */
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
  SESSION_TTL_DAYS: z.coerce.number().positive().default(30),
  /** Failed sign-ins allowed per email per minute (from any address) before 429. */
  SIGNIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().positive().default(10),
  /** Failed sign-ins allowed per client address per hour (across every email) before 429. */
  SIGNIN_ATTEMPTS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().positive().default(100),
  /** Sign-ups allowed per client address per hour before 429. */
  SIGNUPS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().positive().default(30),
  /** Requests through a board's public intake form allowed per client address per hour before 429 (ADR 032). */
  INTAKE_REQUESTS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().positive().default(10),
  /** Notifications of new needs one person receives per rolling hour at most; beyond it they are dropped (ADR 035). */
  NOTIFICATIONS_PER_USER_PER_HOUR: z.coerce.number().int().positive().default(30),
  /** How often the notifier re-reads the boards' logs even when no commit woke it (catch-up after a crash; 0: only when woken). */
  NOTIFIER_INTERVAL_MS: z.coerce.number().int().min(0).default(5_000),
  /** Password hashes (argon2id, ~19 MiB each) computed at once; more wait in a queue. */
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().positive().default(2),
  /** Password hashes allowed to wait; beyond that sign-in and sign-up answer 503 SERVER_BUSY. */
  PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0).default(32),
  /**
   * Behind reverse proxies: how many proxies append to X-Forwarded-For (true = 1). The client address
   * is the entry that many places from the right, the one our own nearest proxy vouches for; entries
   * further left are whatever the client sent. false/0: the header is ignored.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|yes|no|\d{1,2})$/, "TRUST_PROXY must be true, false or a number of proxies")
    .default("false")
    .transform((v) => (v === "true" || v === "yes" ? 1 : v === "false" || v === "no" ? 0 : Number(v))),
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
  /**
   * Map tiles for the coordinator's map (ADR 029): an `{z}/{x}/{y}` URL template on one host
   * (`https://tile.example.org/{z}/{x}/{y}.png`). Unset: no tiles, and no third party is contacted; the
   * map draws bundled country outlines instead. Its origin is added to the CSP's img-src.
   */
  MAP_TILE_URL: z
    .string()
    .refine((v) => mapTileOrigin(v) !== null, {
      error: "MAP_TILE_URL must be an http(s) URL on one host with {z}, {x} and {y} (no {s} subdomains)",
    })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** The attribution the tile provider asks for (HTML is not interpreted: plain text). */
  MAP_TILE_ATTRIBUTION: z.string().max(300).default(""),
});

/** The origin of a tile URL template, or null when it is not one we accept. */
export function mapTileOrigin(template: string): string | null {
  if (!["{z}", "{x}", "{y}"].every((p) => template.includes(p)) || template.includes("{s}")) return null;
  try {
    const url = new URL(template);
    return url.protocol === "https:" || url.protocol === "http:" ? url.origin : null;
  } catch {
    return null;
  }
}

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
    // The demo's password is in the README: only the local, embedded database gets it unasked.
    seedDemo: c.SEED_DEMO ?? !c.DATABASE_URL,
    publicOrigin: c.PUBLIC_URL ? new URL(c.PUBLIC_URL).origin : null,
    mapTiles: c.MAP_TILE_URL ? { url: c.MAP_TILE_URL, attribution: c.MAP_TILE_ATTRIBUTION, origin: mapTileOrigin(c.MAP_TILE_URL)! } : null,
  };
}

/**
 * Whether a listen address is reachable only from this machine. Anything else (0.0.0.0, ::, a LAN or
 * public address, a host name) may be reached by others, so published demo passwords become a risk.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1");
  return h === "localhost" || h.endsWith(".localhost") || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h) || h === "::ffff:127.0.0.1";
}
