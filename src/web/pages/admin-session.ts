/**
 * The staff session of the /admin pages: a staff bearer token, checked with the same
 * `findPrincipal` as the API, kept in the `sspr_staff` cookie. The cookie is HttpOnly
 * (no script can read the token), SameSite=Strict (no other site can make a browser
 * send it), Path=/admin (no other page of ours receives it) and Secure over https. The
 * token is checked again on every request, so revoking it ends the session at once.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { Deps } from "../../deps";
import { AppError } from "../../errors";
import { findPrincipal, roleAtLeast, type AppEnv, type Principal, type StaffRole } from "../../http/auth";
import { overTls } from "../../http/request-context";

export const STAFF_COOKIE = "sspr_staff";
/** A working day: long enough not to interrupt a shift, short enough that a forgotten browser closes itself. */
export const STAFF_SESSION_SECONDS = 8 * 3600;
const COOKIE_PATH = "/admin";
/** Tokens are `sspr_` + 43 base64url characters; anything far off is refused before hashing. */
const TOKEN_SHAPE = /^[A-Za-z0-9_.~-]{16,200}$/;


/** The principal a token stands for, or undefined (bad shape, unknown or revoked). */
export function principalOfToken(deps: Deps, token: string): Principal | undefined {
  const trimmed = token.trim();
  return TOKEN_SHAPE.test(trimmed) ? findPrincipal(deps, `Bearer ${trimmed}`) : undefined;
}

export function startStaffSession(c: Context, token: string): void {
  setCookie(c, STAFF_COOKIE, token.trim(), { path: COOKIE_PATH, httpOnly: true, sameSite: "Strict", secure: overTls(c), maxAge: STAFF_SESSION_SECONDS });
}

export function endStaffSession(c: Context): void {
  deleteCookie(c, STAFF_COOKIE, { path: COOKIE_PATH, httpOnly: true, sameSite: "Strict", secure: overTls(c) });
}

/**
 * Where to go after signing in: only a path of these pages, so a crafted sign-in link
 * cannot send a freshly signed-in person to another site (open redirect).
 */
export function safeNext(next: string | undefined): string {
  return next && /^\/admin(\/[A-Za-z0-9._~%\/-]*)?(\?[^#\s]*)?$/.test(next) && !next.includes("//") ? next : "/admin";
}

/** Every /admin page but sign-in: a valid staff cookie, or a redirect to sign in (and back). */
export function requireStaffPage(deps: Deps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = getCookie(c, STAFF_COOKIE);
    const principal = token ? principalOfToken(deps, token) : undefined;
    if (!principal) {
      if (token) endStaffSession(c);
      const url = new URL(c.req.url);
      const back = c.req.method === "GET" ? safeNext(url.pathname + url.search) : "/admin";
      return c.redirect(back === "/admin" ? "/admin/sign-in" : `/admin/sign-in?next=${encodeURIComponent(back)}`, 303);
    }
    c.set("principal", principal);
    await next();
  });
}

/** The signed-in principal (set by requireStaffPage). */
export function pagePrincipal(c: Context<AppEnv>): Principal {
  const principal = c.get("principal");
  if (!principal) throw new Error("pagePrincipal outside requireStaffPage");
  return principal;
}

/** Refuse a page the principal's role may not see, with the same 403 as the API. */
export function requirePageRole(c: Context<AppEnv>, min: StaffRole, message: string): Principal {
  const principal = pagePrincipal(c);
  if (!roleAtLeast(principal.role, min)) throw new AppError(403, "forbidden", message);
  return principal;
}
