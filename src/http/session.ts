/**
 * The signed-in user's session on the API: the middleware that requires one (401
 * `unauthorized` without a live session cookie) and the accessor handlers use behind it.
 */
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { lookupSession, SESSION_COOKIE, type SessionUser } from "../flows/session";
import type { AppEnv } from "./auth";

export type MeEnv = { Variables: AppEnv["Variables"] & { session?: SessionUser } };

/** The session of a request that passed requireSession. */
export function sessionOf(c: Context<MeEnv>): SessionUser {
  const session = c.get("session");
  if (!session) throw new AppError(401, "unauthorized", "Sign in first: this needs a valid session cookie.");
  return session;
}

/** Middleware: look up the session cookie and set `session`, or answer 401 `unauthorized`. */
export function requireSession(deps: Deps) {
  return createMiddleware<MeEnv>(async (c, next) => {
    const session = lookupSession(deps, getCookie(c, SESSION_COOKIE));
    if (!session) throw new AppError(401, "unauthorized", "Sign in first: this needs a valid session cookie.");
    c.set("session", session);
    await next();
  });
}
