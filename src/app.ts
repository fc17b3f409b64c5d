/**
 * createApp(deps): the whole HTTP application, built from its dependencies so tests
 * can run it on an in-memory database through app.request(). Middleware, the one
 * error renderer, and one route module per resource.
 */
import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { Deps } from "./deps";
import { AppError } from "./errors";
import type { AppEnv } from "./http/auth";
import { isCsvUpload, MAX_BODY_BYTES, refuseBodiesOver } from "./http/body-limit";
import { newRouter } from "./http/openapi";
import { defaultProblemType, onError, problemResponse, toAppError } from "./http/problem";
import { NO_PROXIES } from "./http/client-ip";
import { createMetrics, timeRequests } from "./http/metrics";
import { DEFAULT_RATE_LIMITS, perIpLimit } from "./http/rate-limit";
import { resolveClientIp } from "./http/request-context";
import { opsRoutes } from "./http/routes/ops";
import { errorPage, wantsPage } from "./web/error-page";
import { devMailboxRoutes } from "./http/routes/dev-mailbox";
import { auditRoutes } from "./http/routes/audit";
import { diagnoseRoutes } from "./http/routes/diagnose";
import { docsRoutes, registerDocs } from "./http/routes/docs";
import { fixesRoutes } from "./http/routes/fixes";
import { helpdeskRoutes } from "./http/routes/helpdesk";
import { incidentsRoutes } from "./http/routes/incidents";
import { registrationReportRoutes } from "./http/routes/registration-report";
import { insightsRoutes } from "./http/routes/insights";
import { kbRoutes } from "./http/routes/kb";
import { meRoutes } from "./http/routes/me";
import { resetRoutes } from "./http/routes/reset";
import { tenantsRoutes } from "./http/routes/tenants";
import { tenantPolicyRoutes } from "./http/routes/tenant-policy";
import { setupRoutes } from "./http/routes/setup";
import { directoryRoutes } from "./http/routes/directory";
import { passwordCheckRoutes } from "./http/routes/password-check";
import { usersRoutes } from "./http/routes/users";
import { homePages } from "./web/pages/home";
import { kbPages } from "./web/pages/kb";
import { adminPages } from "./web/pages/admin";
import { adminImportPages } from "./web/pages/admin-imports";
import { registerPages } from "./web/pages/register";
import { resetPages } from "./web/pages/reset";
import { staticRoutes } from "./web/static";

/** No inline script or style anywhere, no framing, forms post only to us. */
const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();
  // A problem's type is its knowledge-base article when one answers the code.
  const problemType = (code: string) => deps.kb.articlesFor(code)[0]?.url ?? defaultProblemType(code);

  const metrics = deps.http?.metrics ?? createMetrics();
  const limits = { ...DEFAULT_RATE_LIMITS, ...deps.http?.rateLimits };
  app.use(requestId());
  app.use(timeRequests(metrics));
  // Before anything reads the caller's address: per-IP limits, audit rows, throttles.
  app.use(resolveClientIp(deps.http?.trustedProxies ?? NO_PROXIES));
  const strictHeaders = secureHeaders({
    contentSecurityPolicy: CSP,
    referrerPolicy: "no-referrer",
    crossOriginEmbedderPolicy: false,
  });
  // Swagger UI boots with an inline script and styles; its one page gets exactly that allowance.
  const docsHeaders = secureHeaders({
    contentSecurityPolicy: {
      ...CSP,
      scriptSrc: ["'self'", "'unsafe-inline'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
    },
    referrerPolicy: "no-referrer",
    crossOriginEmbedderPolicy: false,
  });
  app.use((c, next) => (c.req.path === "/api/docs" ? docsHeaders(c, next) : strictHeaders(c, next)));
  const bodyLimitDefault = refuseBodiesOver(MAX_BODY_BYTES);
  // The one exception to 64 KiB, an admin's CSV of people, gets its limit from the admin
  // pages once the staff session is checked (web/pages/admin.tsx).
  app.use((c, next) => (isCsvUpload(c.req.path) ? next() : bodyLimitDefault(c, next)));
  // The API never returns anything a shared cache should keep.
  // Set on the response's headers as secureHeaders does: `c.header()` after the handler
  // rebuilds a finished response from its body, which turns @hono/node-server's string body
  // into a web stream written chunk by chunk (a quarter of a simulate's CPU, ADR 015).
  app.use("/api/v1/*", async (c, next) => {
    await next();
    c.res.headers.set("cache-control", "no-store");
  });

  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.route("/", opsRoutes(deps, metrics, deps.http?.metricsToken));

  // Anonymous endpoints: a per-IP flood guard on top of the flows' own limits.
  app.use("/api/v1/kb/*", perIpLimit(limits.kb));
  app.use("/api/v1/reset/*", perIpLimit(limits.reset));

  const api = newRouter();
  api.route("/", usersRoutes(deps));
  api.route("/", diagnoseRoutes(deps));
  api.route("/", resetRoutes(deps));
  api.route("/", passwordCheckRoutes(deps));
  api.route("/", kbRoutes(deps));
  api.route("/", directoryRoutes(deps));
  api.route("/", tenantsRoutes(deps));
  api.route("/", tenantPolicyRoutes(deps));
  api.route("/", setupRoutes(deps));
  api.route("/", fixesRoutes(deps));
  api.route("/", helpdeskRoutes(deps));
  api.route("/", meRoutes(deps));
  api.route("/", auditRoutes(deps));
  api.route("/", incidentsRoutes(deps));
  api.route("/", registrationReportRoutes(deps));
  api.route("/", insightsRoutes(deps));
  registerDocs(api);
  app.route("/api/v1", api);

  app.route("/api", docsRoutes());
  if (deps.demo && deps.devMailbox) app.route("/", devMailboxRoutes(deps.devMailbox));
  app.route("/", staticRoutes());
  app.route("/", homePages(deps));
  app.route("/", resetPages(deps));
  app.route("/", registerPages(deps));
  app.route("/", adminPages(deps));
  app.route("/", adminImportPages(deps));
  app.route("/", kbPages(deps));

  app.notFound((c) => {
    const err = new AppError(404, "not_found", `No route for ${c.req.method} ${c.req.path}.`);
    return wantsPage(c) ? errorPage(c, err, deps.demo) : problemResponse(c, err, problemType);
  });
  const apiError = onError(deps.log, problemType);
  app.onError((err, c) => {
    const appErr = toAppError(err);
    return wantsPage(c) && appErr.status < 500 ? errorPage(c, appErr, deps.demo) : apiError(err, c);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
