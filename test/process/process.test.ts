/**
 * The real process: `npm start`'s entry point and the token CLI, run as child
 * processes on a temporary database file.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { cryptoRandom, systemClock } from "../../src/clock";
import { openDb } from "../../src/db/client";
import { silentLog } from "../../src/log";
import { buildDeps } from "../../src/wiring";

const run = promisify(execFile);
const TSX = join(process.cwd(), "node_modules", ".bin", "tsx");
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDbPath = () => {
  const dir = mkdtempSync(join(tmpdir(), "sspr-proc-"));
  dirs.push(dir);
  return join(dir, "sspr.db");
};

/** Start `src/main.ts` on a database file; resolves with its URL, output and a stop function. */
async function startServer(dbPath: string) {
  const child = spawn(TSX, ["src/main.ts"], { env: { ...process.env, SSPR_DB: dbPath, PORT: "0" }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on("exit", () => reject(new Error(`exited early: ${out}${err}`)));
  });
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { url, out: () => out, err: () => err, stop: async () => (child.kill("SIGTERM"), exit) };
}

describe("npm start (src/main.ts)", () => {
  it("keeps a demo database a demo on the next start: the mailbox and the demo sign-in are still there", async () => {
    const dbPath = tempDbPath();
    const first = await startServer(dbPath);
    expect(await first.stop()).toBe(0);
    const second = await startServer(dbPath);
    expect(second.out()).toContain("(migrated)");
    expect(second.out()).toContain("demo admin:");
    expect((await fetch(`${second.url}/dev/mailbox`)).status).toBe(200);
    expect(await second.stop()).toBe(0);
  }, 60_000);

  it("serves on a new seeded database and, on SIGTERM, stops and closes the database cleanly", async () => {
    const dbPath = tempDbPath();
    const server = await startServer(dbPath);
    expect(server.out()).toContain(`database: ${dbPath}`);
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
  });
});

describe("npm run token", () => {
  it("creates a token that authenticates, and a revoked token stops working", async () => {
    const dbPath = tempDbPath();
    const env = { ...process.env, SSPR_DB: dbPath };
    const created = await run(TSX, ["src/cli/token.ts", "create", "--role", "helpdesk", "--name", "test"], { env });
    const token = /token: (\S+)/.exec(created.stdout)![1]!;
    const id = /id:\s+(\S+)/.exec(created.stdout)![1]!;

    const ask = async () => {
      const { db, close } = openDb(dbPath);
      const app = createApp(await buildDeps({ db, clock: systemClock, random: cryptoRandom, log: silentLog, demo: false }));
      return Promise.resolve(app.request("/api/v1/users", { headers: { authorization: `Bearer ${token}` } })).finally(close);
    };
    expect((await ask()).status).toBe(200);

    await run(TSX, ["src/cli/token.ts", "revoke", id], { env });
    expect((await ask()).status).toBe(401);
  });

  it("refuses an unknown role", async () => {
    const env = { ...process.env, SSPR_DB: tempDbPath() };
    await expect(run(TSX, ["src/cli/token.ts", "create", "--role", "root"], { env })).rejects.toThrow(/Allowed choices are support, helpdesk, admin/);
  });
});

describe("npm run diagnose and npm run sweep", () => {
  it("explains a persona: verdict, the blocker with its evidence, its fix and article", async () => {
    const env = { ...process.env, SSPR_DB: tempDbPath(), SSPR_DEMO: "1" };
    // The first start seeds the demo tenants; the CLI reads the same file.
    expect((await run(TSX, ["src/cli/seed.ts"], { env })).stdout).toMatch(/^seeded \d+ demo users/);
    expect((await run(TSX, ["src/cli/seed.ts"], { env })).stdout).toMatch(/already present/);
    const { stdout } = await run(TSX, ["src/cli/diagnose.ts", "carl.codes@contoso.example"], { env });
    expect(stdout).toContain("carl.codes@contoso.example: BLOCKED — too_many_codes_sent");
    expect(stdout).toMatch(/codesSentLastHour[^\n]*5/);
    expect(stdout).toContain("fix: clear_throttle (helpdesk");
    expect(stdout).toContain("/kb/throttling-and-blocks");
    const json = JSON.parse((await run(TSX, ["src/cli/diagnose.ts", "carl.codes@contoso.example", "--json"], { env })).stdout) as { primary: string };
    expect(json.primary).toBe("too_many_codes_sent");

    const sweep = await run(TSX, ["src/cli/sweep.ts", "contoso.example"], { env });
    expect(sweep.stdout).toMatch(/method_in_use_by_many\s*│\s*warning\s*│\s*4/);
    const csv = (await run(TSX, ["src/cli/sweep.ts", "contoso.example", "--csv"], { env })).stdout.trim().split("\n");
    expect(csv[0]).toBe("upn,user_id,code,severity");
    expect(csv).toContain("oscar.outside@contoso.example,usr-oscar.outside,user_not_in_sspr_scope,blocker");
  }, 60_000);
});

describe("npm run fix", () => {
  it("previews with --dry-run without changing anything, then applies and shows the verdict change", async () => {
    const env = { ...process.env, SSPR_DB: tempDbPath() };
    await run(TSX, ["src/cli/seed.ts"], { env });
    const dry = await run(TSX, ["src/cli/fix.ts", "clear_throttle", "bob.blocked@contoso.example", "--dry-run"], { env });
    expect(dry.stdout).toContain("blockedUntil");
    const before = await run(TSX, ["src/cli/diagnose.ts", "bob.blocked@contoso.example", "--json"], { env });
    expect((JSON.parse(before.stdout) as { primary: string }).primary).toBe("reset_blocked_temporarily");
    const applied = await run(TSX, ["src/cli/fix.ts", "clear_throttle", "bob.blocked@contoso.example"], { env });
    expect(applied.stdout).toContain("blocked/reset_blocked_temporarily → can_reset");
  }, 60_000);
});

