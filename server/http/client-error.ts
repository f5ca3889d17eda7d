// Requests Node's HTTP parser refuses before any listener sees them (a raw non-ASCII byte in the path,
// broken header lines, headers too large, too slow): Node would answer a bare status line. Answer in the
// API's error shape, with the security headers, like every other response.
import http from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { DomainError, toErrorBody } from "../domain/errors";
import { headersWithoutRequest, type SecurityHeaderOptions } from "./security-headers";

function errorFor(code: string | undefined): DomainError {
  if (code === "HPE_HEADER_OVERFLOW") return new DomainError("HEADERS_TOO_LARGE", "The request headers are too large");
  if (code === "ERR_HTTP_REQUEST_TIMEOUT") return new DomainError("REQUEST_TIMEOUT", "The request took too long to arrive");
  return new DomainError("MALFORMED_REQUEST", "The request is not valid HTTP");
}

/** A `clientError` listener for the HTTP server. */
export function clientErrorAnswerer(opts: SecurityHeaderOptions) {
  const security = headersWithoutRequest(opts);
  return (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    // Nothing can be answered on a connection that is gone or has already carried an answer (as Node does).
    if (err.code === "ECONNRESET" || !socket.writable || (socket as Socket).bytesWritten > 0) {
      socket.destroy();
      return;
    }
    const error = errorFor(err.code);
    const body = JSON.stringify(toErrorBody(error));
    const headers: Record<string, string> = {
      ...security,
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(body)),
      connection: "close",
    };
    const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("");
    // An answer to HEAD has no body, and a client would read one as a garbled next response.
    const isHead = err.rawPacket?.subarray(0, 5).toString("latin1") === "HEAD ";
    socket.end(`HTTP/1.1 ${error.status} ${http.STATUS_CODES[error.status]}\r\n${head}\r\n${isHead ? "" : body}`);
  };
}
