/**
 * HTTP throughput benchmark (`npm run bench:http`): /healthz, POST /api/v1/diagnose/simulate
 * (varied snapshots) and GET /api/v1/kb/search (varied queries) against one real server
 * (bench/http-server.ts, its own process), 10 connections each. The three are measured in
 * interleaved rounds within one run, so their ratios share the machine's load at that
 * moment; the ratios are what to compare across machines, the absolute figures are not.
 */
import { spawn } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { tenantUsers } from "../test/support/snapshots";

// BENCH_HTTP_SECONDS per target per round (default 4), BENCH_HTTP_ROUNDS (default 3),
// BENCH_HTTP_ONLY (a word of the target names to run only those, e.g. "simulate" to profile it).
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS ?? 3);
const CONNECTIONS = 10;

const fmt = (n: number, digits = 1) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const machine = () =>
  `${cpus().length} cores, load average ${loadavg()
    .map((l) => fmt(l, 2))
    .join(" ")}, node ${process.version}`;

/** Starts bench/http-server.ts and resolves with its port and a stop function. */
async function startServer(): Promise<{
  port: number;
  token: string;
  stop: () => Promise<void>;
  startProfile: () => void;
  /** The server's CPU time so far (user + system), in microseconds. */
  cpuMicros: () => Promise<number>;
}> {
  const script = fileURLToPath(new URL("./http-server.ts", import.meta.url));
  // BENCH_HTTP_PROF=<file>: the server writes a V8 CPU profile of the measured rounds there
  // (after the warm-up); bench/profile-summary.ts summarises it.
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    env: process.env,
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const [token, port] = await new Promise<[string, number]>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /token (\S+)\nport (\d+)/.exec(out);
      if (m) resolve([m[1]!, Number(m[2])]);
    });
    child.on("exit", (code) => reject(new Error(`bench server exited (${code}) before listening`)));
  });
  const startProfile = () => child.kill("SIGUSR2");
  const stop = () => new Promise<void>((resolve) => (child.once("exit", () => resolve()), child.kill("SIGTERM")));
  const cpuMicros = () =>
    new Promise<number>((resolve) => {
      child.once("message", (m: { cpu: NodeJS.CpuUsage }) => resolve(m.cpu.user + m.cpu.system));
      child.send("cpu");
    });
  return { port, token, stop, startProfile, cpuMicros };
}

type Target = { name: string; requests: autocannon.Request[] };

function targets(token: string): Target[] {
  const bodies = tenantUsers(1_000, 3).map((u) => JSON.stringify(u.snapshot));
  const queries = [
    "reset password",
    "locked out",
    "verification code",
    "authenticator app",
    "security questions",
    "phone number",
    "sms not arriving",
    "password writeback",
    "too many attempts",
    "register methods",
    "paswrd",
    "konts bloķēts",
  ];
  // Clients behind the trusted proxy (the server trusts 127.0.0.1): 1,000 loopback addresses,
  // so each sees a few dozen requests a minute, far below the per-IP guard's default limits.
  const clients = Array.from({ length: 1_000 }, (_, i) => `127.1.${i >> 8}.${i & 255}`);
  let c = 0;
  const forwarded = (req: autocannon.Request) => ({
    ...req,
    headers: { ...req.headers, "x-forwarded-for": clients[c++ % clients.length]! },
  });
  let b = 0;
  let q = 0;
  return [
    { name: "GET /healthz", requests: [{ method: "GET", path: "/healthz", setupRequest: forwarded }] },
    {
      name: "POST /api/v1/diagnose/simulate",
      requests: [
        {
          method: "POST",
          path: "/api/v1/diagnose/simulate",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          setupRequest: (req) => ({ ...forwarded(req), body: bodies[b++ % bodies.length] }),
        },
      ],
    },
    {
      name: "GET /api/v1/kb/search",
      requests: [
        {
          method: "GET",
          setupRequest: (req) => ({
            ...forwarded(req),
            path: `/api/v1/kb/search?q=${encodeURIComponent(queries[q++ % queries.length]!)}`,
          }),
        },
      ],
    },
  ];
}

type Tally = {
  requests: number;
  seconds: number;
  /** Server CPU (user + system) spent during the measured rounds, µs. */
  cpuMicros: number;
  p50: number[];
  p99: number[];
  non2xx: number;
  errors: number;
};

async function main(): Promise<void> {
  const server = await startServer();
  const token = server.token;
  const url = `http://127.0.0.1:${server.port}`;
  console.log(`HTTP throughput, ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${SECONDS} s per target`);
  console.log(`machine at start: ${machine()}`);
  const only = process.env.BENCH_HTTP_ONLY;
  const list = targets(token).filter((t) => !only || t.name.includes(only));
  const tally = new Map<string, Tally>(
    list.map((t) => [t.name, { requests: 0, seconds: 0, cpuMicros: 0, p50: [], p99: [], non2xx: 0, errors: 0 }]),
  );
  try {
    // Warm-up: JIT, the knowledge base's caches, SQLite's page cache.
    for (const t of list) await autocannon({ url, connections: CONNECTIONS, duration: 1, requests: t.requests });
    if (process.env.BENCH_HTTP_PROF) server.startProfile();
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of list) {
        const cpuBefore = await server.cpuMicros();
        const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, requests: t.requests });
        const s = tally.get(t.name)!;
        s.cpuMicros += (await server.cpuMicros()) - cpuBefore;
        s.requests += r.requests.total;
        s.seconds += r.duration;
        s.p50.push(r.latency.p50);
        s.p99.push(r.latency.p99);
        s.non2xx += r.non2xx;
        s.errors += r.errors + r.timeouts;
      }
    }
  } finally {
    await server.stop();
  }
  const rate = (name: string) => tally.get(name)!.requests / tally.get(name)!.seconds;
  const cpuPerRequest = (name: string) => tally.get(name)!.cpuMicros / tally.get(name)!.requests;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  for (const [name, s] of tally) {
    const bad = s.non2xx + s.errors ? `  NOT 2xx ${s.non2xx}, errors ${s.errors}` : "";
    console.log(
      `  ${name.padEnd(32)} ${fmt(rate(name), 0).padStart(7)} req/s  p50 ${fmt(median(s.p50), 0)} ms  p99 ${fmt(median(s.p99), 0)} ms (worst round ${fmt(Math.max(...s.p99), 0)} ms)  server CPU ${fmt(cpuPerRequest(name), 0)} µs/request${bad}`,
    );
  }
  if (only) return;
  const health = rate("GET /healthz");
  console.log(
    `  ratio simulate / healthz   ${fmt(rate("POST /api/v1/diagnose/simulate") / health, 2)}x (target >= 0.25x, p99 < 5 ms)`,
  );
  console.log(`  ratio kb/search / healthz  ${fmt(rate("GET /api/v1/kb/search") / health, 2)}x`);
  // The same ratio from the server's CPU per request: what the req/s ratio tends to when the
  // server, not the load generator or a neighbour, is what limits both.
  console.log(
    `  ratio by server CPU per request, simulate / healthz  ${fmt(cpuPerRequest("GET /healthz") / cpuPerRequest("POST /api/v1/diagnose/simulate"), 2)}x`,
  );
  console.log(`machine at end: ${machine()}`);
}

await main();
