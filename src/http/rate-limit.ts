/**
 * A per-IP flood guard for the anonymous endpoints (knowledge base, reset steps),
 * in memory with hono-rate-limiter. The reset flows have their own account and flow
 * limits in SQLite; this one only stops a single client hammering the server.
 */
import { rateLimiter } from "hono-rate-limiter";
import { AppError } from "../errors";
import { ipOf } from "./request-context";

/** The per-IP budgets of each route family; SSPR_RATE_LIMITS overrides them ("kb=600/60,reset=600/900"). */
export type RateLimits = { kb: { limit: number; windowMs: number }; reset: { limit: number; windowMs: number } };
export const DEFAULT_RATE_LIMITS: RateLimits = {
  // Search-as-you-type sends a request per keystroke: 600 a minute is ten a second.
  kb: { limit: 600, windowMs: 60_000 },
  // Far above any person's resets (the flows' own account limits are much lower); stops a flood.
  reset: { limit: 600, windowMs: 15 * 60_000 },
};

/**
 * Parses "kb=600/60,reset=600/900" (requests / window in seconds) over the defaults.
 * @example parseRateLimits("kb=100/60").kb // { limit: 100, windowMs: 60000 }
 */
export function parseRateLimits(spec: string | undefined): RateLimits {
  const out: RateLimits = { kb: { ...DEFAULT_RATE_LIMITS.kb }, reset: { ...DEFAULT_RATE_LIMITS.reset } };
  for (const entry of (spec ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(kb|reset)=(\d+)\/(\d+)$/.exec(entry);
    if (!m) throw new Error(`SSPR_RATE_LIMITS: "${entry}" is not family=requests/seconds (families: kb, reset)`);
    out[m[1] as keyof RateLimits] = { limit: Number(m[2]), windowMs: Number(m[3]) * 1000 };
  }
  return out;
}

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
