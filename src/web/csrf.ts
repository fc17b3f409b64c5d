/**
 * CSRF protection for the pages' form posts: a double-submit token. GET pages set a
 * random token in an HttpOnly, SameSite=Strict cookie and in a hidden `_csrf` field;
 * a POST must carry both, equal (compared in constant time). A cross-site form can
 * make the browser send the cookie (not with SameSite=Strict, but older browsers)
 * yet can never read it to fill the field.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { AppError } from "../errors";
import { overTls } from "../http/request-context";
import { readForm } from "./form";

const COOKIE = "sspr_csrf";

/** The request's token, issuing one when it has none. */
export function csrfToken(c: Context): string {
  const existing = getCookie(c, COOKIE);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = randomBytes(32).toString("base64url");
  setCookie(c, COOKIE, token, { path: "/", httpOnly: true, sameSite: "Strict", secure: overTls(c) });
  return token;
}

/** Refuse any POST whose `_csrf` field does not match the cookie. Parses the form once and keeps it on the context. */
export const requireCsrf = createMiddleware(async (c, next) => {
  if (c.req.method === "POST") {
    const form = await readForm(c);
    const field = typeof form._csrf === "string" ? form._csrf : "";
    const cookie = getCookie(c, COOKIE) ?? "";
    if (!cookie || field.length !== cookie.length || !timingSafeEqual(Buffer.from(field), Buffer.from(cookie))) {
      throw new AppError(
        403,
        "csrf_rejected",
        "This form has expired or did not come from this site. Reload the page and try again.",
        { field: "_csrf" },
      );
    }
  }
  await next();
});
