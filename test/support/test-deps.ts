/**
 * The whole app on a fresh in-memory database with a fixed clock, seeded randomness
 * and silent logs — what every API test stands on.
 */
import { createHash } from "node:crypto";
import { createApp } from "../../src/app";
import type { Mailer } from "../../src/delivery/mailer";
import { fixedClock, type Random } from "../../src/clock";
import { openDb } from "../../src/db/client";
import { seedDemo } from "../../src/db/seed/seed";
import type { Deps } from "../../src/deps";
import type { StaffRole } from "../../src/http/auth";
import { jsonLog, silentLog } from "../../src/log";
import { createStaffToken } from "../../src/staff-tokens";
import { buildDeps } from "../../src/wiring";

export const TEST_NOW = "2026-11-24T09:30:00.000Z";

/** Deterministic "random" bytes: SHA-256 in counter mode over a seed. */
export function seededRandom(seed = "sspr-tests"): Random {
  let counter = 0;
  const bytes = (n: number) => {
    const chunks: Buffer[] = [];
    let len = 0;
    while (len < n) {
      const c = createHash("sha256").update(`${seed}:${counter++}`).digest();
      chunks.push(c);
      len += c.length;
    }
    return Buffer.concat(chunks).subarray(0, n);
  };
  return { bytes, int: (max) => bytes(4).readUInt32BE(0) % max };
}

export type TestContext = Awaited<ReturnType<typeof testApp>>;

/**
 * Build the app for a test.
 * @example const t = await testApp({ seed: true }); await t.app.request("/healthz")
 */
export async function testApp(opts: { seed?: boolean; now?: string; adminToken?: string; mailer?: Mailer } = {}) {
  const { db, close } = openDb(":memory:");
  const clock = fixedClock(opts.now ?? TEST_NOW);
  const random = seededRandom();
  if (opts.seed) await seedDemo(db, clock);
  const deps: Deps = await buildDeps({ db, clock, random, log: process.env.TEST_LOG ? jsonLog() : silentLog, demo: true, adminToken: opts.adminToken, mailer: opts.mailer, cacheDir: ".cache/kb" });
  const app = createApp(deps);
  const tokens = Object.fromEntries(
    (["support", "helpdesk", "admin"] as StaffRole[]).map((role) => [role, createStaffToken(db, random, role, `test ${role}`).token]),
  ) as Record<StaffRole, string>;
  const auth = (role: StaffRole) => ({ authorization: `Bearer ${tokens[role]}` });
  return { app, db, clock, deps, tokens, auth, close };
}

export async function problemOf(res: Response) {
  expectProblemType(res);
  return (await res.json()) as { type: string; title: string; status: number; detail: string; code?: string; field?: string; diagnosisId?: string };
}

function expectProblemType(res: Response) {
  const type = res.headers.get("content-type") ?? "";
  if (!type.startsWith("application/problem+json")) throw new Error(`expected problem+json, got ${type} (${res.status})`);
}
