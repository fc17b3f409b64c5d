/**
 * The real process: `npm start`'s entry point as a child process on a temporary
 * database file (two spawns: a new file, then a restart on it), and the CLIs — the
 * seed CLI once as a child process, to prove the entry point runs and exits, the rest
 * in-process (test/support/cli.ts), which costs an import instead of a tsx start. Every
 * server started here is killed by PID and every temporary folder removed in afterAll,
 * even when a test times out half-way.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { cryptoRandom, systemClock } from "../../src/clock";
import { openDb } from "../../src/db/client";
import { silentLog } from "../../src/log";
import { buildDeps } from "../../src/wiring";
import { runCli } from "../support/cli";

const run = promisify(execFile);
const TSX = join(process.cwd(), "node_modules", ".bin", "tsx");
/** How long a server may take to say it is listening on a busy 2-core machine. */
const START_TIMEOUT_MS = 45_000;

const dirs: string[] = [];
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(child.pid, "SIGKILL");
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDbPath = () => {
  const dir = mkdtempSync(join(tmpdir(), "sspr-proc-"));
  dirs.push(dir);
  return join(dir, "sspr.db");
};

/** Start `src/main.ts` on a database file; resolves with its URL, output and a stop function. Killed in afterAll if left running. */
async function startServer(dbPath: string) {
  const child = spawn(TSX, ["src/main.ts"], {
    env: { ...process.env, SSPR_DB: dbPath, PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let out = "";
  let err = "";
  child.stderr!.on("data", (d) => (err += d));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`not listening after ${START_TIMEOUT_MS} ms: ${out}${err}`));
    }, START_TIMEOUT_MS);
    child.stdout!.on("data", (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) (clearTimeout(timer), resolve(m[1]!));
    });
    child.on("exit", () => (clearTimeout(timer), reject(new Error(`exited early: ${out}${err}`))));
  });
  return { url, out: () => out, err: () => err, stop: async () => (child.kill("SIGTERM"), exit) };
}

describe("npm start (src/main.ts)", () => {
  it(
    "serves a new seeded database, stops cleanly on SIGTERM, and on restart the demo is still a demo",
    async () => {
      const dbPath = tempDbPath();
      const server = await startServer(dbPath);
      expect(server.out()).toContain(`database: ${dbPath} (new, migrated)`);
      expect(server.out()).toMatch(/demo tenant: contoso\.example/);
      const health = await fetch(`${server.url}/healthz`);
      expect(await health.json()).toEqual({ status: "ok" });
      // Start-up says how to sign in as the demo admin, and that token works.
      const token = /paste the token (\S+)/.exec(server.out())![1]!;
      const users = await fetch(`${server.url}/api/v1/users?q=ada`, { headers: { authorization: `Bearer ${token}` } });
      expect(users.status).toBe(200);
      expect(existsSync(`${dbPath}-wal`)).toBe(true);

      expect(await server.stop()).toBe(0);
      expect(server.err()).toContain("database closed");
      // SQLite folds the WAL back and removes it when the last connection closes cleanly.
      expect(existsSync(`${dbPath}-wal`)).toBe(false);

      // The real process hashes at the production cost (the suite's cheap cost never leaves the test process).
      const { db, close } = openDb(dbPath);
      const hash = db.$client.prepare("SELECT password_hash FROM users LIMIT 1").pluck().get() as string;
      close();
      expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);

      const again = await startServer(dbPath);
      expect(again.out()).toContain(`database: ${dbPath} (migrated)`);
      expect(again.out()).toContain("demo admin:");
      expect((await fetch(`${again.url}/dev/mailbox`)).status).toBe(200);
      expect(await again.stop()).toBe(0);
    },
    2 * START_TIMEOUT_MS + 20_000,
  );
});

describe("a CLI whose reader stops early (| head)", () => {
  it("ends quietly instead of printing an EPIPE stack trace", async () => {
    const child = spawn(TSX, ["src/cli/admin.ts", "tenant", "create", "Acme", "acme.example"], {
      env: { ...process.env, SSPR_DB: tempDbPath() },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.add(child);
    // Like `head` once it has its lines: the read end is gone before the CLI prints.
    child.stdout!.destroy();
    let err = "";
    child.stderr!.on("data", (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(err).not.toContain("EPIPE");
    expect(code).toBe(0);
  });
});

describe("npm run token", () => {
  it("creates a token that authenticates, and a revoked token stops working", async () => {
    const env = { SSPR_DB: tempDbPath() };
    const created = await runCli("token", ["create", "--role", "helpdesk", "--name", "test"], env);
    expect(created.code).toBe(0);
    const token = /token: (\S+)/.exec(created.stdout)![1]!;
    const id = /id:\s+(\S+)/.exec(created.stdout)![1]!;

    const ask = async () => {
      const { db, close } = openDb(env.SSPR_DB);
      const app = createApp(
        await buildDeps({ db, clock: systemClock, random: cryptoRandom, log: silentLog, demo: false }),
      );
      return Promise.resolve(app.request("/api/v1/users", { headers: { authorization: `Bearer ${token}` } })).finally(
        close,
      );
    };
    expect((await ask()).status).toBe(200);

    expect((await runCli("token", ["revoke", id], env)).stdout).toContain(`revoked ${id}`);
    expect((await ask()).status).toBe(401);
  });

  it("refuses an unknown role", async () => {
    const refused = await runCli("token", ["create", "--role", "root"], { SSPR_DB: tempDbPath() });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Allowed choices are support, helpdesk, admin/);
  });
});

describe("npm run seed, diagnose and sweep", () => {
  it(
    "explains a persona: verdict, the blocker with its evidence, its fix and article",
    async () => {
      const env = { SSPR_DB: tempDbPath(), SSPR_DEMO: "1" };
      // The one CLI run as a real process: the entry point starts, seeds and exits by itself.
      expect(
        (await run(TSX, ["src/cli/seed.ts"], { env: { ...process.env, ...env }, timeout: START_TIMEOUT_MS })).stdout,
      ).toMatch(/^seeded \d+ demo users/);
      expect((await runCli("seed", [], env)).stdout).toMatch(/already present/);
      const { stdout } = await runCli("diagnose", ["carl.codes@contoso.example"], env);
      expect(stdout).toContain("carl.codes@contoso.example: BLOCKED — too_many_codes_sent");
      expect(stdout).toMatch(/codesSentLastHour[^\n]*5/);
      expect(stdout).toContain("fix: clear_throttle (helpdesk");
      expect(stdout).toContain("/kb/throttling-and-blocks");
      const json = JSON.parse((await runCli("diagnose", ["carl.codes@contoso.example", "--json"], env)).stdout) as {
        primary: string;
      };
      expect(json.primary).toBe("too_many_codes_sent");

      const sweep = await runCli("sweep", ["contoso.example"], env);
      expect(sweep.stdout).toMatch(/method_in_use_by_many\s*│\s*warning\s*│\s*4/);
      const csv = (await runCli("sweep", ["contoso.example", "--csv"], env)).stdout.trim().split("\n");
      expect(csv[0]).toBe("upn,user_id,code,severity");
      expect(csv).toContain("oscar.outside@contoso.example,usr-oscar.outside,user_not_in_sspr_scope,blocker");
    },
    START_TIMEOUT_MS + 20_000,
  );
});

describe("npm run fix", () => {
  it("previews with --dry-run without changing anything, then applies and shows the verdict change", async () => {
    const env = { SSPR_DB: tempDbPath() };
    await runCli("seed", [], env);
    const dry = await runCli("fix", ["clear_throttle", "bob.blocked@contoso.example", "--dry-run"], env);
    expect(dry.stdout).toContain("blockedUntil");
    const before = await runCli("diagnose", ["bob.blocked@contoso.example", "--json"], env);
    expect((JSON.parse(before.stdout) as { primary: string }).primary).toBe("reset_blocked_temporarily");
    const applied = await runCli("fix", ["clear_throttle", "bob.blocked@contoso.example"], env);
    expect(applied.stdout).toContain("blocked/reset_blocked_temporarily → can_reset");
  });
});
