/**
 * The reader's time zone: the browser reports it in a cookie (static/time-zone.js, so
 * the strict CSP needs no inline script); the server formats times in it. Without the
 * cookie (first page, no JavaScript) times are in UTC and say so.
 */
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { isTimeZone } from "./i18n/human";

export const TIME_ZONE_COOKIE = "sspr_tz";

export function pageTimeZone(c: Context): string {
  const zone = getCookie(c, TIME_ZONE_COOKIE);
  return zone && zone.length <= 64 && isTimeZone(zone) ? zone : "UTC";
}
