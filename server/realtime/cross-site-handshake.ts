// Cross-site WebSocket hijacking: WebSockets have no CORS, so a page on another site can open a socket to
// us and the browser attaches our session cookie. Such a handshake keeps its connection (public boards are
// public) but loses the cookie before any handler reads it, so it never acts as the signed-in person. A
// token passed explicitly in `auth` still counts: another site cannot read ours. ADR 008.
import type { Server } from "socket.io";
import { checkSameOrigin, type OriginPolicy } from "../http/same-origin";
import { log } from "../log";

/** Registers the check as the first Socket.IO middleware: call before any other `io.use`. */
export function dropCrossSiteCookies(io: Server, policy: OriginPolicy) {
  io.use((socket, next) => {
    const headers = socket.handshake.headers;
    if (headers.cookie) {
      const verdict = checkSameOrigin((name) => {
        const v = headers[name];
        return Array.isArray(v) ? v[0] : v;
      }, policy);
      if (!verdict.sameOrigin) {
        log.info({ reason: verdict.reason }, "cross-site socket handshake: its cookies are ignored");
        delete headers.cookie;
      }
    }
    next();
  });
}
