/**
 * Per-request facts the flows need from HTTP: the caller's IP (from the socket, never
 * from a spoofable header) and their preferred locale (Accept-Language: lv or en).
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

export function ipOf(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined; // app.request() in tests has no socket
  }
}
