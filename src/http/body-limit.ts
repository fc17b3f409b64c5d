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
