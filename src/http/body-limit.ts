/**
 * The request body limit (CONTRACT §3: a body over the limit is refused before it is
 * parsed). hono's bodyLimit first reads `c.req.raw.body`, which makes @hono/node-server
 * build a full web Request with a stream body for every request, GETs included: the
 * largest cost of a small JSON POST outside the diagnosis engine, and one that also
 * defeats the server's direct read of the body. So a declared Content-Length is checked
 * from the header alone, exactly as bodyLimit checks it; only a body without one
 * (chunked) goes through bodyLimit's streaming count.
 */
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "../errors";

/** CONTRACT §3: bodies over 64 KiB are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The one route allowed more than MAX_BODY_BYTES: an admin's CSV of people (issue 16), on
 * the set-up page and on the API. The app-wide limit leaves it alone; the admin pages and
 * the set-up API set its own limit only after the staff session or bearer token is known,
 * so an anonymous client never gets the larger allowance.
 */
export const CSV_UPLOAD_ROUTE = "/admin/tenants/:id/import";
const CSV_UPLOAD_PATH = /^\/(admin|api\/v1)\/tenants\/[^/]+\/import$/;
export const isCsvUpload = (path: string) => CSV_UPLOAD_PATH.test(path);

/**
 * @example app.use(bodyLimitByHeader({ maxSize: 64 * 1024, onError: () => { throw tooLarge; } }))
 */
export function bodyLimitByHeader(o: {
  maxSize: number;
  onError: (c: Context) => Response | Promise<Response>;
}): MiddlewareHandler {
  const streaming = bodyLimit(o);
  return async (c, next) => {
    // GET and HEAD carry no body on this server (bodyLimit's `!raw.body` case).
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined) {
      return parseInt(length || "0", 10) > o.maxSize ? o.onError(c) : next();
    }
    return streaming(c, next);
  };
}

/**
 * Refuse a body over `maxSize` with the registered 413 problem, naming the body.
 * @example app.use("/admin/tenants/:id/import", refuseBodiesOver(MAX_UPLOAD_BYTES))
 */
export function refuseBodiesOver(maxSize: number): MiddlewareHandler {
  return bodyLimitByHeader({
    maxSize,
    onError: () => {
      throw new AppError(413, "payload_too_large", `The request body is larger than ${maxSize / 1024} KiB.`, {
        field: "body",
      });
    },
  });
}
