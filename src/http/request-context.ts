/**
 * Per-request facts from HTTP: the caller's IP (from the socket, never from a spoofable
 * header), their preferred locale (Accept-Language: lv or en), and whether TLS carried it.
 */
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

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
export const sessionCookieOptions = (c: Context) => ({ httpOnly: true, sameSite: "Lax" as const, path: "/", secure: overTls(c) });

export function ipOf(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined; // app.request() in tests has no socket
  }
}
