/**
 * Per-request facts from HTTP: the caller's IP (from the socket, or from X-Forwarded-For
 * only when the socket peer is a trusted proxy — see client-ip.ts), their preferred locale
 * (Accept-Language: lv or en), and whether TLS carried it.
 */
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import { clientAddress, type TrustedProxies } from "./client-ip";

export type Locale = "en" | "lv";

export function localeOf(c: Context): Locale {
  const query = c.req.query("locale");
  if (query === "lv" || query === "en") return query;
  const header = c.req.header("accept-language") ?? "";
  const first = header.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("lv") ? "lv" : "en";
}

/** Whether the request reached us over TLS: cookies are marked Secure then (we never trust X-Forwarded-Proto). */
export const overTls = (c: Context) => new URL(c.req.url).protocol === "https:";

/** The signed-in user's session cookie: HttpOnly, SameSite=Lax, whole site, Secure over TLS. */
export const sessionCookieOptions = (c: Context) => ({
  httpOnly: true,
  sameSite: "Lax" as const,
  path: "/",
  secure: overTls(c),
});

function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined; // app.request() in tests has no socket
  }
}

/** Client addresses resolved once per request by `resolveClientIp` (keyed by the request object). */
const resolved = new WeakMap<Request, string | undefined>();

/** Middleware: work out the client address once, behind the trusted proxies, for every later reader. */
export function resolveClientIp(trusted: TrustedProxies): MiddlewareHandler {
  return async (c, next) => {
    resolved.set(c.req.raw, clientAddress(socketAddress(c), c.req.header("x-forwarded-for"), trusted));
    await next();
  };
}

export function ipOf(c: Context): string | undefined {
  return resolved.has(c.req.raw) ? resolved.get(c.req.raw) : socketAddress(c);
}
