/**
 * The process: config → open and migrate the database → seed the demo tenants when
 * new → createApp(deps) → listen → on SIGTERM/SIGINT stop accepting, let in-flight
 * requests finish, close the database. The only module that reads process.env.
 */
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { cryptoRandom, systemClock } from "./clock";
import { loadConfig } from "./config";
import { openDb } from "./db/client";
import { demoAtStart, seedDemo } from "./db/seed/seed";
import { DEMO_PASSWORD, DEMO_STAFF_TOKENS } from "./db/seed/demo-tenant";
import { trustedProxies } from "./http/client-ip";
import { createMetrics } from "./http/metrics";
import { parseRateLimits } from "./http/rate-limit";
import { jsonLog } from "./log";
import { alertSender } from "./watch/alerts";
import { startSelfWatch } from "./watch/self-watch";
import { interruptAbandonedBulkJobs } from "./flows/bulk-fix";
import { buildDeps } from "./wiring";
import { simulateWorkerByDefault } from "./flows/simulate";
import { startSimulatedHeartbeats } from "./writeback/simulated";
import { startDirectoryHeartbeats } from "./directory/heartbeat";

async function main() {
  const config = loadConfig(process.env);
  const log = jsonLog();
  const { db, isNew, close } = openDb(config.dbPath);
  // A database seeded with the demo stays a demo on the next start; SSPR_DEMO=0 on it
  // refuses to start and says how to convert it (demoAtStart).
  let demo: boolean;
  try {
    demo = demoAtStart(db, { requested: config.demo, isNew, dbPath: config.dbPath });
  } catch (err) {
    close();
    throw err;
  }
  if (demo) await seedDemo(db, systemClock);

  const http = {
    trustedProxies: trustedProxies(config.trustProxy),
    rateLimits: parseRateLimits(config.rateLimits),
    metricsToken: config.metricsToken,
    metrics: createMetrics({ processDefaults: true }),
  };
  const deps = await buildDeps({
    db,
    clock: systemClock,
    random: cryptoRandom,
    log,
    demo,
    smtpUrl: config.smtpUrl,
    adminToken: config.adminToken,
    cacheDir: `${config.cacheDir}/kb`,
    http,
    secretKey: config.secretKey,
    simulateWorker: config.simulateWorker ?? simulateWorkerByDefault(),
  });
  // The simulated connector lives in this process, so its heartbeats do too.
  const stopSimulated = startSimulatedHeartbeats(db, systemClock);
  // Real directories beat by bind + rootDSE; a failure is logged with its classification.
  const stopDirectories = startDirectoryHeartbeats(db, systemClock, deps.directory.registry, (tenantId, r) => {
    if (!r.ok) log.warn("directory heartbeat failed", { tenantId, code: r.failure.code, evidence: r.failure.evidence });
  });
  const stopHeartbeats = () => (stopSimulated(), stopDirectories());
  const alerts = alertSender({
    mailer: deps.mailer,
    log,
    webhookUrl: config.alertWebhookUrl,
    webhookSecret: config.alertWebhookSecret,
    baseUrl: config.publicUrl,
  });
  const stopWatch =
    config.watchIntervalMinutes > 0 ? startSelfWatch(deps, alerts, config.watchIntervalMinutes * 60_000) : () => {};
  // Bulk runs a stopped process left behind show as interrupted, with how far they got.
  const interrupted = interruptAbandonedBulkJobs(deps);
  if (interrupted) log.warn("bulk fix runs interrupted by a stop", { runs: interrupted });
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const url = `http://${config.host}:${info.port}`;
    const lines = [
      `SSPR Doctor listening on ${url}`,
      `  database: ${config.dbPath}${isNew ? " (new, migrated)" : " (migrated)"}`,
    ];
    // Outside the demo nobody can read the dev mailbox, so a code kept there never reaches anyone.
    if (deps.devMailbox)
      lines.push(
        `  codes and notices: ${demo ? `${url}/dev/mailbox` : "NOT delivered: set SMTP_URL (the dev mailbox keeping them is shown only in the demo)"}`,
      );
    if (demo) {
      lines.push(
        `  demo tenant: contoso.example (personas in README.md; password "${DEMO_PASSWORD}")`,
        `  demo admin: open ${url}/admin and paste the token ${DEMO_STAFF_TOKENS.admin}`,
        `             (helpdesk: ${DEMO_STAFF_TOKENS.helpdesk}, support: ${DEMO_STAFF_TOKENS.support}; API: Authorization: Bearer <token>)`,
      );
    }
    if (!demo)
      lines.push(
        config.adminToken
          ? `  staff access: open ${url}/admin and paste SSPR_ADMIN_TOKEN (tokens of their own: npm run token -- create --role admin)`
          : `  staff access: npm run token -- create --role admin  (or set SSPR_ADMIN_TOKEN), then open ${url}/admin`,
      );
    lines.push(`  API reference: ${url}/api/docs`);
    console.log(lines.join("\n"));
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("stopping", { signal });
    stopHeartbeats();
    stopWatch();
    // close() stops accepting and calls back once in-flight requests are done.
    server.close(() => {
      void deps.simulator?.close();
      close();
      log.info("stopped; database closed");
      process.exit(0);
    });
    // Keep-alive sockets would hold close() open forever; idle ones go now.
    (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    setTimeout(() => {
      log.warn("in-flight requests did not finish within 10 s; exiting");
      close();
      process.exit(1);
    }, 10_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
