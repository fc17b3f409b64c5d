/**
 * Prometheus metrics (prom-client): request latency per route, resets by outcome,
 * findings by code, sweep durations. Each app gets its own registry, so tests that build
 * many apps in one process never share counters; main adds the process defaults.
 * Served at /metrics only to a bearer of SSPR_METRICS_TOKEN (the labels name routes and
 * finding codes, which is tenant intelligence, not public data).
 */
import { timingSafeEqual, createHash } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Diagnoser, Diagnosis } from "../diagnosis/engine";

export type Metrics = {
  registry: Registry;
  requestDuration: Histogram<"method" | "route" | "status">;
  resets: Counter<"outcome" | "code">;
  findings: Counter<"code" | "severity">;
  sweepDuration: Histogram<"kind">;
};

/** @example const m = createMetrics(); app.use(timeRequests(m)) */
export function createMetrics(opts: { processDefaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.processDefaults) collectDefaultMetrics({ register: registry });
  return {
    registry,
    requestDuration: new Histogram({
      name: "sspr_http_request_duration_seconds",
      help: "HTTP request latency by route pattern (not by raw path: ids would explode the label set).",
      labelNames: ["method", "route", "status"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    resets: new Counter({
      name: "sspr_reset_steps_total",
      help: "Completed reset attempts by outcome, and the catalogue code of a failure.",
      labelNames: ["outcome", "code"],
      registers: [registry],
    }),
    findings: new Counter({
      name: "sspr_findings_total",
      help: "Findings handed out by interactive diagnoses, by catalogue code.",
      labelNames: ["code", "severity"],
      registers: [registry],
    }),
    sweepDuration: new Histogram({
      name: "sspr_sweep_duration_seconds",
      help: "Tenant sweeps and what-if runs, load included.",
      labelNames: ["kind"],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers: [registry],
    }),
  };
}

/** The reset completion routes, page and API: their status is the reset's outcome. */
const COMPLETE_ROUTES = new Set(["/api/v1/reset/:flowId/complete", "/reset/complete"]);

/** Middleware: time every request under its route pattern; count reset completions by outcome. */
export function timeRequests(m: Metrics): MiddlewareHandler {
  return async (c, next) => {
    const stop = m.requestDuration.startTimer();
    await next();
    const matched = routePath(c, -1);
    // A 404 matched only middleware ("*", "/api/v1/*"): one label for every unknown path.
    const route = c.res.status === 404 && matched.includes("*") ? "unmatched" : matched || "unmatched";
    stop({ method: c.req.method, route, status: String(c.res.status) });
    if (c.req.method === "POST" && COMPLETE_ROUTES.has(route)) {
      const ok = c.res.status < 400;
      let code = ok ? "" : String(c.res.status);
      // Failures are rare and small: read the problem's catalogue code from a copy of the body.
      if (!ok && c.res.headers.get("content-type")?.startsWith("application/problem+json")) {
        code =
          (
            (await c.res
              .clone()
              .json()
              .catch(() => ({}))) as { code?: string }
          ).code ?? code;
      }
      m.resets.inc({ outcome: ok ? "success" : "failure", code });
    }
  };
}

/** Count a diagnosis's findings (the main thread's through countingDiagnoser, the simulate worker's as they come back). */
export function countFindings(m: Metrics, findings: readonly { code: string; severity: string }[]): void {
  for (const f of findings) m.findings.inc({ code: f.code, severity: f.severity });
}

/** The diagnoser, counting the findings of every interactive diagnosis it hands out. */
export function countingDiagnoser(diagnoser: Diagnoser, m: Metrics): Diagnoser {
  const counted = (d: Diagnosis) => {
    countFindings(m, d.findings);
    return d;
  };
  return {
    ...diagnoser,
    diagnose: async (snapshot, options) => counted(await diagnoser.diagnose(snapshot, options)),
    diagnoseInteractive: async (snapshot, options) => counted(await diagnoser.diagnoseInteractive(snapshot, options)),
  };
}

/** Constant-time bearer check (hashing first makes the lengths equal). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/i.exec(header ?? "")?.[1] ?? "";
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(token).digest();
  return timingSafeEqual(a, b) && given.length > 0;
}
