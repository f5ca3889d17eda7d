// One HTTP server for Next and Socket.IO. The server binds first (so port 0 works in tests), answers 503
// until Next is ready, and shuts down in order: stop accepting, close sockets, close the database.
import { existsSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import next from "next";
import { Server as IOServer } from "socket.io";
import { isLoopbackHost, loadConfig, type AppConfig } from "./config";
import { openDatabase, type Database } from "./db/database";
import { defaultIntensityConfig } from "./domain/intensity";
import { clientAddress } from "./domain/client-address";
import type { ServiceContext } from "./services/context";
import { EVENTS_CHANNEL } from "./services/event-log";
import { ensureCommonsBoard } from "./services/ensure-commons";
import { sweep } from "./services/sweep";
import { deleteOldSignInLimits } from "./services/sign-in-limiter";
import { refreshPlannerStatistics } from "./services/planner-statistics";
import { countDemoAccounts, seedDemoIfEmpty } from "./services/seed-demo";
import { BoardStreams, socketRooms } from "./realtime/board-streams";
import { attachSocketHandlers } from "./realtime/socket-server";
import { SocketSessions } from "./realtime/socket-sessions";
import { ACCESS_CHANNEL, findEndedAccess } from "./services/access-ends";
import { PRESENCE_CHANNEL } from "./realtime/presence";
import { runWithRuntime, type Runtime } from "./runtime";
import { log } from "./log";
import { CLIENT_IP_HEADER } from "./http/handler";
import { answerEmptyErrorsAsJson } from "./http/json-errors";
import { apiDispatcher, loadApiRoutes } from "./http/api-router";
import { securityHeaders } from "./http/security-headers";
import { watchSlowRequests } from "./http/slow-requests";
import { answerMalformedUrl } from "./http/malformed-url";
import { clientErrorAnswerer } from "./http/client-error";
import { originPolicyOf } from "./http/same-origin";
import { dropCrossSiteCookies } from "./realtime/cross-site-handshake";
import { NOTIFICATIONS_CHANNEL, Notifier, emitToUsers, parseNotificationPayload, wakesNotifier } from "./realtime/notifier";

/** How long an idle kept-alive HTTP connection stays open. */
export const KEEP_ALIVE_MS = 65_000;

export interface RunningServer {
  port: number;
  url: string;
  ctx: ServiceContext;
  db: Database;
  io: IOServer;
  /** This instance's board streams (ctx.events forwards commits to them and wakes the notifier). */
  streams: BoardStreams;
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

/** Demo accounts have a published password: fine on a laptop, a hole on anything others can reach. */
async function warnOfReachableDemo(ctx: ServiceContext, host: string, port: number) {
  if (isLoopbackHost(host)) return;
  const accounts = await countDemoAccounts(ctx);
  if (accounts === 0) return;
  log.warn(
    { demoAccounts: accounts, host, port },
    `DEMO ACCOUNTS REACHABLE: ${accounts} demo accounts whose password is published in the README exist, and ` +
      `the server listens on ${host}:${port}, beyond this machine. Anyone who can reach it can sign in as ` +
      `them (one is a steward of "commons"). Listen on 127.0.0.1 (HOST=127.0.0.1), or start on a database ` +
      `without the demo (SEED_DEMO=false on a fresh database).`,
  );
}

/** The checkout's root: the nearest folder with a package.json (this file runs from server/ or, built, from dist/server/). */
function projectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const config = opts.config ?? loadConfig();
  const dev = !opts.withoutNext && (opts.dev ?? config.NEXT_DEV ?? config.NODE_ENV !== "production");
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });

  let handle: ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) | null = null;
  let runtime: Runtime | null = null;
  const httpServer = http.createServer((req, res) => {
    if (req.url?.startsWith("/socket.io/")) return; // Socket.IO answers these itself
    if (answerMalformedUrl(req, res)) return;
    // Rate limits key on the client's address: the socket's, or the one our own proxy vouches for.
    req.headers[CLIENT_IP_HEADER] = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], config.TRUST_PROXY);
    if (req.url?.startsWith("/api/")) answerEmptyErrorsAsJson(res);
    if (!handle) {
      res.writeHead(503, { "content-type": "application/json", "retry-after": "1" });
      res.end(JSON.stringify({ error: { code: "STARTING", message: "The server is starting" } }));
      return;
    }
    // Route handlers find this app (its database, its streams) through the request's async context.
    runWithRuntime(runtime!, () => handle!(req, res)).catch((err) => {
      log.error({ err }, "request failed");
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  // Node closes an idle kept-alive connection after 5 s. A client (an API script, a proxy, a browser's
  // fetch) that reuses one just as it closes gets ECONNRESET for a request the server never saw. Clients
  // and proxies keep theirs for up to a minute or more, so the server keeps them longer (the usual 65 s).
  httpServer.keepAliveTimeout = KEEP_ALIVE_MS;
  httpServer.headersTimeout = KEEP_ALIVE_MS + 1_000;
  const io = new IOServer(httpServer, { path: "/socket.io", serveClient: false });
  // Socket.IO wrapped the request listeners above; prepending puts the headers on its answers as well.
  const originPolicy = originPolicyOf(config);
  httpServer.prependListener("request", securityHeaders({ dev, ...originPolicy, mapTileOrigin: config.mapTiles?.origin }));
  httpServer.prependListener("request", watchSlowRequests());
  httpServer.on("clientError", clientErrorAnswerer({ dev, ...originPolicy }));
  dropCrossSiteCookies(io, originPolicy);
  const streams = new BoardStreams(socketRooms(io), db.prisma, db.kind === "postgres");
  const sessions = new SocketSessions(streams.crossProcess, (boardId) => streams.room(boardId));
  let notifier: Notifier | null = null;
  const ctx: ServiceContext = {
    prisma: db.prisma,
    now: opts.now ?? (() => new Date()),
    intensity: { ...defaultIntensityConfig, halfLifeHours: config.SIGNAL_HALF_LIFE_HOURS },
    claimLapseHours: config.CLAIM_LAPSE_HOURS,
    sessionTtlDays: config.SESSION_TTL_DAYS,
    limits: {
      signInPerEmailPerMinute: config.SIGNIN_ATTEMPTS_PER_MINUTE,
      signInPerAddressPerHour: config.SIGNIN_ATTEMPTS_PER_ADDRESS_PER_HOUR,
      signUpsPerAddressPerHour: config.SIGNUPS_PER_ADDRESS_PER_HOUR,
      intakePerAddressPerHour: config.INTAKE_REQUESTS_PER_ADDRESS_PER_HOUR,
      hashConcurrency: config.PASSWORD_HASH_CONCURRENCY,
      hashQueue: config.PASSWORD_HASH_QUEUE,
    },
    // The notifier is only woken here, after the commit: the write path itself does no matching (ADR 035).
    events: {
      crossProcess: streams.crossProcess,
      committed(boardId, events) {
        streams.committed(boardId, events);
        if (wakesNotifier(events)) notifier?.wake();
      },
    },
    access: sessions,
  };
  runtime = { ctx, config };
  notifier = new Notifier(
    ctx,
    // On PostgreSQL the person's sockets may be on any instance: every instance (this one too) hears the NOTIFY.
    streams.crossProcess
      ? async (delivered) => {
          for (const d of delivered) await db.prisma.$executeRaw`SELECT pg_notify(${NOTIFICATIONS_CHANNEL}, ${JSON.stringify(d)})`;
        }
      : async (delivered) => emitToUsers(io, delivered),
    { perUserPerHour: config.NOTIFICATIONS_PER_USER_PER_HOUR, intervalMs: config.NOTIFIER_INTERVAL_MS },
  );
  // Only PostgreSQL can have other instances; on PGlite every commit and every viewer is in this process.
  const presence = attachSocketHandlers(
    io,
    ctx,
    streams,
    sessions,
    streams.crossProcess
      ? async (payload) => void (await db.prisma.$executeRaw`SELECT pg_notify(${PRESENCE_CHANNEL}, ${payload})`)
      : null,
  );
  const unlisteners = streams.crossProcess
    ? [
        await db.listen(
          EVENTS_CHANNEL,
          (payload) => {
            streams.notified(payload);
            notifier?.wake();
          },
          () => streams.resync(),
        ),
        await db.listen(
          NOTIFICATIONS_CHANNEL,
          (payload) => {
            const d = parseNotificationPayload(payload);
            if (d) emitToUsers(io, [d]);
          },
          // A push lost while the connection was down is not lost to the person: it is stored, and listed as unread.
          () => {},
        ),
        await db.listen(
          PRESENCE_CHANNEL,
          (payload) => presence.received(payload),
          () => presence.heartbeat(),
        ),
        // Ends notified while the connection was down are lost: check what the sockets rely on instead.
        await db.listen(
          ACCESS_CHANNEL,
          (payload) => sessions.received(payload),
          () =>
            void sessions
              .resync((credentials, memberships) => findEndedAccess(ctx, credentials, memberships))
              .catch((err) => log.error({ err }, "re-checking socket access failed")),
        ),
      ]
    : [];

  // Several instances may start together on one PostgreSQL: seed and set up exactly once.
  await db.exclusively(async () => {
    if (config.seedDemo) await seedDemoIfEmpty(ctx);
    await ensureCommonsBoard(ctx);
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.PORT, config.HOST, () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;

  if (!opts.withoutNext) {
    const root = projectRoot(import.meta.dirname);
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

  notifier.start();

  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "localhost" : config.HOST;
  log.info({ port, database: db.kind }, `Stigmergy Board listening on http://${host}:${port}`);
  await warnOfReachableDemo(ctx, config.HOST, port);
  return {
    port,
    url: `http://${host}:${port}`,
    ctx,
    db,
    io,
    streams,
    async close() {
      if (timer) clearInterval(timer);
      await notifier?.stop();
      presence.stop();
      await Promise.all(unlisteners.map((unlisten) => unlisten()));
      // io.close() disconnects every socket and closes the HTTP server, which then waits for open
      // keep-alive connections: end those at once instead of after the browser's idle timeout.
      const closed = new Promise<void>((resolve) => io.close(() => resolve()));
      httpServer.closeAllConnections();
      await closed;
      await db.close();
    },
  };
}
