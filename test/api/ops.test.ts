import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { trustedProxies } from "../../src/http/client-ip";
import { countingDiagnoser, createMetrics } from "../../src/http/metrics";
import { parseRateLimits } from "../../src/http/rate-limit";
import { jsonLog } from "../../src/log";
import { testApp } from "../support/test-deps";

const METRICS_TOKEN = "metrics-token-for-tests-0123456789";

describe("/readyz", () => {
  it("is ready on a migrated database with the knowledge base loaded", async () => {
    const t = await testApp({ seed: true });
    const res = await t.app.request("/readyz");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; checks: Record<string, { ok: boolean }> };
    expect(body.status).toBe("ready");
    expect(Object.values(body.checks).every((c) => c.ok)).toBe(true);
    t.close();
  });

  it("is not ready while a configured connector has never reported, and says which", async () => {
    const t = await testApp({ seed: true });
    t.db.$client
      .prepare("UPDATE writeback_connectors SET last_heartbeat_at = NULL WHERE tenant_id = 'tnt-contoso'")
      .run();
    const res = await t.app.request("/readyz");
    expect(res.status).toBe(503);
    const body = (await res.json()) as { checks: { connectors: { neverReported: string[] } } };
    expect(body.checks.connectors.neverReported).toEqual(["tnt-contoso"]);
    // Liveness is a different question: the process still answers.
    expect((await t.app.request("/healthz")).status).toBe(200);
    t.close();
  });
});

describe("/metrics", () => {
  it("does not exist without SSPR_METRICS_TOKEN", async () => {
    const t = await testApp();
    expect((await t.app.request("/metrics")).status).toBe(404);
    t.close();
  });

  it("refuses a wrong token and serves Prometheus text with route-level latency and findings to the right one", async () => {
    const t = await testApp({ seed: true });
    const metrics = createMetrics();
    const app = createApp({
      ...t.deps,
      diagnoser: countingDiagnoser(t.deps.diagnoser, metrics),
      http: { metrics, metricsToken: METRICS_TOKEN },
    });
    expect((await app.request("/metrics", { headers: { authorization: "Bearer wrong" } })).status).toBe(401);

    await app.request("/api/v1/kb/search?q=code");
    const diagnosed = await app.request("/api/v1/diagnose", {
      method: "POST",
      headers: { ...t.auth("admin"), "content-type": "application/json" },
      body: JSON.stringify({ user: "tom.tailspin@tailspin.example" }),
    });
    expect(diagnosed.status).toBe(200);
    const complete = await app.request("/api/v1/reset/flw_nope/complete", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ newPassword: "Another-Harbour-77" }),
    });
    expect(complete.status).toBe(404);

    const res = await app.request("/metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(
      /sspr_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/kb\/search",status="200"\} 1/,
    );
    expect(text).toMatch(
      /sspr_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/diagnose",status="200"\} 1/,
    );
    expect(text).toContain('sspr_findings_total{code="sspr_disabled",severity="blocker"} 1');
    expect(text).toContain('sspr_reset_steps_total{outcome="failure",code="flow_not_found"} 1');
    t.close();
  });
});

describe("logs", () => {
  it("never carry passwords, codes or contact values, however deep a caller passes them", () => {
    const lines: string[] = [];
    const log = jsonLog((l) => lines.push(l));
    log.warn("delivery failed", {
      to: "alex@home.example",
      detail: { code: "12345678", contact: "+37120000000" },
      password: "Harbour-Lantern-42",
      fix: "clear_throttle",
    });
    const text = lines.join("\n");
    for (const secret of ["alex@home.example", "12345678", "+37120000000", "Harbour-Lantern-42"])
      expect(text).not.toContain(secret);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "warn", msg: "delivery failed", fix: "clear_throttle" });
  });

  it("never carry a helpdesk's temporary password or registration pass, by the names its answers give them", () => {
    const lines: string[] = [];
    const log = jsonLog((l) => lines.push(l));
    log.info("helpdesk answer", { temporaryPassword: "q8Zr1tmpSecret-Aa1", body: { pass: "sspr_passSecret" } });
    const text = lines.join("\n");
    for (const secret of ["q8Zr1tmpSecret-Aa1", "sspr_passSecret"]) expect(text).not.toContain(secret);
  });
});

describe("behind a load balancer (SSPR_TRUST_PROXY)", () => {
  let close: (() => void) | undefined;
  afterEach(() => close?.());

  /** A real server on loopback, so requests have a socket peer (127.0.0.1) like a proxy's. */
  async function listen(trust: string | undefined) {
    const t = await testApp();
    const app = createApp({
      ...t.deps,
      http: { trustedProxies: trustedProxies(trust), rateLimits: parseRateLimits("kb=3/60") },
    });
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((r) => server.once("listening", r));
    close = () => (server.close(), t.close());
    const port = (server.address() as AddressInfo).port;
    return (forwardedFor: string) =>
      fetch(`http://127.0.0.1:${port}/api/v1/kb/search?q=code`, { headers: { "x-forwarded-for": forwardedFor } }).then(
        (r) => r.status,
      );
  }

  it("gives each client behind a trusted proxy its own budget", async () => {
    const get = await listen("127.0.0.1");
    for (let i = 0; i < 3; i++) expect(await get("198.51.100.1")).toBe(200);
    expect(await get("198.51.100.1")).toBe(429);
    // Another person behind the same balancer is not throttled for the first one's requests.
    expect(await get("198.51.100.2")).toBe(200);
  });

  it("ignores the header when the proxy is not trusted, so a forged address buys no new budget", async () => {
    const get = await listen(undefined);
    for (let i = 0; i < 3; i++) expect(await get(`198.51.100.${i + 10}`)).toBe(200);
    expect(await get("198.51.100.99")).toBe(429);
  });
});
