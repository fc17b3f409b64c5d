/**
 * A per-IP flood guard for the anonymous endpoints (knowledge base, reset steps),
 * in memory with hono-rate-limiter. The reset flows have their own account and flow
 * limits in SQLite; this one only stops a single client hammering the server.
 */
import { rateLimiter } from "hono-rate-limiter";
import { AppError } from "../errors";
import { ipOf } from "./request-context";

/**
 * @example app.use("/api/v1/kb/*", perIpLimit({ windowMs: 60_000, limit: 300 }))
 */
export function perIpLimit(o: { windowMs: number; limit: number }) {
  return rateLimiter({
    windowMs: o.windowMs,
    limit: o.limit,
    standardHeaders: "draft-6",
    // A request without a socket address (app.request in tests) counts as one client.
    keyGenerator: (c) => ipOf(c) ?? "local",
    handler: () => {
      throw new AppError(429, "rate_limited", "Too many requests from this address. Slow down and try again shortly.", {
        headers: { "Retry-After": String(Math.ceil(o.windowMs / 1000)) },
      });
    },
  });
}
