/**
 * Which catalogue a request reads: `?lang=` (and it sticks in a cookie), else the
 * cookie, else Accept-Language. Every page calls `pageLocale(c)` once.
 */
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { en, type Messages } from "./en";
import { lv } from "./lv";

export type Locale = "en" | "lv";
const CATALOGUES: Record<Locale, Messages> = { en, lv };
const COOKIE = "sspr_lang";

export function messages(locale: Locale): Messages {
  return CATALOGUES[locale];
}

export function pageLocale(c: Context): Locale {
  const asked = c.req.query("lang");
  if (asked === "en" || asked === "lv") {
    setCookie(c, COOKIE, asked, { path: "/", sameSite: "Lax", httpOnly: true, maxAge: 365 * 24 * 3600 });
    return asked;
  }
  const cookie = getCookie(c, COOKIE);
  if (cookie === "en" || cookie === "lv") return cookie;
  return (c.req.header("accept-language") ?? "").trim().toLowerCase().startsWith("lv") ? "lv" : "en";
}
