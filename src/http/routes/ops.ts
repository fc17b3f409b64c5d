/**
 * Operations endpoints outside the API prefix: /readyz (ready to serve: migrated, the
 * knowledge base loaded, every configured connector has reported) — distinct from
 * /healthz (the process answers) — and /metrics for Prometheus, behind SSPR_METRICS_TOKEN.
 */
import { Hono } from "hono";
import { migrationState, silentConnectors } from "../../db/readiness";
import type { Deps } from "../../deps";
import { AppError } from "../../errors";
import { bearerMatches, type Metrics } from "../metrics";

export function opsRoutes(deps: Deps, metrics: Metrics, metricsToken: string | undefined) {
  const app = new Hono();

  app.get("/readyz", (c) => {
    const migrations = migrationState(deps.db);
    const silent = silentConnectors(deps.db);
    const checks = {
      migrations: { ok: migrations.applied >= migrations.expected, ...migrations },
      knowledgeBase: { ok: deps.kb.stats.articles > 0, articles: deps.kb.stats.articles },
      connectors: { ok: silent.length === 0, neverReported: silent },
    };
    const ready = Object.values(checks).every((check) => check.ok);
    c.header("cache-control", "no-store");
    return c.json({ status: ready ? "ready" : "not_ready", checks }, ready ? 200 : 503);
  });

  app.get("/metrics", async (c) => {
    // Unset token: the endpoint does not exist (no anonymous scraping of tenant data).
    if (!metricsToken) throw new AppError(404, "not_found", "No route for GET /metrics.");
    if (!bearerMatches(c.req.header("authorization"), metricsToken)) {
      throw new AppError(401, "unauthorized", "Send the metrics token as Authorization: Bearer <token>.", {
        headers: { "WWW-Authenticate": "Bearer" },
      });
    }
    c.header("content-type", metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });

  return app;
}
