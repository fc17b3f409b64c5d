/**
 * The server the HTTP benchmark measures, in a process of its own so the load generator
 * does not share its event loop: the real createApp over a fresh migrated SQLite file,
 * listening on 127.0.0.1 port 0, with one stored support token (as staff use: looked up
 * in SQLite on every request). It prints `token <t>` and `port <n>` once listening. It sits
 * behind a trusted proxy, as a deployment behind a load balancer does (SSPR_TRUST_PROXY =
 * 127.0.0.1): the bench spreads its requests over 1,000 client addresses in X-Forwarded-For,
 * so the per-IP flood guard runs at its default limits with a realistic number of clients
 * and never trips; the benchmark measures the routes, guard included, not the guard's 429s.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { serve } from "@hono/node-server";
import { createApp } from "../src/app";
import { cryptoRandom, systemClock } from "../src/clock";
import { openDb } from "../src/db/client";
import { createStaffToken } from "../src/db/staff-tokens";
import { trustedProxies } from "../src/http/client-ip";
import { silentLog } from "../src/log";
import { buildDeps } from "../src/wiring";
import { simulateWorkerByDefault } from "../src/flows/simulate";

const dir = mkdtempSync(join(tmpdir(), "sspr-bench-http-"));
const { db, close } = openDb(join(dir, "bench.db"));
const deps = await buildDeps({
  db,
  clock: systemClock,
  random: cryptoRandom,
  log: silentLog,
  demo: false,
  http: { trustedProxies: trustedProxies("127.0.0.1") },
  // As `npm start` decides it (src/main.ts): on a worker thread when there is a second core.
  simulateWorker: simulateWorkerByDefault(),
});
const { token } = createStaffToken(db, cryptoRandom, "support", "bench:http");
// BENCH_HTTP_PROF=<file>: SIGUSR2 starts a CPU profile (after the warm-up: start-up and the
// knowledge base build are not what a request costs); it is written at SIGTERM.
const profile = process.env.BENCH_HTTP_PROF;
const session = profile ? new Session() : undefined;
process.on("SIGUSR2", () => {
  if (!session) return;
  session.connect();
  void session
    .post("Profiler.enable")
    .then(() => session.post("Profiler.setSamplingInterval", { interval: 200 }))
    .then(() => session.post("Profiler.start"));
});
const server = serve({ fetch: createApp(deps).fetch, port: 0, hostname: "127.0.0.1" }, (info) =>
  console.log(`token ${token}\nport ${info.port}`),
);
const stop = async () => {
  if (session && profile) writeFileSync(profile, JSON.stringify((await session.post("Profiler.stop")).profile));
  await deps.simulator?.close();
  server.close(() => (close(), rmSync(dir, { recursive: true, force: true }), process.exit(0)));
  (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
};
// The bench asks for this process's CPU time around each measured round, so it can print
// the server's CPU per request: steadier than req/s on a shared machine, where the load
// generator and other work compete for the same cores.
process.on("message", (m) => {
  if (m === "cpu") process.send?.({ cpu: process.cpuUsage() });
});
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
