/**
 * CSRF protection for the cookie-authenticated JSON API (`/api/v1/me…`): every unsafe
 * method must prove it came from our own pages. The HTML forms have their own token
 * check (web/csrf.ts).
 */
import { createMiddleware } from "hono/factory";
import { AppError } from "../errors";
import type { MeEnv } from "./session";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * CSRF guard for a cookie-authenticated JSON API. The browser attaches the session
 * cookie to any request to us, including one a hostile page makes; SameSite=Lax stops
 * most of those, and this stops the rest. A cross-site HTML form can only send
 * `application/x-www-form-urlencoded`, `multipart/form-data` or `text/plain`; a
 * cross-site `fetch` that sends `application/json` must first pass a CORS preflight,
 * which we never grant (no CORS headers anywhere). So requiring `application/json` on
 * every unsafe method means only our own pages (or non-browser clients, which carry no
 * victim's cookie) get through. The Origin check is defence in depth for browsers and
 * for same-site sibling origins: when a browser says where the request came from, it
 * must be us.
 */
export const csrfGuard = createMiddleware<MeEnv>(async (c, next) => {
  if (UNSAFE.has(c.req.method)) {
    const mediaType = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (mediaType !== "application/json") {
      throw new AppError(
        403,
        "csrf_rejected",
        "content-type: requests that change something must be sent as application/json.",
        { field: "content-type" },
      );
    }
    const origin = c.req.header("origin");
    if (origin !== undefined && origin !== new URL(c.req.url).origin) {
      throw new AppError(403, "csrf_rejected", "origin: this request came from another site.", { field: "origin" });
    }
    const site = c.req.header("sec-fetch-site");
    if (site === "cross-site" || site === "same-site") {
      throw new AppError(403, "csrf_rejected", "sec-fetch-site: this request came from another site.", {
        field: "sec-fetch-site",
      });
    }
  }
  await next();
});
