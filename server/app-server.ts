// One HTTP server for Next and Socket.IO. The server binds first (so port 0 works in tests), answers 503
// until Next is ready, and shuts down in order: stop accepting, close sockets, close the database.
import http from "node:http";
import path from "node:path";
import next from "next";
import { Server as IOServer } from "socket.io";
import { loadConfig, type AppConfig } from "./config";
import { openDatabase, type Database } from "./db/database";
import { defaultIntensityConfig } from "./domain/intensity";
import type { ServiceContext } from "./services/context";
import { EVENTS_CHANNEL } from "./services/event-log";
import { ensureCommonsBoard } from "./services/ensure-commons";
import { sweep } from "./services/sweep";
import { deleteOldSignInLimits } from "./services/sign-in-limiter";
import { refreshPlannerStatistics } from "./services/planner-statistics";
import { seedDemoIfEmpty } from "./services/seed-demo";
import { BoardStreams, socketRooms } from "./realtime/board-streams";
import { attachSocketHandlers } from "./realtime/socket-server";
import { PRESENCE_CHANNEL } from "./realtime/presence";
import { setRuntime } from "./runtime";
import { log } from "./log";
import { CLIENT_IP_HEADER } from "./http/handler";
import { answerEmptyErrorsAsJson } from "./http/json-errors";
import { apiDispatcher, loadApiRoutes } from "./http/api-router";

export interface RunningServer {
  port: number;
  url: string;
  ctx: ServiceContext;
  db: Database;
  io: IOServer;
  close(): Promise<void>;
}

export interface StartOptions {
  config?: AppConfig;
  /** Serve Next in dev mode (hot reload) instead of the production build. */
  dev?: boolean;
  /** Skip Next entirely: API-less realtime/benchmark servers. */
  withoutNext?: boolean;
  now?: () => Date;
}

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const config = opts.config ?? loadConfig();
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });

  let handle: ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) | null = null;
  const httpServer = http.createServer((req, res) => {
    if (req.url?.startsWith("/socket.io/")) return; // Socket.IO answers these itself
    // Rate limits key on the client's address: take it from the socket, never from what the client says.
    const forwarded = config.TRUST_PROXY ? String(req.headers["x-forwarded-for"] ?? "").split(",")[0]?.trim() : "";
    req.headers[CLIENT_IP_HEADER] = forwarded || req.socket.remoteAddress || "unknown";
    if (req.url?.startsWith("/api/")) answerEmptyErrorsAsJson(res);
    if (!handle) {
      res.writeHead(503, { "content-type": "application/json", "retry-after": "1" });
      res.end(JSON.stringify({ error: { code: "STARTING", message: "The server is starting" } }));
      return;
    }
    handle(req, res).catch((err) => {
      log.error({ err }, "request failed");
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const io = new IOServer(httpServer, { path: "/socket.io", serveClient: false });
  const streams = new BoardStreams(socketRooms(io), db.prisma, db.kind === "postgres");
  const ctx: ServiceContext = {
    prisma: db.prisma,
    now: opts.now ?? (() => new Date()),
    intensity: { ...defaultIntensityConfig, halfLifeHours: config.SIGNAL_HALF_LIFE_HOURS },
    claimLapseHours: config.CLAIM_LAPSE_HOURS,
    sessionTtlDays: config.SESSION_TTL_DAYS,
    signInAttemptsPerMinute: config.SIGNIN_ATTEMPTS_PER_MINUTE,
    events: streams,
  };
  setRuntime({ ctx, config });
  // Only PostgreSQL can have other instances; on PGlite every commit and every viewer is in this process.
  const presence = attachSocketHandlers(
    io,
    ctx,
    streams,
    streams.crossProcess
      ? async (payload) => void (await db.prisma.$executeRaw`SELECT pg_notify(${PRESENCE_CHANNEL}, ${payload})`)
      : null,
  );
  const unlisteners = streams.crossProcess
    ? [
        await db.listen(
          EVENTS_CHANNEL,
          (payload) => streams.notified(payload),
          () => streams.resync(),
        ),
        await db.listen(
          PRESENCE_CHANNEL,
          (payload) => presence.received(payload),
          () => presence.heartbeat(),
        ),
      ]
    : [];

  // Several instances may start together on one PostgreSQL: seed and set up exactly once.
  await db.exclusively(async () => {
    if (config.SEED_DEMO) await seedDemoIfEmpty(ctx);
    await ensureCommonsBoard(ctx);
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.PORT, config.HOST, () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;

  if (!opts.withoutNext) {
    const dev = opts.dev ?? config.NEXT_DEV ?? config.NODE_ENV !== "production";
    const root = path.resolve(import.meta.dirname, "..");
    const app = next({ dev, dir: root, hostname: config.HOST, port, httpServer });
    await app.prepare();
    const nextHandle = app.getRequestHandler();
    // In dev, Next alone serves the API so that edits to route files hot-reload.
    const api = dev ? null : apiDispatcher(await loadApiRoutes(path.join(root, "app")));
    handle = (req, res) => (req.url?.startsWith("/api/") && api?.(req, res)) || nextHandle(req, res);
  }

  let sweeping = false;
  const timer =
    config.SWEEP_INTERVAL_MS > 0
      ? setInterval(() => {
          if (sweeping) return;
          sweeping = true;
          sweep(ctx)
            .then((r) => (r.expired || r.lapsed) && log.info(r, "sweep"))
            .then(() => deleteOldSignInLimits(ctx))
            .then(async () => void (db.kind === "pglite" && (await refreshPlannerStatistics(ctx))))
            .catch((err) => log.error({ err }, "sweep failed"))
            .finally(() => (sweeping = false));
        }, config.SWEEP_INTERVAL_MS)
      : null;
  timer?.unref();

  // The embedded database never analyzes itself (planner-statistics.ts): once now, then with the sweep.
  if (db.kind === "pglite") void refreshPlannerStatistics(ctx).catch((err) => log.warn({ err }, "planner statistics failed"));

  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "localhost" : config.HOST;
  log.info({ port, database: db.kind }, `Stigmergy Board listening on http://${host}:${port}`);
  return {
    port,
    url: `http://${host}:${port}`,
    ctx,
    db,
    io,
    async close() {
      if (timer) clearInterval(timer);
      presence.stop();
      await Promise.all(unlisteners.map((unlisten) => unlisten()));
      // io.close() disconnects every socket and closes the HTTP server, which then waits for open
      // keep-alive connections: end those at once instead of after the browser's idle timeout.
      const closed = new Promise<void>((resolve) => io.close(() => resolve()));
      httpServer.closeAllConnections();
      await closed;
      await db.close();
      setRuntime(undefined);
    },
  };
}
