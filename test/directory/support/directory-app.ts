/**
 * The whole app on an in-memory database, wired with a secret key, plus one tenant
 * (example.test) whose people live in a real test directory: configured through the
 * admin API, synced, and given an email method each so a person can reset through the
 * API exactly as on the reset page.
 */
import { randomBytes } from "node:crypto";
import { createApp } from "../../../src/app";
import { fixedClock } from "../../../src/clock";
import { openDb } from "../../../src/db/client";
import type { Deps } from "../../../src/deps";
import { jsonLog, silentLog } from "../../../src/log";
import { createStaffToken } from "../../../src/db/staff-tokens";
import { buildDeps } from "../../../src/wiring";
import { seededRandom, TEST_NOW } from "../../support/test-deps";

export const TENANT = { id: "tnt-example", domain: "example.test" };

export async function directoryApp() {
  const { db, close } = openDb(":memory:");
  const clock = fixedClock(TEST_NOW);
  const random = seededRandom("directory-tests");
  const secretKey = randomBytes(32);
  const deps: Deps = await buildDeps({
    db,
    clock,
    random,
    log: process.env.TEST_LOG ? jsonLog() : silentLog,
    demo: true,
    cacheDir: ".cache/kb",
    secretKey,
  });
  const app = createApp(deps);
  const admin = createStaffToken(db, random, "admin", "directory tests").token;
  const support = createStaffToken(db, random, "support", "directory tests").token;
  db.$client.prepare("INSERT INTO tenants (id, name, domain) VALUES (?, 'Example', ?)").run(TENANT.id, TENANT.domain);
  db.$client
    .prepare(
      `INSERT INTO policies (tenant_id, enablement, methods_allowed, methods_required, writeback_enabled, allow_unlock_without_reset) VALUES (?, 'all', '["email"]', 1, 1, 1)`,
    )
    .run(TENANT.id);

  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const res = await app.request(`/api/v1${path}`, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: res.status,
      type: res.headers.get("content-type") ?? "",
      body: (await res.json()) as Record<string, any>,
    };
  };

  /** Give every synced user of the tenant a verified email method (login at home.example). */
  const enrolEveryone = () => {
    const users = db.$client
      .prepare("SELECT id, upn FROM users WHERE tenant_id = ? AND source = 'synced'")
      .all(TENANT.id) as { id: string; upn: string }[];
    const add = db.$client.prepare(
      "INSERT OR IGNORE INTO methods (id, user_id, type, value, verified) VALUES (?, ?, 'email', ?, 1)",
    );
    for (const u of users) add.run(`m-${u.id}`, u.id, `${u.upn.split("@")[0]}@home.example`);
  };

  return { app, db, deps, clock, admin, support, secretKey, call, enrolEveryone, close };
}
export type DirectoryApp = Awaited<ReturnType<typeof directoryApp>>;

/** Start, send an email code, read it from the dev mailbox, verify: the verify step's answer. */
export async function verifyStep(
  t: DirectoryApp,
  login: string,
): Promise<{ flowId: string; status: number; body: Record<string, any> }> {
  const started = await t.call("POST", "/reset/start", { login });
  if (started.status !== 200) throw new Error(`start ${started.status} ${JSON.stringify(started.body)}`);
  const flowId = started.body.flowId as string;
  const contact = `${login.split("@")[0]}@home.example`;
  const ch = await t.call("POST", `/reset/${flowId}/challenge`, { method: "email", contact });
  if (ch.status !== 200) throw new Error(`challenge ${ch.status} ${JSON.stringify(ch.body)}`);
  let code: string | undefined;
  for (let i = 0; i < 100 && !code; i++) {
    const m = t.deps.devMailbox!.forRecipient(contact)[0];
    if (m) code = /\b(\d{6,8})\b/.exec(m.text)![1];
    else await new Promise((r) => setTimeout(r, 10));
  }
  const v = await t.call("POST", `/reset/${flowId}/verify`, { method: "email", code });
  return { flowId, status: v.status, body: v.body };
}

/** A flow verified and ready to complete (throws when the verify step refuses). */
export async function verifiedFlow(t: DirectoryApp, login: string): Promise<string> {
  const v = await verifyStep(t, login);
  if (v.status !== 200) throw new Error(`verify ${v.status} ${JSON.stringify(v.body)}`);
  return v.flowId;
}
