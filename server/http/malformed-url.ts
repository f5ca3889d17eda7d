// A request target that cannot be decoded (`/api/v1/sessions%c4`, `/boards/%zz`) or is not a path at all
// (`GET http://elsewhere/`, `OPTIONS *`) is the client's mistake: answer 400 here, before Next, which
// throws on such paths and would answer 500.
import type http from "node:http";
import { DomainError, toErrorBody } from "../domain/errors";

/** Whether the path of a request target (query excluded) is a decodable absolute path. */
export function isWellFormedPath(url: string): boolean {
  if (!url.startsWith("/")) return false;
  const q = url.search(/[?#]/);
  const path = q < 0 ? url : url.slice(0, q);
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** Answers 400 and returns true when the request target is malformed; otherwise leaves `res` alone. */
export function answerMalformedUrl(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const url = req.url ?? "";
  if (isWellFormedPath(url)) return false;
  const error = new DomainError("MALFORMED_URL", "The request path is not a valid percent-encoded path");
  if (url.startsWith("/api/")) {
    res.writeHead(error.status, { "content-type": "application/json" });
    res.end(JSON.stringify(toErrorBody(error)));
  } else {
    res.writeHead(error.status, { "content-type": "text/plain; charset=utf-8" });
    res.end(`400 Bad Request: ${error.message}\n`);
  }
  return true;
}
