/**
 * Demo credentials do not survive SSPR_DEMO=0 (issue 11 item 7). A database seeded as a
 * demo holds a published admin token and personas with a published password; started
 * with SSPR_DEMO=0 it must not quietly keep them working. main.ts refuses to start on it
 * and prints how to convert it (`npm run seed -- --remove`); once converted, it starts
 * and the demo token and password are dead. The start-up decision is tested in-process
 * (demoAtStart, the function main.ts calls); one spawned start checks main really exits.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { fixedClock } from "../../src/clock";
import { openDb } from "../../src/db/client";
import { DEMO_PASSWORD, DEMO_STAFF_TOKENS } from "../../src/db/seed/demo-tenant";
import { demoAtStart, hasDemoCredentials, removeDemo, seedDemo } from "../../src/db/seed/seed";
import { silentLog } from "../../src/log";
import { buildDeps } from "../../src/wiring";
import { seededRandom, TEST_NOW } from "../support/test-deps";

const run = promisify(execFile);
const TSX = join(process.cwd(), "node_modules", ".bin", "tsx");
const dir = mkdtempSync(join(tmpdir(), "sspr-demo-off-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A database file seeded as a demo, closed, as a first `npm start` would leave it. */
async function demoFile(name: string): Promise<string> {
  const path = join(dir, name);
  const { db, close } = openDb(path);
  await seedDemo(db, fixedClock(TEST_NOW));
  close();
  return path;
}

async function appOn(path: string, demo: boolean) {
  const { db, close } = openDb(path);
  const app = createApp(
    await buildDeps({ db, clock: fixedClock(TEST_NOW), random: seededRandom(), log: silentLog, demo }),
  );
  return { db, app, close };
}

describe("starting with SSPR_DEMO=0 on a demo database", () => {
  it("refuses, naming the file and the command that converts it", async () => {
    const path = await demoFile("refuse.db");
    const { db, close } = openDb(path);
    expect(() => demoAtStart(db, { requested: false, isNew: false, dbPath: path })).toThrow(
      `SSPR_DB=${path} npm run seed -- --remove`,
    );
    // Without SSPR_DEMO=0 it stays the demo it was.
    expect(demoAtStart(db, { requested: undefined, isNew: false, dbPath: path })).toBe(true);
    close();
  });

  it("starts once converted, and then neither the demo token nor the demo password works", async () => {
    const path = await demoFile("convert.db");
    const { db, close } = openDb(path);
    removeDemo(db);
    expect(hasDemoCredentials(db)).toBe(false);
    expect(demoAtStart(db, { requested: false, isNew: false, dbPath: path })).toBe(false);
    close();

    const started = await appOn(path, false);
    const users = await started.app.request("/api/v1/users?q=ada", {
      headers: { authorization: `Bearer ${DEMO_STAFF_TOKENS.admin}` },
    });
    expect(users.status).toBe(401);
    const signIn = await started.app.request("/api/v1/me/sign-in", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: "alex.healthy@contoso.example", password: DEMO_PASSWORD }),
    });
    expect(signIn.status).toBe(401);
    started.close();
  });

  it("counts a leftover demo staff token alone as a demo credential", async () => {
    const path = await demoFile("token-only.db");
    const { db, close } = openDb(path);
    db.$client.prepare("DELETE FROM tenants").run();
    expect(hasDemoCredentials(db)).toBe(true);
    expect(() => demoAtStart(db, { requested: false, isNew: false, dbPath: path })).toThrow(/Refusing to start/);
    close();
  });

  it("makes `npm start` exit non-zero with the conversion help instead of listening", async () => {
    const path = await demoFile("spawned.db");
    const started = run(TSX, ["src/main.ts"], {
      env: { ...process.env, SSPR_DB: path, SSPR_DEMO: "0", PORT: "0" },
      timeout: 30_000,
    });
    const failure = (await started.then(
      () => undefined,
      (err: { code?: number; stdout: string; stderr: string }) => err,
    ))!;
    expect(failure.code).toBe(1);
    expect(failure.stdout).not.toContain("listening");
    expect(failure.stderr).toContain(`SSPR_DB=${path} npm run seed -- --remove`);
  }, 40_000);
});
